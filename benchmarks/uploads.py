"""Benchmark document extraction on a large DOCX: the old DOM parse against the streamed one.

Run from the repository root:

    .venv/bin/python benchmarks/uploads.py [--megabytes 24]

Builds a valid DOCX whose word/document.xml is about N MB of varied text (it passes the ZIP
bomb check: ratio about 3:1), then in a fresh subprocess each, extracts it (1) with
python-docx, as the app did before, and (2) with the app's streamed extraction, which reads
it within MAX_DOCX_XML_BYTES or refuses it at once. Prints median seconds and peak memory
(max RSS) of three runs each, and their ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OLD = """
import io, sys, docx
data = open(sys.argv[1], "rb").read()
document = docx.Document(io.BytesIO(data))
parts = [p.text for p in document.paragraphs]
print(len("\\n".join(parts)))
"""

NEW = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
import django
django.setup()
from lagesbild.experiences.services.files import FileRefused, document_extract_text
data = open(sys.argv[1], "rb").read()
try:
    print(len(document_extract_text("big.docx", data).text))
except FileRefused as exc:
    print("refused:", exc)
"""


def run(code: str, path: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB, and output of one extraction in a fresh process."""
    start = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LAGESBILD_DATA_DIR": tempfile.mkdtemp()},
        check=True,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak, child.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=24)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    from lagesbild.experiences.tests.helpers import make_large_docx

    data = make_large_docx(args.megabytes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.docx"
        path.write_bytes(data)
        print(f"DOCX {len(data) / 1e6:.1f} MB, document.xml about {args.megabytes} MB")
        results = {}
        # Peak RSS of children only grows, so the streamed runs (smaller) go first.
        for name, code in (("streamed", NEW), ("python-docx", OLD)):
            runs = [run(code, path) for _ in range(3)]
            seconds = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            results[name] = (seconds, peak)
            print(f"{name:12} median {seconds:6.2f} s  peak RSS {peak:7.0f} MB  → {runs[0][2]}")
        old, new = results["python-docx"], results["streamed"]
        print(f"ratio old/new: time {old[0] / new[0]:.1f}×, memory {old[1] / new[1]:.1f}×")


if __name__ == "__main__":
    main()
