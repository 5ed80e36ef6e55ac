"""Clustering of unit vectors and the automatic choice of the number of themes."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import cut_tree, linkage
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

# k is chosen on at most this many texts (Ward and silhouette are quadratic); the final fit uses all.
SAMPLE_FOR_K = 2000
# A smaller k is preferred when it scores within this share of the best silhouette (parsimony).
SILHOUETTE_TOLERANCE = 0.95
MAX_AUTO_K = 40
UNCERTAIN_MARGIN = 0.2
# The graph that scores candidate cuts links each text to its 10 nearest neighbours (as many as
# smoothing uses). 15 (UMAP's default) gave the same k on the development sets except the
# 503-question FAQ, where its coarser graph merged more of the 39 small categories.
GRAPH_NEIGHBOURS = 10
# "modularity" (default), "modularity_peak" (its form before the third round of issue #10, no
# margin) and "silhouette" (the rule before issue #10); the older two are kept for comparison.
K_RULES = ("modularity", "modularity_peak", "silhouette")
# Cuts whose modularity is within this of the best count as tied, and the fewest themes among
# them win. Measured (docs/themes.md, third round): float noise of 1e-7 in the vectors and 1 vs
# 2 BLAS threads move the curves by at most 9e-5 once empty texts are left out of the tree, noise
# of 1e-5 by 2e-4-6e-4 where the tree holds; 0.002 would already take the FAQ on e5 from 10 to 8
# themes (NMI 0.45 -> 0.42).
MODULARITY_MARGIN = 0.001
# A vector shorter than this is an empty text (stopwords only, "Nej."). The rule "modularity"
# leaves them out of the tree: one zero vector lies at distance exactly 1 from every unit vector,
# so where Ward merges it is decided by the last bits of the other vectors' norms, and with float
# noise of 1e-7 that one merge reshaped the debate set's TF-IDF tree (cuts agreeing only
# 0.75-0.86 ARI with the unperturbed tree; exactly 1.0 with the empty text left out).
EMPTY_NORM = 1e-6


SMOOTH_NEIGHBOURS = 10
SMOOTH_WEIGHT = 0.5
# Above this many texts the neighbour search (quadratic) costs more than it brings.
SMOOTH_MAX_TEXTS = 20_000


def smooth(x: np.ndarray, reference: np.ndarray | None = None, block: int = 1000) -> np.ndarray:
    """Pull each vector halfway towards the mean of its nearest neighbours in x (or in reference)."""
    # This is the neighbourhood structure UMAP exploits, at a fraction of the cost. New texts
    # (reference given) are smoothed against the corpus they are being assigned into.
    own = reference is None
    ref: np.ndarray = x if reference is None else reference
    nn = min(SMOOTH_NEIGHBOURS + (1 if own else 0), len(ref))
    if len(ref) < 3 or nn < 2:
        return x
    out = np.empty_like(x)
    for start in range(0, len(x), block):
        part = x[start : start + block]
        sims = part @ ref.T
        idx = np.argpartition(-sims, nn - 1, axis=1)[:, :nn]
        total = ref[idx].sum(axis=1)
        count = nn
        if not own:
            total = total + part
            count = nn + 1
        mixed = (1 - SMOOTH_WEIGHT) * part + SMOOTH_WEIGHT * total / count
        # An empty answer has no real neighbours; it stays empty so it is flagged, not absorbed.
        mixed[np.linalg.norm(part, axis=1) < 1e-6] = 0.0
        out[start : start + block] = mixed
    return normalize(out).astype(np.float32)


@dataclass
class Clustering:
    """Centroids (unit length) and the chosen k with how it was chosen."""

    centroids: np.ndarray
    k: int
    k_chosen: str
    scores: dict[int, float]
    k_rule: str = "modularity"


def candidate_ks(n: int, max_k: int = MAX_AUTO_K) -> list[int]:
    """The k values tried when choosing automatically: every k up to 10, then about 15% apart."""
    # At least ~8 texts per theme on average: smaller themes are not worth an analyst's review.
    upper = max(2, min(max_k, n // 8, n - 1))
    ks = list(range(2, min(upper, 10) + 1))
    k = 10
    while k < upper:
        k = min(upper, max(k + 1, round(k * 1.15)))
        ks.append(k)
    return sorted(set(ks))


def _kmeans(x: np.ndarray, k: int, random_state: int, n_init: int, init=None) -> KMeans:
    with warnings.catch_warnings():
        # Near-duplicate answers make k-means warn about fewer distinct clusters; k is capped elsewhere.
        warnings.simplefilter("ignore", ConvergenceWarning)
        if init is not None:
            return KMeans(k, init=init, n_init=1, random_state=random_state, max_iter=100).fit(x)
        return KMeans(k, n_init=n_init, random_state=random_state, max_iter=100).fit(x)


def _sample(x: np.ndarray, size: int, random_state: int) -> np.ndarray:
    if len(x) <= size:
        return x
    return x[np.sort(np.random.default_rng(random_state).choice(len(x), size, replace=False))]


def _means(x: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    return normalize(np.vstack([x[labels == j].mean(axis=0) for j in range(k)])).astype(np.float32)


def knn_graph(
    x: np.ndarray, neighbours: int = GRAPH_NEIGHBOURS, block: int = 1000
) -> sp.csr_matrix:
    """Unweighted, symmetric k-nearest-neighbour graph of unit vectors (cosine)."""
    n = len(x)
    nn = min(neighbours, n - 1)
    rows, cols = [], []
    for start in range(0, n, block):
        sims = x[start : start + block] @ x.T
        # A text is not its own neighbour; ties are broken by index so the graph is deterministic.
        sims[np.arange(len(sims)), np.arange(start, start + len(sims))] = -np.inf
        idx = np.argsort(-sims, axis=1, kind="stable")[:, :nn]
        rows.append(np.repeat(np.arange(start, start + len(sims)), nn))
        cols.append(idx.ravel())
    r, c = np.concatenate(rows), np.concatenate(cols)
    a = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    return ((a + a.T) > 0).astype(np.float64).tocsr()


def modularity(graph: sp.csr_matrix, labels: np.ndarray) -> float:
    """Newman's modularity of a partition: share of edges inside groups minus its expectation."""
    degree = np.asarray(graph.sum(axis=1)).ravel()
    total = degree.sum()
    k = int(labels.max()) + 1
    member = sp.csr_matrix(
        (np.ones(len(labels)), (np.arange(len(labels)), labels)), shape=(len(labels), k)
    )
    inside = (member.T @ graph @ member).diagonal()
    return float((inside / total - (member.T @ degree / total) ** 2).sum())


