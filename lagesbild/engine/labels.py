"""Readable theme labels (class-based TF-IDF over stems) and representative quotes (MMR)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from .text import PreparedText, SurfaceForms

MAX_LABEL_WORDS = 4
MIN_LABEL_WORDS = 2
QUOTE_CHARS = 300


def stem_counts(prepared: list[PreparedText]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Document × stem count matrix and its vocabulary."""
    vectorizer = CountVectorizer(token_pattern=r"\S+", lowercase=False, dtype=np.int32)
    docs = [" ".join(p.stems) for p in prepared]
    try:
        counts = vectorizer.fit_transform(docs)
    except ValueError:
        return sp.csr_matrix((len(docs), 0), dtype=np.int32), np.array([], dtype=object)
    return counts.tocsr(), vectorizer.get_feature_names_out()


def class_tfidf(counts: sp.csr_matrix, assignment: np.ndarray, n_themes: int) -> np.ndarray:
    """BERTopic's c-TF-IDF: per-theme term frequency × log(1 + average theme size / term frequency)."""
    rows = sp.csr_matrix(
        (np.ones(len(assignment), dtype=np.float32), (assignment, np.arange(len(assignment)))),
        shape=(n_themes, counts.shape[0]),
    )
    per_theme = np.asarray((rows @ counts).todense(), dtype=np.float64)
    totals = per_theme.sum(axis=1, keepdims=True)
    tf = per_theme / np.maximum(totals, 1.0)
    frequency = per_theme.sum(axis=0)
    average = per_theme.sum() / max(n_themes, 1)
    idf = np.log1p(average / np.maximum(frequency, 1.0))
    return tf * idf


def _redundant(word: str, chosen: list[str]) -> bool:
    # "bygglov" and "bygglovet", "läkemedel" and "läkemedelslistan", "rot" and "rot-avdrag"
    # say the same thing twice.
    for c in chosen:
        short, long = sorted((c, word), key=len)
        if long.startswith(short) or (len(short) >= 5 and long.startswith(short[:5])):
            return True
    return False


def label_words(scores: np.ndarray, vocabulary: np.ndarray, forms: SurfaceForms) -> list[str]:
    """2–4 surface words for one theme from its c-TF-IDF row."""
    order = np.argsort(-scores, kind="stable")
    chosen: list[str] = []
    top = scores[order[0]] if len(order) else 0.0
    for j in order[:30]:
        if scores[j] <= 0:
            break
        if len(chosen) >= MIN_LABEL_WORDS and scores[j] < 0.35 * top:
            break
        word = forms.word_for(str(vocabulary[j]))
        if len(word) < 3 or _redundant(word, chosen):
            continue
        chosen.append(word)
        if len(chosen) == MAX_LABEL_WORDS - 1:
            # Three words read as a label; a fourth only when it is nearly as strong as the first.
            nxt = next((i for i in order[len(chosen) :] if scores[i] > 0.8 * top), None)
            if nxt is None:
                break
        if len(chosen) == MAX_LABEL_WORDS:
            break
    return chosen


def make_label(words: list[str]) -> str:
    """Join label words into a readable label with a capital first letter."""
    if not words:
        return "Övrigt"
    text = ", ".join(words)
    return text[0].upper() + text[1:]


def labels_for(
    prepared: list[PreparedText], assignment: np.ndarray, n_themes: int, forms: SurfaceForms
) -> list[str]:
    """One label per theme."""
    counts, vocabulary = stem_counts(prepared)
    if counts.shape[1] == 0:
        return [f"Tema {i + 1}" for i in range(n_themes)]
    scores = class_tfidf(counts, assignment, n_themes)
    return [make_label(label_words(scores[t], vocabulary, forms)) for t in range(n_themes)]


def mmr_quotes(
    vectors: np.ndarray, centroid: np.ndarray, texts: list[str], n: int = 5, diversity: float = 0.4
) -> list[int]:
    """Positions of up to n texts close to the centroid and unlike each other (maximal marginal relevance)."""
    if len(vectors) == 0:
        return []
    relevance = vectors @ centroid
    pool = np.argsort(-relevance, kind="stable")[: max(20, n * 4)]
    chosen: list[int] = []
    seen: set[str] = set()
    while pool.size and len(chosen) < n:
        if chosen:
            redundancy = (vectors[pool] @ vectors[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(pool))
        score = (1 - diversity) * relevance[pool] - diversity * redundancy
        pick = int(pool[int(np.argmax(score))])
        pool = pool[pool != pick]
        key = " ".join(texts[pick].lower().split())
        if key in seen:
            continue  # duplicate answers ("Vet ej") would otherwise fill every slot
        seen.add(key)
        chosen.append(pick)
    return chosen


def quote_text(text: str, limit: int = QUOTE_CHARS) -> str:
    """A quote trimmed at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
