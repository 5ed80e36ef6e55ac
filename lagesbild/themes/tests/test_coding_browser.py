"""The coding view in a real browser: a selection fills the offsets, axe-clean at 390 px and desktop."""

import pytest

from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.testing import axe_violations, browser_login
from lagesbild.themes.models import Coding
from lagesbild.themes.tests.helpers import make_code, make_codebook, make_coding

TEXT = "Inloggningen 🙁 tar tio minuter varje morgon.\nUtbildningen kom för sent."


@pytest.mark.browser
def test_selecting_text_codes_it_and_the_page_is_accessible(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    collection = make_collection()
    codebook = make_codebook(collection)
    code = make_code(codebook, name="Väntetid", colour="#a83232")
    other = make_code(codebook, name="Utbildning")
    source = make_source(collection, text=TEXT, title="Möte på akuten")
    make_coding(source, other, TEXT.index("Utbildningen"), len(TEXT))
    browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/analys/{collection.slug}/kallor/{source.pk}/")
    assert axe_violations(page) == []
    # Select "tar tio minuter" after the emoji: the offsets must be code points, as the server counts.
    page.evaluate(
        """() => { const el = document.getElementById('coding-text'); const node = el.firstChild;
        const at = node.textContent.indexOf('tar tio'); const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 15);
        getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    page.wait_for_function("document.getElementById('id_end').value !== ''")
    page.get_by_label("Väntetid").check()
    page.get_by_role("button", name="Koda markeringen").click()
    page.wait_for_load_state("networkidle")
    coding = Coding.objects.get(code=code)
    assert coding.passage() == "tar tio minuter"
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