def ward_cuts(sample: np.ndarray, ks: list[int]) -> np.ndarray:
    """The sample's Ward tree cut at every k (one column per k)."""
    # One tree gives every cut, so trying 20 values of k costs little more than trying one.
    return cut_tree(linkage(sample, "ward"), n_clusters=ks)


def modularity_scores(sample: np.ndarray, cuts: np.ndarray, ks: list[int]) -> dict[int, float]:
    """Modularity of each cut (with at least two groups) on the sample's neighbour graph."""
    graph = knn_graph(sample)
    return {
        k: modularity(graph, cuts[:, i])
        for i, k in enumerate(ks)
        if len(np.unique(cuts[:, i])) >= 2
    }


def pick_by_modularity(scores: dict[int, float], rule: str = "modularity") -> int:
    """The k a modularity rule chooses from the scores of the cuts (scores must not be empty).

    "modularity_peak" (issue #10's first two rounds): the best score, exact ties to the smaller k.
    On flat curves two ks a few 1e-5 apart then swap with float noise. "modularity": every k
    within MODULARITY_MARGIN of the best counts as tied, and the smallest of them wins — scores
    that close do not tell the cuts apart, and fewer themes are easier to review (sub_themes
    offers the finer level)."""
    if rule == "modularity_peak":
        # Ties go to the smaller k: fewer themes are easier to review.
        return max(scores, key=lambda k: (round(scores[k], 6), -k))
    best = max(scores.values())
    tied = [k for k, s in scores.items() if s >= best - MODULARITY_MARGIN]
    return min(tied)


