"""Successive assignment and edits: assign, merge, split, rename, move."""

import numpy as np
import pytest

from lagesbild.engine import (
    assign,
    discover_themes,
    merge_themes,
    move_text,
    rename_theme,
    split_theme,
)
from lagesbild.engine.tests.corpus import planted


@pytest.fixture(scope="module")
def model():
    texts, _ = planted()
    return discover_themes(texts, k=4)


def _theme_with(model, word):
    return next(t for t in model.themes if word in t.label.lower())


def test_it_assigns_new_texts_to_existing_themes_without_recomputing(model):
    before = model.to_dict()
    grown = assign(
        ["Läkemedelslistan visade fel läkemedel igen", "Mer utbildning behövs"],
        model,
        ids=["n1", "n2"],
    )
    assert np.array_equal(grown.centroids, model.centroids)
    assert [t.label for t in grown.themes] == [t.label for t in model.themes]
    new = grown.document_assignments()[-2:]
    assert [a["id"] for a in new] == ["n1", "n2"]
    assert new[0]["theme"] == _theme_with(model, "läkemedel").id
    assert new[1]["theme"] == _theme_with(model, "utbildning").id
    assert sum(t.size for t in grown.themes) == sum(t.size for t in model.themes) + 2
    assert model.to_dict() == before  # the original result is untouched


def test_it_merges_themes_into_one(model):
    a, b = model.themes[0].id, model.themes[1].id
    merged = merge_themes(model, [a, b], label="Sammanslaget")
    assert len(merged.themes) == len(model.themes) - 1
    assert merged.theme(a).label == "Sammanslaget"
    assert merged.theme(a).size == model.theme(a).size + model.theme(b).size
    assert b not in {x["theme"] for x in merged.document_assignments()}
    with pytest.raises(KeyError):
        merged.theme(b)


def test_it_refuses_to_merge_a_single_theme(model):
    with pytest.raises(ValueError):
        merge_themes(model, [0])


def test_it_splits_a_merged_theme_back_apart(model):
    texts, truth = planted()
    medicine, training = _theme_with(model, "läkemedel").id, _theme_with(model, "utbildning").id
    merged = merge_themes(model, [medicine, training])
    split = split_theme(merged, medicine, k=2)
    assert len(split.themes) == len(model.themes)
    new_id = max(t.id for t in split.themes)
    rows = {a["row"]: a["theme"] for a in split.document_assignments()}
    med_rows = [r for r, name in enumerate(truth) if name == "läkemedel"]
    train_rows = [r for r, name in enumerate(truth) if name == "utbildning"]
    assert len({rows[r] for r in med_rows}) == 1
    assert len({rows[r] for r in train_rows}) == 1
    assert {rows[med_rows[0]], rows[train_rows[0]]} == {medicine, new_id}
    assert all(t.label for t in split.themes)


def test_it_renames_a_theme_and_marks_it_confirmed(model):
    renamed = rename_theme(model, 2, "Stress och arbetsmiljö")
    assert renamed.theme(2).label == "Stress och arbetsmiljö"
    assert renamed.theme(2).confirmed
    assert not model.theme(2).confirmed


def test_it_moves_a_text_to_the_theme_a_person_chose(model):
    row = 0
    target = next(t.id for t in model.themes if t.id != model.document_assignments()[row]["theme"])
    moved = move_text(model, row, target)
    assignment = moved.document_assignments()[row]
    assert assignment["theme"] == target and not assignment["uncertain"]


def test_it_survives_a_pickle_round_trip_and_still_assigns(model):
    import pickle

    restored = pickle.loads(pickle.dumps(model))
    assert restored.to_dict() == model.to_dict()
    grown = assign(["Läkemedelslistan visade fel igen"], restored)
    assert grown.document_assignments()[-1]["theme"] == _theme_with(model, "läkemedel").id
