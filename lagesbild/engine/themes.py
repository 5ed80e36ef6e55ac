"""Theme discovery: texts in, themes with labels, members, quotes and counts out."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.preprocessing import normalize

from .cluster import K_RULES, MAX_AUTO_K, SMOOTH_MAX_TEXTS, assign_to_centroids, cluster, smooth
from .labels import labels_for, mmr_quotes, quote_text
from .representations import Representation, make_representation
from .text import PreparedText, SurfaceForms, prepare, split_passages, surface_forms

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SeedTheme:
    """A theme people confirmed earlier, carried into a full recomputation."""

    label: str
    texts: tuple[str, ...]


@dataclass
class Theme:
    """One theme: stable id, label, sizes, quotes and counts per metadata field."""

    id: int
    label: str
    size: int = 0
    passages: int = 0
    quotes: list[str] = field(default_factory=list)
    by: dict[str, dict[str, int]] = field(default_factory=dict)
    confirmed: bool = False


@dataclass
class ThemeModel:
    """A discovery result that can be extended, edited and serialised; units are passages."""

    backend: str
    representation: Representation
    texts: list[str]
    ids: list[str]
    metadata: list[dict[str, Any]]
    unit_doc: np.ndarray
    unit_text: list[str]
    unit_prepared: list[PreparedText]
    vectors: np.ndarray
    raw_vectors: np.ndarray
    themes: list[Theme]
    centroids: np.ndarray
    assignment: np.ndarray
    strength: np.ndarray
    uncertain: np.ndarray
    forms: SurfaceForms
    params: dict[str, Any]

    def theme(self, theme_id: int) -> Theme:
        """The theme with this id."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(f"Inget tema med id {theme_id}")

    def members(self, theme_id: int) -> list[dict[str, Any]]:
        """The theme's passages, strongest first, as plain dicts."""
        idx = np.flatnonzero(self.assignment == theme_id)
        idx = idx[np.argsort(-self.strength[idx], kind="stable")]
        return [
            {
                "row": int(self.unit_doc[i]),
                "id": self.ids[self.unit_doc[i]],
                "text": self.unit_text[i],
                "strength": round(float(self.strength[i]), 4),
                "uncertain": bool(self.uncertain[i]),
            }
            for i in idx
        ]

    def document_assignments(self) -> list[dict[str, Any]]:
        """One assignment per input text; long texts also list their passages."""
        out: list[dict[str, Any]] = []
        units_of: dict[int, list[int]] = {}
        for i, d in enumerate(self.unit_doc.tolist()):
            units_of.setdefault(d, []).append(i)
        for doc in range(len(self.texts)):
            units = units_of[doc]
            votes = Counter(int(self.assignment[i]) for i in units)
            # Most passages wins; on a tie the theme with the strongest passage.
            best = max(
                units, key=lambda i: (votes[int(self.assignment[i])], float(self.strength[i]), -i)
            )
            row: dict[str, Any] = {
                "row": doc,
                "id": self.ids[doc],
                "theme": int(self.assignment[best]),
                "strength": round(float(self.strength[best]), 4),
                "uncertain": bool(self.uncertain[best]),
            }
            if len(units) > 1:
                row["passages"] = [
                    {
                        "passage": n,
                        "theme": int(self.assignment[i]),
                        "strength": round(float(self.strength[i]), 4),
                        "uncertain": bool(self.uncertain[i]),
                    }
                    for n, i in enumerate(units)
                ]
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready result: themes, assignments and params."""
        return {
            "themes": [
                {
                    "id": t.id,
                    "label": t.label,
                    "size": t.size,
                    "passages": t.passages,
                    "confirmed": t.confirmed,
                    "quotes": t.quotes,
                    "by": t.by,
                }
                for t in self.themes
            ],
            "assignments": self.document_assignments(),
            "params": dict(self.params),
        }


def _units(texts: list[str]) -> tuple[list[int], list[str]]:
    unit_doc: list[int] = []
    unit_text: list[str] = []
    for d, text in enumerate(texts):
        for passage in split_passages(text):
            unit_doc.append(d)
            unit_text.append(passage)
    return unit_doc, unit_text


def _check_inputs(texts: Sequence[str], ids, metadata) -> tuple[list[str], list[str], list[dict]]:
    texts = ["" if t is None else str(t) for t in texts]
    if not texts:
        raise ValueError("Inga texter att analysera.")
    ids = [str(i) for i in ids] if ids is not None else [str(i) for i in range(len(texts))]
    metadata = [dict(m) for m in metadata] if metadata is not None else [{} for _ in texts]
    if len(ids) != len(texts) or len(metadata) != len(texts):
        raise ValueError("ids och metadata måste ha lika många rader som texterna.")
    return texts, ids, metadata


def discover_themes(
    texts: Sequence[str],
    *,
    ids: Sequence[str] | None = None,
    metadata: Sequence[Mapping[str, Any]] | None = None,
    k: int | None = None,
    backend: str = "tfidf",
    seeds: Sequence[SeedTheme] | None = None,
    cache_dir: str | os.PathLike | None = None,
    progress: Progress | None = None,
    random_state: int = 0,
    max_k: int = MAX_AUTO_K,
    k_rule: str = "modularity",
) -> ThemeModel:
    """1. Split long texts into passages. 2. Represent. 3. Cluster (k automatic unless given; seeds first). 4. Describe."""
    say = progress or (lambda message: None)
    if k_rule not in K_RULES:
        raise ValueError(
            f"Okänd regel för antal teman: {k_rule!r} (välj {' eller '.join(K_RULES)})"
        )
    texts, ids, metadata = _check_inputs(texts, ids, metadata)
    unit_doc, unit_text = _units(texts)
    say(f"Förbereder {len(texts)} texter ({len(unit_text)} stycken)")
    prepared = [prepare(t) for t in unit_text]
    representation = make_representation(backend, cache_dir=cache_dir, progress=progress)
    say(f"Beräknar representation ({backend})")
    raw = representation.fit_transform(unit_text, prepared)
    smoothed = len(raw) <= SMOOTH_MAX_TEXTS
    # k is chosen on the raw vectors: smoothing makes small tight groups that fool the silhouette.
    vectors = smooth(raw) if smoothed else raw
    seed_centroids = None
    if seeds:
        seed_vecs = [
            representation.transform(list(s.texts), [prepare(t) for t in s.texts]) for s in seeds
        ]
        if smoothed:
            seed_vecs = [smooth(v, reference=raw) for v in seed_vecs]
        seed_centroids = normalize(np.vstack([v.mean(axis=0) for v in seed_vecs])).astype(
            np.float32
        )
    say("Söker teman" + (" och väljer antal automatiskt" if k is None else f" (k = {k})"))
    result = cluster(
        vectors,
        k,
        seeds=seed_centroids,
        random_state=random_state,
        max_k=max_k,
        choose_on=raw,
        k_rule=k_rule,
    )
    model = ThemeModel(
        backend=backend,
        representation=representation,
        texts=texts,
        ids=ids,
        metadata=metadata,
        unit_doc=np.asarray(unit_doc, dtype=np.int64),
        unit_text=unit_text,
        unit_prepared=prepared,
        vectors=vectors,
        raw_vectors=raw,
        themes=[],
        centroids=result.centroids,
        assignment=np.zeros(len(unit_text), dtype=np.int64),
        strength=np.zeros(len(unit_text), dtype=np.float32),
        uncertain=np.zeros(len(unit_text), dtype=bool),
        forms=surface_forms(prepared),
        params={
            "backend": backend,
            "k": result.k,
            "k_chosen": result.k_chosen,
            "random_state": random_state,
            "smoothed": smoothed,
            "k_rule": k_rule,
            # Scores per candidate k of the rule used (empty when k is given); the silhouette
            # key is kept for readers of results made before the modularity rule.
            "modularity_by_k": _rounded(result.scores) if k_rule != "silhouette" else {},
            "silhouette_by_k": _rounded(result.scores) if k_rule == "silhouette" else {},
        },
    )
    model.themes = [Theme(id=i, label="") for i in range(result.k)]
    for i, seed in enumerate(seeds or ()):
        model.themes[i].label = seed.label
        model.themes[i].confirmed = True
    n_seeds = len(seeds) if seeds else 0
    reassign(model)
    order_by_size(model, keep_first=n_seeds)
    describe(model)
    say(f"Klart: {len(model.themes)} teman")
    return model


def _rounded(scores: dict[int, float]) -> dict[str, float]:
    return {str(key): round(v, 4) for key, v in scores.items()}


def reassign(model: ThemeModel) -> None:
    """Assign every unit to its nearest theme centroid, with strength and the uncertain flag."""
    position, strength, uncertain = assign_to_centroids(model.vectors, model.centroids)
    theme_ids = np.asarray([t.id for t in model.themes], dtype=np.int64)
    model.assignment = theme_ids[position]
    model.strength = strength
    model.uncertain = uncertain


def order_by_size(model: ThemeModel, keep_first: int = 0) -> None:
    """Renumber themes 0..k-1 by size (largest first, seeds kept first) so output order is stable."""
    sizes = Counter(model.assignment.tolist())
    head = list(range(keep_first))
    tail = sorted(
        range(keep_first, len(model.themes)), key=lambda i: (-sizes[model.themes[i].id], i)
    )
    order = head + tail
    mapping = {model.themes[old].id: new for new, old in enumerate(order)}
    model.themes = [model.themes[old] for old in order]
    for new, theme in enumerate(model.themes):
        theme.id = new
    model.centroids = model.centroids[order]
    model.assignment = np.asarray([mapping[a] for a in model.assignment.tolist()], dtype=np.int64)


def describe(model: ThemeModel, relabel: bool = True) -> None:
    """Fill in sizes, counts by metadata, quotes and (for unconfirmed themes) labels."""
    position = {t.id: p for p, t in enumerate(model.themes)}
    dense = np.asarray([position[a] for a in model.assignment.tolist()], dtype=np.int64)
    if relabel:
        labels = labels_for(model.unit_prepared, dense, len(model.themes), model.forms)
    for p, theme in enumerate(model.themes):
        if relabel and not theme.confirmed:
            theme.label = labels[p]
        units = np.flatnonzero(dense == p)
        docs = sorted(set(model.unit_doc[units].tolist()))
        theme.size = len(docs)
        theme.passages = int(len(units))
        picks = mmr_quotes(
            model.vectors[units], model.centroids[p], [model.unit_text[i] for i in units], n=5
        )
        # Small themes get 3 quotes; 5 once there is enough variety to show.
        theme.quotes = [
            quote_text(model.unit_text[units[i]]) for i in picks[: 5 if len(units) >= 15 else 3]
        ]
        theme.by = count_by(model.metadata, docs)


def count_by(metadata: list[dict[str, Any]], docs: list[int]) -> dict[str, dict[str, int]]:
    """Counts of documents per value of every metadata field."""
    out: dict[str, Counter] = {}
    for d in docs:
        for key, value in metadata[d].items():
            out.setdefault(key, Counter())["" if value is None else str(value)] += 1
    return {
        key: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
        for key, c in sorted(out.items())
    }