def choose_k(
    x: np.ndarray, random_state: int = 0, max_k: int = MAX_AUTO_K, rule: str = "modularity"
) -> tuple[int, dict[int, float], np.ndarray | None]:
    """1. Ward tree on up to SAMPLE_FOR_K vectors. 2. Score each candidate cut. 3. Choose.

    rules "modularity" and "modularity_peak": each cut is scored by its modularity on the texts'
    nearest-neighbour graph (see pick_by_modularity for how k is picked from the scores). The
    graph depends only on who is whose neighbour, not on raw distances, so it behaves alike on
    e5 (everything at cosine ~0.8, where the silhouette is ruled by the one widest split and
    collapses to k = 2) and on sparse TF-IDF (where pairs of near-duplicates make the silhouette
    rise with k for ever). rule "silhouette": the smallest k within SILHOUETTE_TOLERANCE of the
    best cosine silhouette (the rule before issue #10). Returns k, scores and that cut's centres."""
    if rule not in K_RULES:
        raise ValueError(f"Okänd regel för antal teman: {rule!r}")
    ks = candidate_ks(len(x), max_k)
    if len(ks) == 1 or len(x) < 6:
        return ks[0], {}, None
    sample = _sample(x, SAMPLE_FOR_K, random_state)
    if rule == "modularity":
        sample = sample[np.linalg.norm(sample, axis=1) >= EMPTY_NORM]
        ks = [k for k in ks if k < len(sample)]
        if len(ks) <= 1:
            return (ks[0] if ks else 2), {}, None
    cuts = ward_cuts(sample, ks)
    scores: dict[int, float] = {}
    if rule != "silhouette":
        scores = modularity_scores(sample, cuts, ks)
        if not scores:
            return ks[0], {}, None
        chosen = pick_by_modularity(scores, rule)
        return chosen, scores, _means(sample, cuts[:, ks.index(chosen)], chosen)
    distance = np.clip(1.0 - sample @ sample.T, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    for i, k in enumerate(ks):
        if len(np.unique(cuts[:, i])) >= 2:
            scores[k] = float(silhouette_score(distance, cuts[:, i], metric="precomputed"))
    if not scores:
        return ks[0], {}, None
    best = max(scores.values())
    if best <= 0:
        chosen = max(scores, key=lambda k: (scores[k], -k))
    else:
        chosen = min(k for k, s in scores.items() if s >= SILHOUETTE_TOLERANCE * best)
    return chosen, scores, _means(sample, cuts[:, ks.index(chosen)], chosen)


def cluster(
    x: np.ndarray,
    k: int | None = None,
    *,
    seeds: np.ndarray | None = None,
    random_state: int = 0,
    max_k: int = MAX_AUTO_K,
    choose_on: np.ndarray | None = None,
    k_rule: str = "modularity",
) -> Clustering:
    """1. Choose k (unless given) on `choose_on` (default x). 2. Refine with k-means from the Ward
    centres (and k-means++), seeds first."""
    n = len(x)
    n_seeds = 0 if seeds is None else len(seeds)
    scores: dict[int, float] = {}
    start = None
    # Duplicate answers ("Vet ej" × 200) cannot form more themes than there are distinct texts.
    distinct = len(np.unique(np.round(_sample(x, 20_000, random_state), 5), axis=0))
    max_k = min(max_k, distinct)
    if k is None and max_k < 2:
        k, how = 1, "automatically"
    elif k is None:
        k, scores, start = choose_k(
            x if choose_on is None else choose_on, random_state, max_k, rule=k_rule
        )
        how = "automatically"
        if k < n_seeds:
            k, start = n_seeds, None
    else:
        how = "given"
    k = max(1, min(k, n, max(distinct, n_seeds)))
    if n_seeds:
        # A free centre started on top of a seed would steal its texts, so fit all k freely and drop
        # the free centre closest to each seed before the seeded fit.
        init = seeds
        if k > n_seeds:
            free = normalize(
                _kmeans(
                    _sample(x, SAMPLE_FOR_K, random_state), k, random_state, n_init=3
                ).cluster_centers_
            )
            assert seeds is not None  # n_seeds > 0 only when seeds are given
            taken: set[int] = set()
            for s in range(n_seeds):
                sims = free @ seeds[s]
                sims[list(taken)] = -np.inf
                taken.add(int(np.argmax(sims)))
            keep = [i for i in range(k) if i not in taken]
            init = np.vstack([seeds, free[keep]])
        fit = _kmeans(x, k, random_state, n_init=1, init=init)
    else:
        if start is None:
            start = _kmeans(
                _sample(x, SAMPLE_FOR_K, random_state), k, random_state, n_init=3
            ).cluster_centers_
        fit = _kmeans(x, k, random_state, n_init=1, init=start)
        if n <= 20_000:
            # On ordinary sizes a few k-means++ restarts are cheap insurance against a poor Ward start.
            other = _kmeans(x, k, random_state, n_init=4)
            if other.inertia_ < fit.inertia_ - 1e-6:
                fit = other
    centroids = normalize(fit.cluster_centers_).astype(np.float32)
    return Clustering(centroids, k, how, scores, k_rule)


def assign_to_centroids(
    x: np.ndarray, centroids: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nearest centroid by cosine, its similarity (strength) and whether the assignment is uncertain."""
    sims = x @ centroids.T
    if sims.shape[1] == 1:
        best = np.zeros(len(x), dtype=np.int64)
        first = sims[:, 0]
        second = np.zeros(len(x), dtype=sims.dtype)
    else:
        order = np.argsort(-sims, axis=1, kind="stable")
        best = order[:, 0]
        first = np.take_along_axis(sims, order[:, :1], axis=1)[:, 0]
        second = np.take_along_axis(sims, order[:, 1:2], axis=1)[:, 0]
    strength = np.clip(first, 0.0, 1.0)
    # Raw similarities differ a lot between backends (e5 puts everything near 0.8), so both tests
    # are relative: the lead over the runner-up against the lead over the average theme, and the
    # strength against the theme's own spread (Tukey's lower fence).
    spread = np.maximum(first - sims.mean(axis=1), 1e-9)
    margin = (first - second) / spread
    uncertain = (margin < UNCERTAIN_MARGIN) & (sims.shape[1] > 1)
    for theme in np.unique(best):
        members = best == theme
        q1, q3 = np.percentile(strength[members], [25, 75])
        uncertain[members] |= strength[members] < q1 - 1.5 * (q3 - q1)
    uncertain |= first <= 0
    return best, strength.astype(np.float32), uncertain
