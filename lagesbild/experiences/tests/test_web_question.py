"""The open web question: anonymous, abuse-resistant, and honest about what it stores."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.experiences.models import Channel, Respondent, Source
from lagesbild.experiences.tests.helpers import make_collection, make_web_question
from lagesbild.testing import axe_violations

USER_AGENT = "Mozilla/5.0 (Testläsare; Avslöjande 1.0)"
ADDRESS = "10.11.12.13"


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def answer_url(question) -> str:  # type: ignore[no-untyped-def]
    return f"/erfarenheter/fraga/{question.slug}/"


def post_answer(client: Client, question, text: str, **extra: str):  # type: ignore[no-untyped-def]
    prompt = question.prompts.first()
    data = {f"answer_{prompt.pk}": text, "website": "", **extra}
    return client.post(answer_url(question), data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=USER_AGENT)


def every_stored_value() -> list[str]:
    """Every value of every row in the experience tables, as text."""
    values = []
    with connection.cursor() as cursor:
        for table in ("experiences_source", "experiences_respondent"):
            cursor.execute(f"SELECT * FROM {table}")
            values += [str(v) for row in cursor.fetchall() for v in row]
    return values


@pytest.mark.django_db
def test_an_anonymous_employee_can_open_the_form_without_an_account(client: Client) -> None:
    question = make_web_question()
    response = client.get(answer_url(question))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vad har fungerat dåligt?" in body
    assert "Så skyddas din anonymitet" in body
    assert "csrftoken" in body  # the privacy text names the one cookie honestly


@pytest.mark.django_db
def test_it_stores_the_answer_with_the_date_only_and_nothing_that_identifies(
    client: Client,
) -> None:
    question = make_web_question()
    category = question.collection.categories.get(name="Kommun")
    audit_before = AuditEntry.objects.count()
    response = post_answer(
        client, question, "Läkemedelslistan visade fel dos.", category=str(category.pk)
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.channel == Channel.WEB
    assert source.date == timezone.localdate()
    assert source.category == category
    assert source.registered_at is None and source.registered_by is None
    assert source.attributes == {} and source.respondent.attributes == {}
    stored = " ".join(every_stored_value())
    assert ADDRESS not in stored
    assert "Testläsare" not in stored
    assert (
        client.cookies.get("csrftoken") is None or client.cookies["csrftoken"].value not in stored
    )
    # No column of any stored row holds a time of day.
    assert not re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", stored)
    assert Session.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.django_db
def test_several_questions_become_several_sources_of_one_respondent(client: Client) -> None:
    question = make_web_question(prompts=["Vad fungerade dåligt?", "Vad fungerade bra?"])
    first, second = question.prompts.all()
    client.post(
        answer_url(question),
        {f"answer_{first.pk}": "Inloggningen.", f"answer_{second.pk}": "Superanvändarna."},
    )
    sources = list(Source.objects.order_by("prompt__position"))
    assert [s.prompt for s in sources] == [first, second]
    assert sources[0].respondent == sources[1].respondent
    assert Respondent.objects.count() == 1


@pytest.mark.django_db
def test_it_redacts_personal_data_in_an_answer_and_keeps_the_original(client: Client) -> None:
    question = make_web_question()
    post_answer(client, question, "Ring mig på 070-123 45 67, pnr 811218-9876.")
    source = Source.objects.get()
    assert source.text == "Ring mig på [telefonnummer], pnr [personnummer]."
    assert "811218-9876" in source.original_text


@pytest.mark.django_db
def test_a_filled_honeypot_is_thanked_and_stores_nothing(client: Client) -> None:
    question = make_web_question()
    response = post_answer(client, question, "Köp billiga klockor", website="http://spam.example")
    assert response.status_code == 302
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_the_rate_limit_refuses_a_flood_from_one_client(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPERIENCES_ANSWER_RATE_LIMIT = 2
    question = make_web_question()
    assert post_answer(client, question, "Ett").status_code == 302
    assert post_answer(client, question, "Två").status_code == 302
    response = post_answer(client, question, "Tre")
    assert response.status_code == 429
    assert "Vänta en stund" in response.content.decode()
    assert "Tre" in response.content.decode()  # the answer stays in the form
    assert Source.objects.count() == 2
    other = client.post(
        answer_url(question),
        {f"answer_{question.prompts.first().pk}": "Fyra"},
        REMOTE_ADDR="10.0.0.99",
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_it_refuses_a_too_long_answer_with_a_clear_message(client: Client) -> None:
    question = make_web_question(max_length=50)
    response = post_answer(client, question, "x" * 60)
    assert response.status_code == 400
    assert "högst 50 tecken – ditt är 60" in response.content.decode()
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_empty_answer(client: Client) -> None:
    question = make_web_question()
    response = post_answer(client, question, "   ")
    assert response.status_code == 400
    assert "Skriv ett svar" in response.content.decode()


@pytest.mark.django_db
def test_it_requires_consent_when_the_question_asks_for_it(client: Client) -> None:
    question = make_web_question(consent_text="Jag förstår att svaret används i analysen.")
    response = post_answer(client, question, "Svar")
    assert "Du behöver godkänna" in response.content.decode()
    assert post_answer(client, question, "Svar", consent="on").status_code == 302


@pytest.mark.django_db
def test_it_refuses_a_post_without_the_csrf_token() -> None:
    question = make_web_question()
    client = Client(enforce_csrf_checks=True)
    response = post_answer(client, question, "Svar")
    assert response.status_code == 403
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_a_closed_question_says_it_is_closed_and_takes_no_answers(client: Client) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    question = make_web_question(opens_on=date(2025, 1, 1), closes_on=yesterday)
    assert "Frågan är stängd" in client.get(answer_url(question)).content.decode()
    response = post_answer(client, question, "Sent svar")
    assert response.status_code == 410
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_a_question_not_yet_open_says_when_it_opens(client: Client) -> None:
    question = make_web_question(opens_on=timezone.localdate() + timedelta(days=3))
    assert "Frågan öppnar" in client.get(answer_url(question)).content.decode()


@pytest.mark.django_db
def test_staff_publish_a_question_through_the_form(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/webbfraga/ny/",
        {
            "title": "Berätta!",
            "slug": "beratta",
            "prompts": "Vad fungerade dåligt?\nVad borde vi göra annorlunda?",
            "ask_category": "on",
            "max_length": "4000",
        },
    )
    assert response.status_code == 302
    question = collection.web_questions.get()
    assert [p.text for p in question.prompts.all()] == [
        "Vad fungerade dåligt?",
        "Vad borde vi göra annorlunda?",
    ]
    client.force_login(cast["contributor"])
    assert client.get(f"/erfarenheter/{collection.slug}/webbfraga/ny/").status_code == 403


@pytest.mark.browser
def test_an_anonymous_employee_answers_in_the_browser(live_server, page) -> None:  # type: ignore[no-untyped-def]
    question = make_web_question(
        prompts=["Vad har fungerat dåligt?"], consent_text="Jag har läst texten om anonymitet."
    )
    page.goto(f"{live_server.url}{answer_url(question)}")
    assert axe_violations(page) == []
    page.get_by_label("Vad har fungerat dåligt?").fill(
        "Inloggningen tog tio minuter varje morgon. Ring 08-123 456 78."
    )
    page.get_by_label("Privat vårdgivare").check()
    page.get_by_label("Jag har läst texten om anonymitet.").check()
    page.get_by_role("button", name="Skicka svaret").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Tack för ditt svar!").is_visible()
    assert axe_violations(page) == []
    source = Source.objects.get()
    assert source.text.endswith("Ring [telefonnummer].")
    assert source.category.name == "Privat vårdgivare"
    assert source.date == timezone.localdate() and source.registered_at is None
    stored = " ".join(every_stored_value())
    assert "127.0.0.1" not in stored and "Chrome" not in stored
    assert Session.objects.count() == 0
    cookie_names = {c["name"] for c in page.context.cookies()}
    assert cookie_names <= {"csrftoken"}


@pytest.mark.browser
def test_the_form_works_on_a_phone_and_shows_errors_accessibly(live_server, browser) -> None:  # type: ignore[no-untyped-def]
    question = make_web_question()
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{answer_url(question)}")
        page.get_by_role("button", name="Skicka svaret").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_text("Skriv ett svar innan du skickar.").first.is_visible()
        assert axe_violations(page) == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
    finally:
        context.close()
