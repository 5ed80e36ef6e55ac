"""Similar texts: the passages nearest to a query or to one of the model's texts."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.preprocessing import normalize

from .text import prepare
from .themes import ThemeModel


def similar(model: ThemeModel, query: str | int, k: int = 10) -> list[dict[str, Any]]:
    """The k texts most similar to a query string, or to input row `query` (itself excluded)."""
    if isinstance(query, (int, np.integer)):
        own = np.flatnonzero(model.unit_doc == int(query))
        if not len(own):
            raise KeyError(f"Ingen rad {query}")
        vector = normalize(model.raw_vectors[own].mean(axis=0, keepdims=True))[0]
        exclude = int(query)
    else:
        vector = model.representation.transform([query], [prepare(query)])[0]
        exclude = -1
    # Raw vectors: smoothing would let a text's neighbours vouch for it against a literal query.
    scores = model.raw_vectors @ vector
    best: dict[int, float] = {}
    for i in np.argsort(-scores, kind="stable"):
        doc = int(model.unit_doc[i])
        if doc == exclude or doc in best:
            continue  # one hit per document, at its best passage
        best[doc] = float(scores[i])
        if len(best) >= k:
            break
    return [
        {"row": doc, "id": model.ids[doc], "text": model.texts[doc], "score": round(score, 4)}
        for doc, score in best.items()
    ]
