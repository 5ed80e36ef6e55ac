"""Theme discovery: planted themes, labels, quotes, counts, determinism, passages."""

import json
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from lagesbild.engine import SeedTheme, discover_themes
from lagesbild.engine.tests.corpus import planted


def _themes_of(model):
    return [a["theme"] for a in model.document_assignments()]


def test_it_finds_planted_themes_with_k_chosen_automatically():
    texts, truth = planted()
    model = discover_themes(texts)
    assert model.params["k_chosen"] == "automatically"
    assert 3 <= model.params["k"] <= 6
    assert adjusted_rand_score(truth, _themes_of(model)) > 0.7


def test_it_uses_the_number_of_themes_asked_for():
    texts, truth = planted()
    model = discover_themes(texts, k=4)
    assert len(model.themes) == 4
    assert model.params == {**model.params, "k": 4, "k_chosen": "given"}
    assert adjusted_rand_score(truth, _themes_of(model)) > 0.9


def test_it_assigns_every_text_and_never_uses_an_outlier_bin():
    texts, _ = planted()
    texts = texts + ["", "ok", "Vet ej"]
    result = discover_themes(texts, k=4).to_dict()
    theme_ids = {t["id"] for t in result["themes"]}
    assert [a["row"] for a in result["assignments"]] == list(range(len(texts)))
    assert all(a["theme"] in theme_ids for a in result["assignments"])
    assert result["assignments"][-3]["uncertain"]  # an empty answer is assigned, but flagged


def test_it_gives_identical_output_on_two_runs():
    texts, _ = planted()
    first = json.dumps(discover_themes(texts).to_dict(), sort_keys=True)
    second = json.dumps(discover_themes(list(texts)).to_dict(), sort_keys=True)
    assert first == second


def test_it_labels_themes_with_two_to_four_words_people_wrote():
    texts, _ = planted()
    model = discover_themes(texts, k=4)
    written = set(" ".join(texts).lower().replace(".", " ").replace(":", " ").split())
    labels = [t.label for t in model.themes]
    for label in labels:
        words = label.lower().split(", ")
        assert 2 <= len(words) <= 4, label
        assert set(words) <= written, label
    assert any("läkemedel" in label.lower() for label in labels)
    assert any("utbildning" in label.lower() for label in labels)


def test_it_picks_three_to_five_distinct_quotes_from_the_theme():
    texts, _ = planted()
    model = discover_themes(texts, k=4)
    for theme in model.themes:
        assert 3 <= len(theme.quotes) <= 5
        assert len(set(theme.quotes)) == len(theme.quotes)
        members = {m["text"] for m in model.members(theme.id)}
        assert set(theme.quotes) <= members


def test_it_counts_texts_per_metadata_value():
    texts, truth = planted()
    metadata = [
        {"category": "kommun" if i % 3 else "region", "channel": "webb"} for i in range(len(texts))
    ]
    result = discover_themes(texts, k=4, metadata=metadata).to_dict()
    kommun = sum(t["by"]["category"].get("kommun", 0) for t in result["themes"])
    assert kommun == sum(1 for m in metadata if m["category"] == "kommun")
    assert all(sum(t["by"]["channel"].values()) == t["size"] for t in result["themes"])


def test_it_lets_a_long_text_contribute_to_several_themes():
    texts, _ = planted()
    interview = (
        " ".join(texts[i] for i in range(0, 48, 4))
        + " "
        + " ".join(texts[i] for i in range(2, 48, 4))
    )
    model = discover_themes(
        texts + [interview], k=4, ids=[f"t{i}" for i in range(len(texts))] + ["intervju"]
    )
    row = model.document_assignments()[-1]
    assert row["id"] == "intervju"
    assert len(row["passages"]) >= 2
    assert len({p["theme"] for p in row["passages"]}) >= 2
    assert sum(t.size for t in model.themes) > len(texts) + 1


def test_it_keeps_confirmed_themes_when_recomputing_with_seeds():
    texts, _ = planted()
    seed = SeedTheme(
        "Krångel med inloggning", tuple(t for t in texts if "inloggning" in t.lower())[:6]
    )
    model = discover_themes(texts, seeds=[seed], k=4)
    first = model.themes[0]
    assert first.label == "Krångel med inloggning" and first.confirmed
    members = [m["text"].lower() for m in model.members(first.id)]
    assert members and all("inloggning" in m or "lösenord" in m for m in members)


def test_it_smooths_towards_neighbours_but_keeps_empty_answers_empty():
    import numpy as np

    from lagesbild.engine.cluster import smooth

    rng = np.random.default_rng(0)
    x = rng.normal(size=(30, 8)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x[5] = 0
    out = smooth(x)
    assert np.allclose(np.linalg.norm(np.delete(out, 5, axis=0), axis=1), 1, atol=1e-5)
    assert not out[5].any()
    assert np.array_equal(out, smooth(x))


def test_it_never_imports_django():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import lagesbild.engine.themes_cli, lagesbild.engine.operations, lagesbild.engine.similarity\n"
        "from lagesbild.engine import discover_themes\n"
        "discover_themes(['inloggningen krånglar', 'läkemedelslistan visar fel', 'utbildningen var kort'])\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
    )
    root = str(Path(__file__).resolve().parents[3])
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env={"PYTHONPATH": root})
