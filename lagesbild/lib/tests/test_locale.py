"""Swedish first, English on request: the language switcher, the middleware and the catalogue."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import translation

from lagesbild.experiences.tests.helpers import make_web_question
from lagesbild.testing import PASSWORD, axe_violations

LOGIN = "/konto/logga-in/"
MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
# The project's catalogue, and each app's own (new apps keep theirs beside their code).
CATALOGUES = [MESSAGES] + sorted(Path(settings.PACKAGE_DIR).glob("*/locale/en/LC_MESSAGES"))
# %(name)s, %(n)d, %s; and the HTML elements that occur inside messages.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|</?(?:a|span|strong|em|code|br|ins|del)\b[^>]*>")


def choose(client: Client, language: str, next_url: str = LOGIN):  # type: ignore[no-untyped-def]
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (index → text), flags."""

    def unquote(text: str) -> str:
        escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
        return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text.strip()[1:-1])

    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry: dict = {"msgctxt": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        field: tuple[str, int] | None = None
        for line in block.splitlines():
            if line.startswith("#~"):
                raise AssertionError(f"obsolete entry left in {path}: {line}")
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif m := re.match(
                r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line
            ):
                keyword, index, value = m.groups()
                field = (keyword, int(index or 0))
                if keyword == "msgstr":
                    entry["msgstr"][field[1]] = unquote(value)
                else:
                    entry[keyword] = unquote(value)
            elif line.startswith('"') and field:
                if field[0] == "msgstr":
                    entry["msgstr"][field[1]] += unquote(line)
                else:
                    entry[field[0]] += unquote(line)
        entries.append(entry)
    return entries


@pytest.fixture(scope="module", params=CATALOGUES, ids=lambda d: d.parent.parent.parent.name)
def catalogue_dir(request: pytest.FixtureRequest) -> Path:
    return Path(request.param)


@pytest.fixture(scope="module")
def catalogue(catalogue_dir: Path) -> list[dict]:
    entries = parse_po(catalogue_dir / "django.po")
    assert entries[0]["msgid"] == ""  # the header
    return entries[1:]


@pytest.mark.django_db
def test_the_login_page_is_swedish_by_default(client: Client) -> None:
    response = client.get(LOGIN)
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert "<h1>Logga in</h1>" in body and "Log in" not in body
    assert response["Content-Language"] == "sv"
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_an_english_browser_still_gets_swedish(client: Client) -> None:
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="sv">' in body and "<h1>Logga in</h1>" in body
    assert response["Content-Language"] == "sv"


@pytest.mark.django_db
def test_choosing_english_in_the_footer_switches_and_swedish_switches_back(
    client: Client,
) -> None:
    response = choose(client, "en")
    assert response.status_code == 302 and response["Location"] == LOGIN
    response = client.get(LOGIN)
    body = response.content.decode()
    assert '<html lang="en">' in body and "<h1>Log in</h1>" in body and "Username" in body
    assert response["Content-Language"] == "en"
    choose(client, "sv")
    body = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="sv">' in body and "<h1>Logga in</h1>" in body


@pytest.mark.django_db
def test_the_footer_offers_both_languages_and_returns_to_the_same_page(client: Client) -> None:
    body = client.get(LOGIN + "?next=/rapporter/").content.decode()
    assert 'action="/i18n/setlang/"' in body
    assert 'name="next" value="/konto/logga-in/?next=/rapporter/"' in body
    assert 'value="sv" lang="sv" aria-current="true"><strong>Svenska</strong></button>' in body
    assert 'value="en" lang="en">English</button>' in body


@pytest.mark.django_db
def test_a_language_outside_the_list_falls_back_to_swedish(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert "<h1>Logga in</h1>" in client.get(LOGIN).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    assert "<h1>Log in</h1>" in client.get(LOGIN).content.decode()


@pytest.mark.django_db
def test_a_request_leaves_no_language_behind_in_the_thread(client: Client) -> None:
    choose(client, "en")
    client.get(LOGIN)
    assert translation.get_language() == settings.LANGUAGE_CODE


@pytest.mark.django_db
def test_the_choice_is_a_cookie_not_a_session_for_web_question_respondents(
    client: Client,
) -> None:
    question = make_web_question()
    url = f"/erfarenheter/fraga/{question.slug}/"
    response = choose(client, "en", url)
    assert response["Location"] == url
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    body = client.get(url).content.decode()
    assert '<html lang="en">' in body and "How your anonymity is protected" in body
    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in client.cookies


@pytest.mark.django_db
def test_a_logged_in_user_keeps_the_choice_after_logging_in(client: Client, cast: dict) -> None:
    choose(client, "en")
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert "Log out" in body and "Reports" in body


def test_every_message_is_translated_with_its_placeholders(
    catalogue_dir: Path, catalogue: list[dict]
) -> None:
    assert len(catalogue) > (800 if catalogue_dir == MESSAGES else 0)
    for entry in catalogue:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        sources = [entry["msgid"]] + ([entry["msgid_plural"]] if entry["msgid_plural"] else [])
        translations = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
        assert len(translations) == len(sources), entry["msgid"]
        for source, translated in zip(sources, translations, strict=True):
            assert translated.strip(), source
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translated)), (
                source,
                translated,
            )
            assert source.endswith("\n") == translated.endswith("\n"), source


def test_the_compiled_catalogue_matches_the_po_file(
    catalogue_dir: Path, catalogue: list[dict]
) -> None:
    with open(catalogue_dir / "django.mo", "rb") as fp:
        compiled = gettext.GNUTranslations(fp)._catalog  # type: ignore[attr-defined]
    expected: dict = {}
    for entry in catalogue:
        key = (
            entry["msgid"]
            if entry["msgctxt"] is None
            else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            expected.update({(key, i): text for i, text in entry["msgstr"].items()})
    compiled = {k: v for k, v in compiled.items() if k != ""}  # the header
    assert compiled == expected, "run `make messages` to recompile django.mo"


def test_the_english_catalogue_is_loaded() -> None:
    with translation.override("en"):
        assert translation.gettext("Sammanställd") == "Compiled"
        assert translation.ngettext("%(n)s mottagare", "%(n)s mottagare", 2) == "%(n)s recipients"


@pytest.mark.browser
def test_a_visitor_switches_language_in_the_footer_accessibly(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}{LOGIN}")
    assert page.get_by_role("heading", name="Logga in").is_visible()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Log in").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Log out").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Logga ut").is_visible()
    assert page.locator("html").get_attribute("lang") == "sv"
