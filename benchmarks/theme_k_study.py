"""How much float noise moves the modularity curve, and which pick of k holds (issue #10, round 3).

Run from the repository root:
  python benchmarks/theme_k_study.py prepare          # vectors + ARI/NMI at every candidate k
  python benchmarks/theme_k_study.py noise [SIGMA]    # curves under SIGMA noise (default 1e-7)
  python benchmarks/theme_k_study.py rules            # every pick rule on every set, in seconds
  python benchmarks/theme_k_study.py threads          # the rules with 1 and 2 BLAS threads

`prepare` embeds each group of texts once (e5 vectors cached per text in $THEME_RULES_CACHE/e5,
default /tmp/theme-rules) and runs the engine's final clustering at every candidate k, started
from that k's Ward cut exactly as discover_themes does, so a rule's ARI/NMI is read off a table.
The sets sharing texts (construction_faq/faq_areas, the three pooled sets) share one clustering.
Trees: "all" sampled texts (rule modularity_peak) or "nonempty" ones (rule modularity).
`mixed` is the benchmark's 1,350-text speed sample (debate sentences and FAQ questions mixed,
no labels), on which the old rule's choice flipped between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.preprocessing import normalize
from theme_sets import build_sets

from lagesbild.engine import cluster as C
from lagesbild.engine.representations import make_representation
from lagesbild.engine.text import prepare

CACHE = Path(os.environ.get("THEME_RULES_CACHE", "/tmp/theme-rules"))
GROUPS = {
    "argumentation": ["argumentation"],
    "faq": ["construction_faq", "faq_areas"],
    "pooled": ["pooled_broad", "pooled_areas", "pooled_fine"],
    "short": ["argumentation_short"],
    "mixed": [],
}
BACKENDS = ("tfidf", "e5")
SETS = build_sets()


def texts_of(group: str) -> list[str]:
    if group == "mixed":
        pool = SETS["argumentation"].texts + SETS["construction_faq"].texts
        return random.Random(1).sample(pool, 1350)
    return SETS[GROUPS[group][0]].texts


def embed(group: str, backend: str) -> np.ndarray:
    texts = texts_of(group)
    rep = make_representation(backend, cache_dir=str(CACHE / "e5"))
    return rep.fit_transform(texts, [prepare(t) for t in texts])


def raw_vectors(group: str, backend: str) -> np.ndarray:
    path = CACHE / "vectors" / f"{group}-{backend}.npy"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, embed(group, backend))
    return np.load(path)


def candidates(raw: np.ndarray) -> list[int]:
    """The candidate ks discover_themes tries (capped by the distinct smoothed vectors)."""
    v = C.smooth(raw)
    distinct = len(np.unique(np.round(C._sample(v, 20_000, 0), 5), axis=0))
    return C.candidate_ks(len(raw), min(C.MAX_AUTO_K, distinct))


# "all": the tree on every sampled text (rule modularity_peak); "nonempty": empty texts left
# out (rule modularity since the third round).
TREES = ("all", "nonempty")


def tree(raw: np.ndarray, ks: list[int], variant: str):
    sample = C._sample(raw, C.SAMPLE_FOR_K, 0)
    if variant == "nonempty":
        sample = sample[np.linalg.norm(sample, axis=1) >= C.EMPTY_NORM]
    ks = [k for k in ks if k < len(sample)]
    return sample, ks, C.ward_cuts(sample, ks)


def curve(raw: np.ndarray, ks: list[int], variant: str) -> dict[int, float]:
    sample, ks, cuts = tree(raw, ks, variant)
    return C.modularity_scores(sample, cuts, ks)


def outcome_at(raw: np.ndarray, ks: list[int], variant: str) -> dict[int, list[int]]:
    """The engine's final assignment at every k, started from the Ward cut as with k automatic."""
    v = C.smooth(raw)
    sample, ks, cuts = tree(raw, ks, variant)
    out = {}
    for i, k in enumerate(ks):
        start = C._means(sample, cuts[:, i], k)
        fit = C._kmeans(v, k, 0, n_init=1, init=start)
        other = C._kmeans(v, k, 0, n_init=4)
        if other.inertia_ < fit.inertia_ - 1e-6:
            fit = other
        best, _, _ = C.assign_to_centroids(v, normalize(fit.cluster_centers_).astype(np.float32))
        out[k] = best.tolist()
        print(f"  k={k}", file=sys.stderr, flush=True)
    return out


