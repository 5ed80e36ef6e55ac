"""Candidate rules for the automatic number of themes, measured on every development set.

Run from the repository root:  python benchmarks/theme_rules.py [RULE ...] [--backends tfidf,e5]

The study behind issue #10: each rule chooses k on the raw vectors of each set, the engine then
clusters with that k exactly as discover_themes does (smoothing, k-means), and the table shows
k, ARI and NMI. Rules: old (silhouette, before #10), modularity (nn=15), mod10 (nn=10, the one
adopted), mod15t98 (parsimony 2 %), mod15s/mod10s (Ward cuts of smoothed vectors), eigengap
(normalised Laplacian of the neighbour graph), silnull (silhouette minus a column-permuted null),
stability (k-means agreement under 80 % resampling), hyb97/hyb95 (modularity plateau, silhouette
inside it); added in the second round: mod5/mod30 (graph sizes), snn10 (shared-nearest-neighbour
weights), wardstab (Ward-cut agreement under 80 % resampling), modL97 (largest k within 3 % of
the best modularity). Vectors are cached in $THEME_RULES_CACHE (default /tmp/theme-rules).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import cut_tree, linkage
from sklearn.metrics import adjusted_rand_score as ari
from sklearn.metrics import normalized_mutual_info_score as nmi
from theme_sets import build_sets

from lagesbild.engine import cluster as C
from lagesbild.engine.representations import make_representation
from lagesbild.engine.text import prepare

ROOT_CACHE = Path(os.environ.get("THEME_RULES_CACHE", "/tmp/theme-rules"))
CACHE = str(ROOT_CACHE / "e5")
VEC = str(ROOT_CACHE / "vectors")


def vectors(s, backend):
    os.makedirs(VEC, exist_ok=True)
    path = f"{VEC}/{s.name}-{backend}.npy"
    if os.path.exists(path):
        return np.load(path)
    prepared = [prepare(t) for t in s.texts]
    x = make_representation(backend, cache_dir=CACHE).fit_transform(s.texts, prepared)
    np.save(path, x)
    return x


def final(raw, k):
    v = C.smooth(raw) if len(raw) <= C.SMOOTH_MAX_TEXTS else raw
    res = C.cluster(v, k)
    best, _, _ = C.assign_to_centroids(v, res.centroids)
    return best


# ---------------- candidate rules ----------------


def knn_graph(x, nn=15):
    sims = x @ x.T
    np.fill_diagonal(sims, -np.inf)
    idx = np.argpartition(-sims, nn, axis=1)[:, :nn]
    n = len(x)
    a = sp.csr_matrix((np.ones(n * nn), (np.repeat(np.arange(n), nn), idx.ravel())), shape=(n, n))
    return ((a + a.T) > 0).astype(np.float64).tocsr()


def modularity(a, labels):
    deg = np.asarray(a.sum(axis=1)).ravel()
    m2 = deg.sum()
    k = labels.max() + 1
    onehot = sp.csr_matrix(
        (np.ones(len(labels)), (np.arange(len(labels)), labels)), shape=(len(labels), k)
    )
    inside = (onehot.T @ a @ onehot).diagonal()
    dsum = onehot.T @ deg
    return float((inside / m2 - (dsum / m2) ** 2).sum())


def ward_cuts(x, ks):
    s = C._sample(x, C.SAMPLE_FOR_K, 0)
    return s, cut_tree(linkage(s, "ward"), n_clusters=ks)


def rule_modularity(x, nn=15, tol=1.0):
    ks = C.candidate_ks(len(x))
    s, cuts = ward_cuts(x, ks)
    a = knn_graph(s, nn)
    scores = {k: modularity(a, cuts[:, i]) for i, k in enumerate(ks)}
    best = max(scores.values())
    return min(k for k, v in scores.items() if v >= tol * best), scores


def rule_eigengap(x, nn=15):
    s = C._sample(x, C.SAMPLE_FOR_K, 0)
    a = knn_graph(s, nn)
    deg = np.asarray(a.sum(axis=1)).ravel()
    d = sp.diags(1 / np.sqrt(deg))
    lap = sp.identity(len(s)) - d @ a @ d
    vals = np.sort(np.linalg.eigvalsh(lap.toarray()))[:42]
    gaps = {k: float(vals[k] - vals[k - 1]) for k in range(2, 41)}
    return max(gaps, key=gaps.get), gaps


def rule_silnull(x, reps=1):
    from sklearn.metrics import silhouette_score

    ks = C.candidate_ks(len(x))
    s, cuts = ward_cuts(x, ks)
    rng = np.random.default_rng(0)
    null = np.column_stack([rng.permutation(col) for col in s.T])
    null = null / np.linalg.norm(null, axis=1, keepdims=True)
    ncuts = cut_tree(linkage(null, "ward"), n_clusters=ks)

    def sil(v, c):
        d = np.clip(1 - v @ v.T, 0, None)
        np.fill_diagonal(d, 0)
        return float(silhouette_score(d, c, metric="precomputed"))

    scores = {k: sil(s, cuts[:, i]) - sil(null, ncuts[:, i]) for i, k in enumerate(ks)}
    return max(scores, key=scores.get), scores


def rule_stability(x, reps=3, thr=0.8):
    from sklearn.cluster import KMeans

    ks = C.candidate_ks(len(x))
    s = C._sample(x, C.SAMPLE_FOR_K, 0)
    rng = np.random.default_rng(0)
    scores = {}
    for k in ks:
        vals = []
        for r in range(reps):
            i1 = rng.choice(len(s), int(0.8 * len(s)), replace=False)
            i2 = rng.choice(len(s), int(0.8 * len(s)), replace=False)
            p1 = KMeans(k, n_init=1, random_state=r).fit(s[i1]).predict(s)
            p2 = KMeans(k, n_init=1, random_state=r + 100).fit(s[i2]).predict(s)
            vals.append(ari(p1, p2))
        scores[k] = float(np.mean(vals))
    ok = [k for k, v in scores.items() if v >= thr]
    return (max(ok) if ok else 2), scores


RULES = {
    "old": lambda x: C.choose_k(x)[:2],
    "modularity": rule_modularity,
    "eigengap": rule_eigengap,
    "silnull": rule_silnull,
    "stability": rule_stability,
}


def run_rules(rules, backends):
    sets = build_sets()
    rows = []
    for name, s in sets.items():
        for b in backends:
            raw = vectors(s, b)
            for r in rules:
                t = time.perf_counter()
                k, scores = RULES[r](raw)
                dt = time.perf_counter() - t
                pred = final(raw, k)
                rows.append((name, b, r, s.k, k, ari(s.labels, pred), nmi(s.labels, pred), dt))
                print(
                    f"{name:20} {b:5} {r:12} true {s.k:3} k {k:3}  ARI {rows[-1][5]:.3f} NMI {rows[-1][6]:.3f}  {dt:.1f}s",
                    flush=True,
                )
    return rows


def rule_mod_smooth(x, nn=15, tol=1.0):
    ks = C.candidate_ks(len(x))
    s = C._sample(x, C.SAMPLE_FOR_K, 0)
    ss = C.smooth(s)
    cuts = cut_tree(linkage(ss, "ward"), n_clusters=ks)
    a = knn_graph(s, nn)
    scores = {k: modularity(a, cuts[:, i]) for i, k in enumerate(ks)}
    best = max(scores.values())
    return min(k for k, v in scores.items() if v >= tol * best), scores


RULES.update(
    {
        "mod10": lambda x: rule_modularity(x, nn=10),
        "mod15t98": lambda x: rule_modularity(x, nn=15, tol=0.98),
        "mod15s": rule_mod_smooth,
        "mod10s": lambda x: rule_mod_smooth(x, nn=10),
    }
)


def rule_hybrid(x, nn=10, plateau=0.97):
    from sklearn.metrics import silhouette_score

    ks = C.candidate_ks(len(x))
    s, cuts = ward_cuts(x, ks)
    a = knn_graph(s, nn)
    mod = {k: modularity(a, cuts[:, i]) for i, k in enumerate(ks)}
    best = max(mod.values())
    cand = [k for k in ks if mod[k] >= plateau * best]
    d = np.clip(1 - s @ s.T, 0, None)
    np.fill_diagonal(d, 0)
    sil = {k: float(silhouette_score(d, cuts[:, ks.index(k)], metric="precomputed")) for k in cand}
    return max(cand, key=lambda k: (sil[k], -k)), {"mod": mod, "sil": sil}


RULES.update({"hyb97": rule_hybrid, "hyb95": lambda x: rule_hybrid(x, plateau=0.95)})


def snn_graph(x, nn=10):
    """Shared-nearest-neighbour graph: each link weighted by the Jaccard overlap of the two
    texts' neighbour lists (PhenoGraph's graph), which damps links through hub texts."""
    n = len(x)
    sims = x @ x.T
    idx = np.argsort(-sims, axis=1, kind="stable")[:, : nn + 1]
    d = sp.csr_matrix(
        (np.ones(n * (nn + 1)), (np.repeat(np.arange(n), nn + 1), idx.ravel())), shape=(n, n)
    )
    shared = (d @ d.T).tocsr()
    shared.setdiag(0)
    shared.eliminate_zeros()
    shared.data = shared.data / (2 * (nn + 1) - shared.data)
    return shared


def rule_snn(x, nn=10):
    ks = C.candidate_ks(len(x))
    s, cuts = ward_cuts(x, ks)
    a = snn_graph(s, nn)
    scores = {k: modularity(a, cuts[:, i]) for i, k in enumerate(ks)}
    return max(scores, key=lambda k: (round(scores[k], 6), -k)), scores


def rule_ward_stability(x, reps=5, frac=0.8):
    """Agreement (ARI) between each Ward cut and the same cut of the tree of an 80 % subsample;
    one tree per resample gives every k, so this is cheap. The most stable k wins."""
    ks = C.candidate_ks(len(x))
    s, cuts = ward_cuts(x, ks)
    rng = np.random.default_rng(0)
    agree = {k: [] for k in ks}
    for _ in range(reps):
        idx = np.sort(rng.choice(len(s), int(frac * len(s)), replace=False))
        sub = cut_tree(linkage(s[idx], "ward"), n_clusters=ks)
        for i, k in enumerate(ks):
            agree[k].append(ari(cuts[idx, i], sub[:, i]))
    scores = {k: float(np.mean(v)) for k, v in agree.items()}
    return max(scores, key=lambda k: (scores[k], -k)), scores


def rule_mod_plateau_largest(x, nn=10, tol=0.97):
    """The largest k whose modularity is within 3 % of the best (against the resolution limit)."""
    ks = C.candidate_ks(len(x))
    s, cuts = ward_cuts(x, ks)
    a = C.knn_graph(s, nn)
    scores = {k: modularity(a, cuts[:, i]) for i, k in enumerate(ks)}
    best = max(scores.values())
    return max(k for k, v in scores.items() if v >= tol * best), scores


RULES.update(
    {
        "mod5": lambda x: rule_modularity(x, nn=5),
        "mod30": lambda x: rule_modularity(x, nn=30),
        "snn10": rule_snn,
        "wardstab": rule_ward_stability,
        "modL97": rule_mod_plateau_largest,
    }
)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    backends = ["tfidf", "e5"]
    if "--backends" in sys.argv:
        backends = sys.argv[sys.argv.index("--backends") + 1].split(",")
        args = [a for a in args if a != ",".join(backends)]
    run_rules(args or ["old", "mod10", "modularity", "eigengap", "silnull"], backends)
