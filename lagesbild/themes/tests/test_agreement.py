"""Two coders code a sample blind; α and κ per code and overall; disagreements side by side."""

import pytest
from django.test import Client

from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.themes.models import AgreementSample, Coding
from lagesbild.themes.services import AnalysisError, sample_agreement, sample_create
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook


@pytest.mark.django_db
def test_two_coders_code_blind_and_get_alpha_and_kappa(client: Client, cast: dict) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    login, training = make_code(codebook, name="Inloggning"), make_code(codebook, name="Utbildning")
    make_answers(collection, [f"Svar {i} om inloggning och utbildning" for i in range(6)])
    editor, lead = cast["editor"], cast["staff_lead"]
    client.force_login(editor)
    response = client.post(
        f"/analys/{collection.slug}/overensstammelse/",
        {"title": "Prov 1", "size": 4, "coder_a": editor.pk, "coder_b": lead.pk},
    )
    assert response.status_code == 302
    sample = AgreementSample.objects.get()
    sources = list(sample.sources.order_by("pk"))
    assert len(sources) == 4

    def code(user, source, codes) -> None:  # type: ignore[no-untyped-def]
        client.force_login(user)
        url = f"/analys/{collection.slug}/kallor/{source.pk}/?prov={sample.pk}"
        assert client.post(url, {"codes": [c.pk for c in codes], "whole": "1"}).status_code == 302

    for i, source in enumerate(sources):
        code(editor, source, [login] + ([training] if i < 2 else []))
        code(lead, source, [login] + ([training] if i < 1 else []))
    # Blind: the editor does not see the lead's sample codings, and neither sees them outside the sample.
    client.force_login(editor)
    own = client.get(
        f"/analys/{collection.slug}/kallor/{sources[0].pk}/?prov={sample.pk}"
    ).content.decode()
    assert own.count("Ta bort Inloggning") == 1
    plain = client.get(f"/analys/{collection.slug}/kallor/{sources[0].pk}/").content.decode()
    assert "Ta bort Inloggning" not in plain
    assert Coding.objects.filter(sample=sample).count() == 4 + 2 + 4 + 1
    result = sample_agreement(sample=sample)
    by_code = {row.code.name: row for row in result.per_code}
    assert by_code["Inloggning"].percent == 100.0 and by_code["Inloggning"].kappa is None
    assert by_code["Utbildning"].percent == 75.0
    assert by_code["Utbildning"].kappa == pytest.approx(0.5, abs=0.001)
    assert result.alpha is not None and 0 < result.alpha < 1
    assert [(d["source"], d["code"].name) for d in result.disagreements] == [
        (sources[1], "Utbildning")
    ]
    page = client.get(
        f"/analys/{collection.slug}/overensstammelse/{sample.pk}/?visa=1"
    ).content.decode()
    assert "Oenigheter" in page and "kodade inte" in page


@pytest.mark.django_db
def test_a_person_outside_the_sample_cannot_code_in_it(client: Client, cast: dict) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    make_code(codebook)
    answers = make_answers(collection, ["Ett svar", "Två svar", "Tre svar"])
    sample = sample_create(
        codebook=codebook, title="P", size=3, coders=[cast["editor"], cast["admin"]]
    )
    client.force_login(cast["staff_lead"])
    assert (
        client.get(
            f"/analys/{collection.slug}/kallor/{answers[0].pk}/?prov={sample.pk}"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_sample_needs_two_different_coders(cast: dict) -> None:
    codebook = make_codebook()
    with pytest.raises(AnalysisError, match="två olika"):
        sample_create(codebook=codebook, title="P", size=3, coders=[cast["editor"], cast["editor"]])
