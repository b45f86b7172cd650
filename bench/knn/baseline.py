"""Baseline for bench/knn: the original patchwork's neighbour search, scikit-learn
NearestNeighbors(metric="cosine") (brute force), timed on the same .npy features.

usage: baseline.py <features.npy> <k> <queries> <out_indices.npy>
Fits on every row, asks for the k + 1 nearest neighbours of the first <queries> rows (all rows
when <queries> is 0 or >= N) and prints one JSON line with the timing; seconds_all_rows
extrapolates linearly when only some rows were queried (the cost is linear in the query count).
"""
import json
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors


def main() -> None:
    path, k, queries, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    features = np.load(path)
    n = features.shape[0]
    q = n if queries <= 0 or queries >= n else queries
    start = time.perf_counter()
    model = NearestNeighbors(n_neighbors=k + 1, metric="cosine").fit(features)
    distances, indices = model.kneighbors(features[:q])
    seconds = time.perf_counter() - start
    np.save(out, indices.astype(np.int32))
    print(json.dumps({
        "n": n,
        "d": int(features.shape[1]),
        "queries": q,
        "seconds": seconds,
        "seconds_all_rows": seconds * n / q,
        "sklearn": __import__("sklearn").__version__,
    }))


if __name__ == "__main__":
    main()
