"""Edits on a theme result: assign new texts, merge, split, rename, move a text."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import normalize

from .cluster import assign_to_centroids, cluster, smooth
from .labels import labels_for, mmr_quotes, quote_text
from .text import prepare
from .themes import Theme, ThemeModel, _check_inputs, _units, describe


def _copy(model: ThemeModel) -> ThemeModel:
    # The representation is fitted state shared read-only; everything else is copied so edits never leak.
    clone = copy.copy(model)
    for name in ("texts", "ids", "metadata", "unit_text", "unit_prepared"):
        setattr(clone, name, list(getattr(model, name)))
    for name in (
        "unit_doc",
        "vectors",
        "raw_vectors",
        "centroids",
        "assignment",
        "strength",
        "uncertain",
    ):
        setattr(clone, name, getattr(model, name).copy())
    clone.themes = copy.deepcopy(model.themes)
    clone.params = dict(model.params)
    clone.forms = copy.deepcopy(model.forms)
    return clone


def assign(
    new_texts: Sequence[str],
    model: ThemeModel,
    *,
    ids: Sequence[str] | None = None,
    metadata: Sequence[Mapping[str, Any]] | None = None,
) -> ThemeModel:
    """Add texts to the existing themes without recomputing them (labels and quotes stay)."""
    texts, new_ids, new_meta = _check_inputs(new_texts, ids, metadata)
    if ids is None:
        new_ids = [str(len(model.texts) + i) for i in range(len(texts))]
    out = _copy(model)
    unit_doc, unit_text = _units(texts)
    prepared = [prepare(t) for t in unit_text]
    raw = model.representation.transform(unit_text, prepared)
    vectors = smooth(raw, reference=model.raw_vectors) if model.params.get("smoothed") else raw
    position, strength, uncertain = assign_to_centroids(vectors, model.centroids)
    theme_ids = np.asarray([t.id for t in model.themes], dtype=np.int64)
    offset = len(out.texts)
    out.texts += texts
    out.ids += new_ids
    out.metadata += new_meta
    out.unit_doc = np.concatenate([out.unit_doc, np.asarray(unit_doc, dtype=np.int64) + offset])
    out.unit_text += unit_text
    out.unit_prepared += prepared
    out.vectors = np.vstack([out.vectors, vectors])
    out.raw_vectors = np.vstack([out.raw_vectors, raw])
    out.assignment = np.concatenate([out.assignment, theme_ids[position]])
    out.strength = np.concatenate([out.strength, strength])
    out.uncertain = np.concatenate([out.uncertain, uncertain])
    quotes = {t.id: t.quotes for t in out.themes}
    describe(out, relabel=False)
    for theme in out.themes:
        theme.quotes = quotes[theme.id]
    return out


def rename_theme(model: ThemeModel, theme_id: int, label: str) -> ThemeModel:
    """Give a theme a label people chose; a renamed theme counts as confirmed."""
    out = _copy(model)
    theme = out.theme(theme_id)
    theme.label = label.strip() or theme.label
    theme.confirmed = True
    return out


def _centroid(model: ThemeModel, units: np.ndarray) -> np.ndarray:
    return normalize(model.vectors[units].mean(axis=0, keepdims=True))[0].astype(np.float32)


def merge_themes(
    model: ThemeModel, theme_ids: Sequence[int], label: str | None = None
) -> ThemeModel:
    """Merge themes into the first id given; its centroid becomes the mean of all their texts."""
    ids = list(dict.fromkeys(int(i) for i in theme_ids))
    if len(ids) < 2:
        raise ValueError("Ange minst två teman att slå ihop.")
    out = _copy(model)
    for i in ids:
        out.theme(i)
    keep = ids[0]
    out.assignment[np.isin(out.assignment, ids)] = keep
    positions = {t.id: p for p, t in enumerate(out.themes)}
    out.centroids[positions[keep]] = _centroid(out, np.flatnonzero(out.assignment == keep))
    drop = [positions[i] for i in ids[1:]]
    out.themes = [t for p, t in enumerate(out.themes) if p not in drop]
    out.centroids = np.delete(out.centroids, drop, axis=0)
    merged = out.theme(keep)
    merged.confirmed = label is not None
    if label is not None:
        merged.label = label
    _refresh_strengths(out)
    describe(out)
    return out


def split_theme(model: ThemeModel, theme_id: int, k: int = 2, random_state: int = 0) -> ThemeModel:
    """Split one theme into k by clustering its own texts; the new parts get fresh ids."""
    out = _copy(model)
    out.theme(theme_id)
    units = np.flatnonzero(out.assignment == theme_id)
    if len(units) < k:
        raise ValueError(f"Temat har bara {len(units)} texter och kan inte delas i {k}.")
    fit = KMeans(k, n_init=10, random_state=random_state).fit(out.vectors[units])
    next_id = max(t.id for t in out.themes) + 1
    positions = {t.id: p for p, t in enumerate(out.themes)}
    p = positions[theme_id]
    parts = [normalize(fit.cluster_centers_[j : j + 1])[0] for j in range(k)]
    new_ids = [theme_id] + [next_id + j for j in range(k - 1)]
    out.centroids[p] = parts[0]
    out.centroids = np.vstack([out.centroids, np.asarray(parts[1:], dtype=np.float32)])
    out.themes[p].confirmed = False
    out.themes += [Theme(id=i, label="") for i in new_ids[1:]]
    out.assignment[units] = np.asarray(new_ids, dtype=np.int64)[fit.labels_]
    _refresh_strengths(out)
    describe(out)
    return out


def move_text(model: ThemeModel, row: int, theme_id: int) -> ThemeModel:
    """Put every passage of one input row into a theme chosen by a person (strength 1, certain)."""
    out = _copy(model)
    out.theme(theme_id)
    units = np.flatnonzero(out.unit_doc == row)
    if not len(units):
        raise KeyError(f"Ingen rad {row}")
    out.assignment[units] = theme_id
    out.strength[units] = 1.0
    out.uncertain[units] = False
    describe(out, relabel=False)
    return out


def _refresh_strengths(model: ThemeModel) -> None:
    # Membership after a merge or split is decided by the person; only strength and flags are recomputed.
    positions = {t.id: p for p, t in enumerate(model.themes)}
    dense = np.asarray([positions[a] for a in model.assignment.tolist()], dtype=np.int64)
    _, _, uncertain = assign_to_centroids(model.vectors, model.centroids)
    own = np.einsum("ij,ij->i", model.vectors, model.centroids[dense])
    model.strength = np.clip(own, 0.0, 1.0).astype(np.float32)
    nearest = np.argmax(model.vectors @ model.centroids.T, axis=1)
    model.uncertain = uncertain | (nearest != dense)


# A theme is only worth dividing when each part could still hold a handful of texts.
SUB_THEME_MIN_PASSAGES = 16
SUB_THEME_MAX_K = 8


def sub_themes(model: ThemeModel, theme_id: int, random_state: int = 0) -> list[dict[str, Any]]:
    """Proposed sub-themes of one theme, largest first; the model is not changed.

    The second level of a two-level view: broad themes from `discover_themes`, and inside each
    the parts the same rule (modularity of Ward cuts on the neighbour graph) finds among the
    theme's own texts. Each part: label, size (rows), passages, rows and quotes. A person who
    wants them as themes calls `split_theme(model, theme_id, k=len(parts))`. Returns [] for a
    theme too small to divide."""
    model.theme(theme_id)
    units = np.flatnonzero(model.assignment == theme_id)
    if len(units) < SUB_THEME_MIN_PASSAGES:
        return []
    raw = normalize(model.raw_vectors[units]).astype(np.float32)
    vectors = normalize(model.vectors[units]).astype(np.float32)
    result = cluster(
        vectors,
        None,
        random_state=random_state,
        max_k=SUB_THEME_MAX_K,
        choose_on=raw,
        k_rule=str(model.params.get("k_rule", "modularity")),
    )
    if result.k < 2:
        return []
    part = np.argmax(vectors @ result.centroids.T, axis=1)
    prepared = [model.unit_prepared[i] for i in units]
    labels = labels_for(prepared, part, result.k, model.forms)
    out = []
    for j in range(result.k):
        members = np.flatnonzero(part == j)
        if not len(members):
            continue
        texts = [model.unit_text[units[i]] for i in members]
        picks = mmr_quotes(vectors[members], result.centroids[j], texts, n=3)
        rows = sorted(set(model.unit_doc[units[members]].tolist()))
        out.append(
            {
                "label": labels[j],
                "size": len(rows),
                "passages": int(len(members)),
                "rows": rows,
                "quotes": [quote_text(texts[i]) for i in picks],
            }
        )
    return sorted(out, key=lambda p: (-p["passages"], p["rows"][0]))
