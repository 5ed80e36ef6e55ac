"""Benchmark the theme engine against a naive baseline and BERTopic 0.17.4 on the labeled sets.

Run from the repository root:  python benchmarks/themes.py [--quick]

Every method runs in its own subprocess so wall time and peak memory (ru_maxrss) are its own.
BERTopic lives in benchmarks/.venv-bertopic (created on first run) and gets the same e5
embeddings through .npy files. --quick skips BERTopic and the 100,000-text run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HERE = Path(__file__).resolve().parent
EVAL = Path(os.environ.get("LAGESBILD_EVAL_DIR", ROOT.parent / "shared" / "data" / "eval"))
SETS = {
    "argumentation": "argumentation_sentences_traindev.csv",
    "construction_faq": "construction_faq.csv",
}
CACHE = HERE / ".cache"
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
    """Texts and gold labels of one evaluation set."""
    with open(EVAL / SETS[name], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def synthetic(n: int, seed: int = 0) -> list[str]:
    """n short answers made by sampling eval sentences and dropping, cutting and joining words."""
    rng = random.Random(seed)
    pool = [t for name in SETS for t in load_set(name)[0]]
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
    t1 = time.perf_counter()
    model = discover_themes(
        texts, k=job["k"], backend=job["backend"], cache_dir=job.get("cache_dir")
    )
    fit = time.perf_counter() - t1
    rows = model.document_assignments()
    return {
        "pred": [r["theme"] for r in rows],
        "uncertain": sum(r["uncertain"] for r in rows) / len(rows),
        "import_s": imported,
        "fit_s": fit,
        "rss_mb": _rss_mb(),
        "labels": {t.id: t.label for t in model.themes},
    }


def embed_worker(job: dict) -> dict:
    """Embed texts with e5 into a cache directory and save them as .npy for BERTopic."""
    from lagesbild.engine.representations import E5Representation

    texts = json.load(open(job["texts"], encoding="utf-8"))
    t0 = time.perf_counter()
    import numpy as np

    x = E5Representation(cache_dir=job["cache_dir"]).fit_transform(texts, [])
    seconds = time.perf_counter() - t0
    if job.get("npy"):
        np.save(job["npy"], x)
    return {"embed_s": seconds, "rss_mb": _rss_mb()}


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


def embeddings_for(name: str, texts: list[str], tmp: Path) -> tuple[Path, float]:
    """e5 embeddings as .npy, and the cold embedding time (measured once, then recorded)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    timing = CACHE / f"e5-embed-seconds-{name}.json"
    texts_path = tmp / f"{name}.json"
    npy = tmp / f"{name}.npy"
    if not timing.exists():
        with tempfile.TemporaryDirectory() as cold:
            job = {"texts": str(texts_path), "cache_dir": cold}
            result = run_worker(job, tmp, "--embed-worker")
        timing.write_text(
            json.dumps({"embed_s": result["embed_s"], "n": len(texts)}), encoding="utf-8"
        )
    job = {"texts": str(texts_path), "cache_dir": str(CACHE / "embeddings"), "npy": str(npy)}
    run_worker(job, tmp, "--embed-worker")
    return npy, json.loads(timing.read_text(encoding="utf-8"))["embed_s"]


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
        "total_s": result["wall_s"] + result.get("embed_extra_s", 0.0),
        "rss_mb": result["rss_mb"],
        "labels": result.get("labels", {}),
    }