def prepare_all() -> None:
    for group, backend, variant in product(GROUPS, BACKENDS, TREES):
        path = CACHE / f"outcomes-{group}-{backend}-{variant}.json"
        if path.exists():
            continue
        print(f"== {group} {backend} {variant}", file=sys.stderr, flush=True)
        raw = raw_vectors(group, backend)
        ks = candidates(raw)
        scores = curve(raw, ks, variant)
        table: dict = {"ks": ks, "scores": {str(k): s for k, s in scores.items()}, "sets": {}}
        if GROUPS[group]:
            preds = outcome_at(raw, ks, variant)
            for name in GROUPS[group]:
                truth = SETS[name].labels
                table["sets"][name] = {
                    str(k): [
                        adjusted_rand_score(truth, p),
                        normalized_mutual_info_score(truth, p),
                    ]
                    for k, p in preds.items()
                }
        path.write_text(json.dumps(table), encoding="utf-8")


def load_table(group: str, backend: str, variant: str) -> dict:
    path = CACHE / f"outcomes-{group}-{backend}-{variant}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def perturbed(raw: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """raw plus Gaussian noise, renormalised; empty vectors stay empty (as the engine keeps them)."""
    noise = np.random.default_rng(seed).normal(scale=sigma, size=raw.shape)
    out = normalize(raw.astype(np.float64) + noise).astype(np.float32)
    out[np.linalg.norm(raw, axis=1) < C.EMPTY_NORM] = 0.0
    return out


def noise_curves(sigma: float, seeds: int = 20) -> None:
    """Curves of every group, backend and tree under `seeds` draws of Gaussian noise (saved)."""
    trees = os.environ.get("THEME_NOISE_TREES", ",".join(TREES)).split(",")
    for group, backend, variant in product(GROUPS, BACKENDS, trees):
        path = CACHE / f"noise-{sigma:g}-{group}-{backend}-{variant}.json"
        if path.exists():
            continue
        raw = raw_vectors(group, backend)
        table = load_table(group, backend, variant)
        curves = [curve(perturbed(raw, sigma, s), table["ks"], variant) for s in range(seeds)]
        path.write_text(json.dumps([{str(k): v for k, v in c.items()} for c in curves]))
        base = table["scores"]
        dev = max(abs(c[k] - base[str(k)]) for c in curves for k in c)
        print(f"{group:14} {backend:5} {variant:8} sigma {sigma:g}: max |Δ| {dev:.2e}", flush=True)


def threads_worker() -> None:
    """Vectors (TF-IDF recomputed, e5 from the cache) and curves under this process's threads."""
    out = {}
    for group in GROUPS:
        for backend in BACKENDS:
            raw = embed(group, backend)
            np.save(CACHE / f"threads-{os.environ['OPENBLAS_NUM_THREADS']}-{group}-{backend}", raw)
            ks = load_table(group, backend, "all")["ks"]
            out[f"{group}-{backend}"] = {
                "hash": hashlib.sha256(raw.tobytes()).hexdigest()[:12],
                "scores": {v: {str(k): s for k, s in curve(raw, ks, v).items()} for v in TREES},
                "k": {rule: C.choose_k(raw, rule=rule, max_k=max(ks))[0] for rule in C.K_RULES},
            }
    print(json.dumps(out))


def threads() -> None:
    runs = {}
    for n in ("1", "2"):
        env = {**os.environ, "OMP_NUM_THREADS": n, "OPENBLAS_NUM_THREADS": n, "MKL_NUM_THREADS": n}
        proc = subprocess.run(
            [sys.executable, __file__, "threads-worker"], env=env, capture_output=True, text=True
        )
        if proc.returncode:
            raise RuntimeError(proc.stderr[-2000:])
        runs[n] = json.loads(proc.stdout.strip().splitlines()[-1])
    (CACHE / "threads.json").write_text(json.dumps(runs))
    print(
        "| group | backend | vectors: max abs diff | max |Δ modularity| "
        "| k by rule, 1 thread → 2 threads |"
    )
    print("|---|---|---:|---:|---|")
    for key, one in runs["1"].items():
        two = runs["2"][key]
        diff = np.abs(
            np.load(CACHE / f"threads-1-{key}.npy") - np.load(CACHE / f"threads-2-{key}.npy")
        )
        dev = max(
            abs(one["scores"][v][k] - two["scores"][v][k]) for v in TREES for k in one["scores"][v]
        )
        ks = ", ".join(f"{r} {one['k'][r]}→{two['k'][r]}" for r in one["k"])
        group, backend = key.rsplit("-", 1)
        print(f"| {group} | {backend} | {diff.max():.1e} | {dev:.1e} | {ks} |")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "rules"
    if command == "prepare":
        prepare_all()
    elif command == "noise":
        noise_curves(float(sys.argv[2]) if len(sys.argv) > 2 else 1e-7)
    elif command == "threads":
        threads()
    elif command == "threads-worker":
        threads_worker()
    elif command == "rules":
        from theme_k_rules import main as rules_main

        rules_main(sys.argv[2:])
