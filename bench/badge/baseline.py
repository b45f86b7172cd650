# Baseline for bench/badge: BADGE selection as the original does it. Materialise the N x dC
# gradient embedding (float32, j-major), then k-means++ with a full distance update per centre.
# Usage: python3 baseline.py N D C PICKS SEED  -> one JSON line on stdout.
import json, resource, sys, time
import numpy as np

n, d, c, picks, seed = (int(a) for a in sys.argv[1:6])
rng = np.random.default_rng(seed)
h = np.maximum(0, rng.random((n, d), dtype=np.float32) * 2 - 0.6).astype(np.float32)
p = (1 / (1 + np.exp(-(rng.random((n, c), dtype=np.float32) * 8 - 4)))).astype(np.float32)

t0 = time.perf_counter()
c0 = time.process_time()
r = (p - (p >= 0.5)) / c
X = (h[:, :, None] * r[:, None, :]).reshape(n, d * c).astype(np.float32)
t1 = time.perf_counter()
c1 = time.process_time()

# k-means++ as in the original KPlusPlusSampler (first centre: largest norm, like rankBadge here).
available = np.ones(n, dtype=bool)
first = int(np.argmax(np.sum(X * X, axis=1)))
chosen = [first]
available[first] = False
min_d = np.sum((X - X[first]) ** 2, axis=1)
for _ in range(picks - 1):
    w = np.where(available, min_d, 0.0).astype(np.float64)
    total = w.sum()
    if total <= 0:
        break
    i = int(rng.choice(n, p=w / total))
    chosen.append(i)
    available[i] = False
    min_d = np.minimum(min_d, np.sum((X - X[i]) ** 2, axis=1))
t2 = time.perf_counter()
c2 = time.process_time()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"n": n, "embed_s": t1 - t0, "select_s": t2 - t1, "select_cpu_s": c2 - c1, "embed_cpu_s": c1 - c0, "picks": len(chosen), "peak_mib": peak_kib / 1024}))
