// Seeded random numbers for reproducible training (mulberry32): the trainer passes one in wherever
// the shared maths draws (sampler, augmentation), so a fixed seed gives the same run twice.

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/** Creates a mulberry32 generator from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** A standard normal draw (Box–Muller). */
export function randomNormal(rng: Rng): number {
  let u = rng();
  while (u <= Number.EPSILON) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A positive 31-bit integer seed drawn from `rng` (tfjs treats seed 0 as "unseeded"). */
export function randomSeed(rng: Rng): number {
  return 1 + randomInt(rng, 0x7ffffffe);
}
