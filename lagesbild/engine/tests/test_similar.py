"""Similar texts for a query or for one of the texts."""

from lagesbild.engine import discover_themes, similar
from lagesbild.engine.tests.corpus import planted


def test_it_finds_texts_similar_to_a_query():
    texts, truth = planted()
    model = discover_themes(texts, k=4)
    hits = similar(model, "problem med lösenordet vid inloggningen", k=5)
    assert len(hits) == 5
    assert all(truth[h["row"]] == "inloggning" for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_it_finds_texts_similar_to_a_row_but_not_the_row_itself():
    texts, truth = planted()
    model = discover_themes(texts, k=4)
    row = truth.index("läkemedel")
    hits = similar(model, row, k=3)
    assert row not in [h["row"] for h in hits]
    assert all(truth[h["row"]] == "läkemedel" for h in hits)
