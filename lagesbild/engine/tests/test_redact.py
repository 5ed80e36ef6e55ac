"""The redactor: Swedish identity numbers, phone numbers and e-mail, and nothing else."""

import pytest

from lagesbild.engine.redact import (
    EMAIL,
    PERSONAL,
    PERSONNUMMER,
    PHONE,
    SAMORDNINGSNUMMER,
    Span,
    find_personal_data,
    find_phrase,
    luhn_valid,
    merge_spans,
    redact,
)

# 811218-9876 and 19811218-9876 are the Swedish tax agency's example; 701063-2391 a
# samordningsnummer (day 63 = 3 + 60) with a valid check digit.
VALID = "811218-9876"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in find_personal_data(text)]


def test_the_luhn_check_accepts_a_valid_number_and_refuses_a_typo() -> None:
    assert luhn_valid("8112189876")
    assert not luhn_valid("8112189875")


@pytest.mark.parametrize(
    "number",
    [
        "811218-9876",
        "19811218-9876",
        "8112189876",
        "198112189876",
        "811218+9876",
        "811218 9876",
        "19811218 9876",
        "811218 - 9876",
    ],
)
def test_it_finds_a_personnummer_in_every_common_form(number: str) -> None:
    text = f"Patienten med nummer {number} fick fel lista."
    assert kinds(text) == [(number, PERSONNUMMER)]
    assert redact(text) == "Patienten med nummer [personnummer] fick fel lista."


def test_it_finds_a_samordningsnummer_by_its_day_plus_sixty() -> None:
    assert kinds("Samordningsnummer 701063-2391 saknades.") == [("701063-2391", SAMORDNINGSNUMMER)]
    assert redact("nr 19701063-2391") == "nr [samordningsnummer]"


def test_it_redacts_a_typo_with_a_plausible_date_even_when_the_checksum_fails() -> None:
    assert redact("pnr 811218-9875 och 8112189875") == "pnr [personnummer] och [personnummer]"


def test_it_keeps_a_right_shaped_number_whose_date_is_impossible_and_checksum_wrong() -> None:
    assert redact("Referens 123456-7890.") == "Referens 123456-7890."


def test_it_does_not_take_a_personnummer_out_of_a_longer_digit_run() -> None:
    text = "Ordernummer 1234567890123456 och 98112189876543 gäller."
    assert find_personal_data(text) == []
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Sammanställd: 2025-02-27 klockan 08.30",
        "Mötet 2025-02-27, 14:00–16:00, 45 deltagare.",
        "Mellan 2024-11-15 och 2025-01-31 var 1 200 medarbetare berörda.",
        "Version 3.14.15 och 20250227 i loggen.",
        "Ingen personuppgift här, bara text om inloggning och läkemedelslistan.",
        "",
    ],
)
def test_it_leaves_dates_counts_and_plain_text_alone(text: str) -> None:
    assert find_personal_data(text) == []
    assert redact(text) == text


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "0701234567",
        "070 123 45 67",
        "08-123 456 78",
        "08-12 34 56",
        "010-123 45 67",
        "031-123 45 67",
        "+46 70 123 45 67",
        "+46701234567",
        "+46 (0)8 123 456 78",
        "0046 8 123 456 78",
    ],
)
def test_it_finds_swedish_phone_numbers(phone: str) -> None:
    text = f"Ring mig på {phone} i morgon."
    assert kinds(text) == [(phone, PHONE)]
    assert redact(text) == "Ring mig på [telefonnummer] i morgon."


def test_a_trailing_count_does_not_hide_a_phone_number() -> None:
    assert redact("Jag ringde 070-123 45 67 12 gånger") == "Jag ringde [telefonnummer] 12 gånger"


def test_it_finds_email_addresses() -> None:
    text = "Skriv till anna.svensson@regionen.se eller it-support+vis@region.example.org."
    assert [k for _, k in kinds(text)] == [EMAIL, EMAIL]
    assert redact(text) == "Skriv till [e-post] eller [e-post]."


def test_it_redacts_several_kinds_in_one_text() -> None:
    text = f"Lisa ({VALID}, 070-123 45 67, lisa@example.se) sökte vård 2025-02-27."
    assert redact(text) == (
        "Lisa ([personnummer], [telefonnummer], [e-post]) sökte vård 2025-02-27."
    )


def test_extra_spans_mark_names_that_no_pattern_finds() -> None:
    text = "Doktor Berglund sa till Lisa att ringa 08-123 456 78."
    spans = find_phrase(text, "Berglund") + find_phrase(text, "lisa")
    assert redact(text, spans) == (
        "Doktor [personuppgift] sa till [personuppgift] att ringa [telefonnummer]."
    )


def test_find_phrase_finds_every_occurrence_and_ignores_an_empty_phrase() -> None:
    assert find_phrase("Per och per och PER", "Per") == [
        Span(0, 3, PERSONAL),
        Span(8, 11, PERSONAL),
        Span(16, 19, PERSONAL),
    ]
    assert find_phrase("text", "  ") == []


def test_overlapping_spans_merge_into_one() -> None:
    assert merge_spans([Span(5, 10, PHONE), Span(0, 7, PERSONAL), Span(12, 14)]) == [
        Span(0, 10, PERSONAL),
        Span(12, 14, PERSONAL),
    ]
    text = "Mitt nummer är 811218-9876."
    assert redact(text, [Span(15, 21)]) == "Mitt nummer är [personnummer]."
