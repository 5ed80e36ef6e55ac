"""Labeled development sets for theme discovery, generated at run time from ../shared/data/eval.

Nothing here is copied into the repository: every set is built from the two CC BY 4.0 files
(SuperLim 2.0 argumentation sentences, Språkbanken; zaragoza-construction-faq 1.2.1) each time.
Besides the two sets as published, they are recombined so the collection also holds the failure
seen on held-out material — few BROAD subjects, each internally mixed — and its opposite:

- coarse labels over fine ones (the 39 FAQ categories grouped into 6 subject areas by name),
- pooled sets whose parts have different granularity (6 debate topics + the whole FAQ as one
  subject "building", i.e. 7 broad subjects; the same texts scored against 6 + 39 fine labels),
- short sentences only, at the size of a typical web survey (600 texts).

Samples are drawn with a fixed seed, so every run sees the same sets.
"""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("LAGESBILD_EVAL_DIR", ROOT.parent / "shared" / "data" / "eval"))

# The FAQ's 39 categories grouped by subject area, from the category names alone (not tuned on
# any result): permits and planning rules, tax and paperwork, contracts and disputes, renovation
# work, installations and energy, choosing and running a builder.
FAQ_AREAS = {
    "tillstånd": [
        "bygglov",
        "attefallshus-friggebod",
        "tillbyggnad",
        "marklov-rivningslov",
        "strandskydd",
        "bbr-pbl",
        "altan-staket-plank",
        "tomtgrans-servitut",
        "buller-granne",
    ],
    "skatt": ["rot-avdrag", "rut-avdrag", "f-skatt", "omvand-moms", "personalliggare"],
    "avtal": [
        "kontrakt",
        "dispute",
        "reklamation-process",
        "garantier",
        "forsakring-ansvar",
        "dolda-fel",
        "besiktning",
        "kostnader",
    ],
    "renovering": [
        "badrumsrenovering",
        "koksrenovering",
        "fasadrenovering",
        "takläggning",
        "isolering",
    ],
    "installation": [
        "vvs",
        "elinstallation",
        "varmesystem",
        "ventilation",
        "solceller-varmpump",
        "bergvarme-jordvarme",
        "oppen-spis-vedeldning",
        "energideklaration",
        "radon-fuktskador",
    ],
    "byggfirma": ["verifiera-byggfirma", "arbetsmiljo", "yrkesbevis-certifikat"],
}
AREA_OF = {category: area for area, categories in FAQ_AREAS.items() for category in categories}


@dataclass(frozen=True)
class LabeledSet:
    """Texts with one gold label each; `broad` marks sets whose labels are a few broad subjects."""

    name: str
    texts: list[str]
    labels: list[str]
    broad: bool
    note: str

    @property
    def k(self) -> int:
        return len(set(self.labels))


def _rows(file: str) -> list[dict[str, str]]:
    with open(EVAL / file, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def argumentation() -> list[dict[str, str]]:
    return _rows("argumentation_sentences_traindev.csv")


def faq() -> list[dict[str, str]]:
    rows = _rows("construction_faq.csv")
    missing = {r["label"] for r in rows} - set(AREA_OF)
    assert not missing, f"FAQ categories without an area: {missing}"
    return rows


def _per_label(rows: list[dict[str, str]], n: int, seed: int, keep=lambda r: True) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    for label in sorted({r["label"] for r in rows}):
        group = [r for r in rows if r["label"] == label and keep(r)]
        out += rng.sample(group, min(n, len(group)))
    return out


def _set(name: str, rows: list[dict], label: Callable[[dict], str], broad: bool, note: str):
    return LabeledSet(name, [r["text"] for r in rows], [label(r) for r in rows], broad, note)


def build_sets() -> dict[str, LabeledSet]:
    """Every development set, by name, in table order."""
    arg, fq = argumentation(), faq()
    pooled = _per_label(arg, 150, seed=1) + fq
    short = _per_label(arg, 100, seed=2, keep=lambda r: len(r["text"].split()) <= 20)
    sets = [
        _set("argumentation", arg, lambda r: r["label"], True, "4,200 debate sentences, 6 topics"),
        _set("construction_faq", fq, lambda r: r["label"], False, "503 questions, 39 categories"),
        _set("faq_areas", fq, lambda r: AREA_OF[r["label"]], True, "same 503, 6 subject areas"),
        _set(
            "pooled_broad",
            pooled,
            lambda r: r["label"] if r["label"] not in AREA_OF else "bygg",
            True,
            "900 debate + 503 FAQ, 7 broad subjects",
        ),
        _set(
            "pooled_areas",
            pooled,
            lambda r: AREA_OF.get(r["label"], r["label"]),
            False,
            "same 1,403, 6 topics + 6 areas = 12",
        ),
        _set("pooled_fine", pooled, lambda r: r["label"], False, "same 1,403, 6 + 39 = 45 labels"),
        _set("argumentation_short", short, lambda r: r["label"], True, "600 sentences ≤ 20 words"),
    ]
    return {s.name: s for s in sets}


if __name__ == "__main__":
    for s in build_sets().values():
        print(f"{s.name:22} {len(s.texts):5} texts {s.k:3} labels  broad={s.broad}  {s.note}")