def evaluate(name: str, quick: bool, tmp: Path, bertopic_runs: int = 3) -> list[tuple[str, dict]]:
    texts, truth = load_set(name)
    k = len(set(truth))
    (tmp / f"{name}.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    common = {"texts": str(tmp / f"{name}.json"), "cache_dir": str(CACHE / "embeddings")}
    npy, embed_s = embeddings_for(name, texts, tmp)
    rows = [
        ("naive tfidf→LSA→KMeans, k=labels", run_worker({**common, "method": "naive", "k": k}, tmp))
    ]
    for backend in ("tfidf", "e5"):
        for kk, tag in ((None, "k auto"), (k, "k=labels")):
            result = run_worker({**common, "method": "engine", "backend": backend, "k": kk}, tmp)
            if backend == "e5":
                result["embed_extra_s"] = (
                    embed_s  # the run read a warm cache; a first run pays this
                )
            rows.append((f"engine {backend}, {tag}", result))
    scored = [(method, score(truth, result)) for method, result in rows]
    if not quick:
        from lagesbild.engine.text import swedish_stopwords

        python = ensure_bertopic_venv()
        worker_py = tmp / "bertopic_worker.py"
        worker_py.write_text(BERTOPIC_WORKER, encoding="utf-8")
        for kk, tag in ((0, "default (UMAP+HDBSCAN)"), (k, "KMeans k=labels")):
            job = {
                "texts": common["texts"],
                "embeddings": str(npy),
                "k": kk,
                "stopwords": sorted(swedish_stopwords()),
            }
            path = tmp / f"bt-{kk}.json"
            path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
            # UMAP has no fixed seed in BERTopic's default, so results vary: report mean and range.
            runs = []
            for _ in range(bertopic_runs):
                result = run(python, [str(worker_py), str(path)])
                result["embed_extra_s"] = embed_s
                runs.append(score(truth, result))
            scored.append((f"BERTopic 0.17.4 e5, {tag}, {bertopic_runs} runs", aggregate(runs)))
    return scored


def aggregate(runs: list[dict]) -> dict:
    """Mean of each number over runs, with the range of ARI and NMI, and the last run's labels."""
    out = {
        key: sum(r[key] for r in runs) / len(runs)
        for key in ("ari", "nmi", "themes", "uncertain", "time_s", "total_s")
    }
    out["rss_mb"] = max(r["rss_mb"] for r in runs)
    out["labels"] = runs[-1]["labels"]
    if len(runs) > 1:
        for key in ("ari", "nmi"):
            out[f"{key}_range"] = (min(r[key] for r in runs), max(r[key] for r in runs))
    return out


def speed(n: int, tmp: Path) -> dict:
    if n == 1350:
        texts = [t for name in SETS for t in load_set(name)[0]]
        texts = random.Random(1).sample(texts, n)
    else:
        texts = synthetic(n)
    path = tmp / f"speed-{n}.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    result = run_worker(
        {"texts": str(path), "method": "engine", "backend": "tfidf", "k": None}, tmp
    )
    return {
        "n": n,
        "fit_s": result["fit_s"],
        "wall_s": result["wall_s"],
        "rss_mb": result["rss_mb"],
        "themes": len(set(result["pred"])),
        "uncertain": result["uncertain"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip BERTopic and the 100,000-text run"
    )
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument("--bertopic-runs", type=int, default=3, help="BERTopic runs per variant")
    parser.add_argument("--json", type=Path, help="also write all numbers here")
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
        for name in args.sets:
            print(f"== {name}", file=sys.stderr, flush=True)
            report["sets"][name] = evaluate(name, args.quick, tmp, args.bertopic_runs)
            print_set(name, report["sets"][name])
        for n in (1350,) if args.quick else (1350, 100_000):
            print(f"== speed {n}", file=sys.stderr, flush=True)
            report["speed"].append(speed(n, tmp))
    print_speed(report["speed"])
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def print_set(name: str, rows: list[tuple[str, dict]]) -> None:
    print(f"\n### {name}\n")
    print(
        "| method | ARI | NMI | themes | uncertain/outliers | time s | total s (incl. e5 embedding) | peak MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")

    def num(s: dict, key: str) -> str:
        if f"{key}_range" in s:
            low, high = s[f"{key}_range"]
            return f"{s[key]:.3f} ({low:.3f}–{high:.3f})"
        return f"{s[key]:.3f}"

    for method, s in rows:
        print(
            f"| {method} | {num(s, 'ari')} | {num(s, 'nmi')} | {s['themes']:.0f} | {s['uncertain']:.1%} "
            f"| {s['time_s']:.1f} | {s['total_s']:.1f} | {s['rss_mb']:.0f} |"
        )
    for method, s in rows:
        if s["labels"] and ("k auto" in method or "default" in method):
            print(f"\nLabels, {method}:")
            for tid, label in list(s["labels"].items())[:12]:
                print(f"  {tid}: {label}")
    sys.stdout.flush()


def print_speed(rows: list[dict]) -> None:
    print("\n### speed, tfidf backend, k automatic\n")
    print("| texts | discover_themes s | process wall s | peak MB | themes | uncertain |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['fit_s']:.1f} | {r['wall_s']:.1f} | {r['rss_mb']:.0f} | {r['themes']} | {r['uncertain']:.1%} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
