// Seeded synthetic feature sets for the kNN benchmark. `clustered` imitates pooled CNN features
// (class clusters with a low-dimensional spread, plus small full-dimensional noise); `random`
// (isotropic Gaussian) is the worst case for any approximate search.

/** Kinds of synthetic data. */
export const DATA_KINDS = ['clustered', 'random'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** Number of clusters in `clustered` data. */
const CLUSTERS = 100;
/** Dimension of the within-cluster spread in `clustered` data. */
const LATENT_DIM = 32;

function createRandom(seed: number): { uniform: () => number; gauss: () => number } {
  let state = seed >>> 0 || 1;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return { uniform, gauss: () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

/** n × d float32 features of the given kind (deterministic for a seed). */
export function createFeatures(kind: DataKind, n: number, d: number, seed = 7): Float32Array {
  const { uniform, gauss } = createRandom(seed);
  const data = new Float32Array(n * d);
  if (kind === 'random') {
    for (let i = 0; i < data.length; i++) data[i] = gauss();
    return data;
  }
  const centres = Float32Array.from({ length: CLUSTERS * d }, gauss);
  const spread = Float32Array.from({ length: d * LATENT_DIM }, () => 0.25 * gauss());
  const z = new Float64Array(LATENT_DIM);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(uniform() * CLUSTERS);
    for (let l = 0; l < LATENT_DIM; l++) z[l] = gauss();
    for (let x = 0; x < d; x++) {
      let v = centres[c * d + x] as number;
      for (let l = 0; l < LATENT_DIM; l++) v += (spread[x * LATENT_DIM + l] as number) * (z[l] as number);
      data[i * d + x] = v + 0.1 * gauss();
    }
  }
  return data;
}
