"""The agreement pages with the engine as second coder, in a real browser: axe-clean, 390 px."""

import pytest

from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.testing import axe_violations, browser_login
from lagesbild.themes.models import AgreementSample
from lagesbild.themes.services import coding_create
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook
from lagesbild.themes.tests.test_agreement_engine import confirmed_run
from lagesbild.themes.tests.test_discovery import LOGIN


@pytest.mark.browser
def test_drawing_a_sample_against_the_engine_and_reading_the_result(  # type: ignore[no-untyped-def]
    live_server, page, cast
) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    login = make_code(codebook, name="Inloggning")
    answers = make_answers(collection, LOGIN)
    run = confirmed_run(codebook, login, answers[:3], answers[3:])
    browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/analys/{collection.slug}/overensstammelse/")
    assert axe_violations(page) == []
    page.get_by_label("Namn på provet").fill("Mot motorn")
    page.get_by_label("Antal källor").fill("4")
    page.get_by_label("Första kodaren").select_option(str(cast["editor"].pk))
    page.get_by_label("…eller motorn som andra kodare").select_option(str(run.pk))
    page.get_by_role("button", name="Dra provet").click()
    page.wait_for_load_state("networkidle")
    sample = AgreementSample.objects.get()
    assert sample.engine_run_id == run.pk
    coding_create(
        source=answers[3], code=login, start=0, end=len(answers[3].text),
        coder=cast["editor"], sample_id=sample.pk,
    )  # fmt: skip
    page.get_by_role("link", name="Visa resultatet").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text(f"Motorn (temasökning #{run.pk})").first.is_visible()
    assert page.locator("article.disagreement").count() == 4
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
