"""Benchmark document extraction on a large DOCX: the old DOM parse against the streamed one.

Run from the repository root:

    .venv/bin/python benchmarks/uploads.py [--megabytes 24]

Builds a valid DOCX whose word/document.xml is about N MB of varied text (it passes the ZIP
bomb check: ratio about 3:1), then in a fresh subprocess each, extracts it (1) with
python-docx, as the app did before, and (2) with the app's streamed extraction, which reads
it within MAX_DOCX_XML_BYTES or refuses it at once. Prints the median seconds and the peak memory growth of
the extraction alone (three runs each), and their ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OLD = """
import io, resource, sys, time, docx
data = open(sys.argv[1], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
document = docx.Document(io.BytesIO(data))
parts = [p.text for p in document.paragraphs]
result = len("\\n".join(parts))
elapsed = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
print(elapsed, grown, result)
"""

NEW = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
import django
django.setup()
from lagesbild.experiences.services.files import FileRefused, document_extract_text
import resource, time
data = open(sys.argv[1], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    result = str(len(document_extract_text("big.docx", data).text))
except FileRefused as exc:
    result = "refused: " + str(exc)
elapsed = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
print(elapsed, grown, result)
"""


def run(code: str, path: Path) -> tuple[float, float, str]:
    """Seconds and peak memory growth (MB) of the extraction alone, in a fresh process."""
    child = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LAGESBILD_DATA_DIR": tempfile.mkdtemp()},
        check=True,
    )
    seconds, grown, result = child.stdout.strip().splitlines()[-1].split(" ", 2)
    return float(seconds), float(grown), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=24)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    os.environ.setdefault("LAGESBILD_DATA_DIR", tempfile.mkdtemp())
    import django

    django.setup()
    from lagesbild.experiences.tests.helpers import make_large_docx

    data = make_large_docx(args.megabytes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.docx"
        path.write_bytes(data)
        print(f"DOCX {len(data) / 1e6:.1f} MB, document.xml about {args.megabytes} MB")
        results = {}
        for name, code in (("streamed", NEW), ("python-docx", OLD)):
            runs = [run(code, path) for _ in range(3)]
            seconds = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            results[name] = (seconds, peak)
            print(f"{name:12} median {seconds:6.2f} s  memory +{peak:5.0f} MB  → {runs[0][2]}")
        old, new = results["python-docx"], results["streamed"]
        print(f"ratio old/new: time {old[0] / new[0]:.1f}×, memory {old[1] / max(new[1], 1):.1f}×")


if __name__ == "__main__":
    main()
