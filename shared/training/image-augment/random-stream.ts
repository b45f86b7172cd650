// Bulk random numbers for per-value draws (noise, pixel masks): mulberry32 blocks generated in a
// tight loop, each block seeded by one draw of the caller's Rng, so results stay deterministic
// while avoiding a closure call (and a boxed state) per value.
import type { Rng } from '../random.ts';

/** Values generated per block. */
const BLOCK = 4096;
/** 2³². */
const TWO_32 = 4294967296;

/** A stream of 32-bit random integers backed by the Rng. */
export class RandomStream {
  private readonly block = new Int32Array(BLOCK);
  private position = BLOCK;
  private source: Rng;

  constructor(source: Rng) {
    this.source = source;
  }

  /** Switches to another Rng and drops the buffered values (the next draw starts a new block). */
  reset(source: Rng): void {
    this.source = source;
    this.position = BLOCK;
  }

  /** A signed 32-bit integer, uniform over all 2³² values. */
  nextInt32(): number {
    if (this.position === BLOCK) this.refill();
    return this.block[this.position++] ?? 0;
  }

  /** A uniform float in [0, 1). */
  nextFloat(): number {
    return (this.nextInt32() >>> 0) / TWO_32;
  }

  private refill(): void {
    let state = (this.source() * TWO_32) | 0;
    const block = this.block;
    for (let i = 0; i < BLOCK; i++) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      block[i] = t ^ (t >>> 14);
    }
    this.position = 0;
  }
}

/** The stream the augmentations share (reset to the caller's Rng before each use). */
const SHARED = new RandomStream(() => 0);

/** The shared stream, reset to draw its blocks from `rng`. */
export function randomStream(rng: Rng): RandomStream {
  SHARED.reset(rng);
  return SHARED;
}
