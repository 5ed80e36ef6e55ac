"""The pure house-style parser: what it reads, what it keeps, and how it refuses bad input."""

from datetime import date, datetime
from pathlib import Path

import pytest

from lagesbild.reports.house_style import (
    ACTIONS,
    LINKS,
    SPOKESPERSONS,
    STANDING,
    STOCKHOLM,
    TEXT,
    HouseStyleError,
    ParsedAction,
    ParsedLink,
    ParsedSpokesperson,
    parse_house_style,
    serialize_house_style,
)

DATA = Path(__file__).parent / "data"
EXAMPLE = (DATA / "example.md").read_text(encoding="utf-8")


def doc(*blocks: str, stamp: str = "Sammanställd: 2025-03-04 klockan 16.00") -> str:
    return "\n\n".join(["# Lägesrapport", stamp, *blocks]) + "\n"


def test_it_reads_the_example_report_into_sections_of_every_kind() -> None:
    parsed = parse_house_style(EXAMPLE)
    assert parsed.title == "Lägesrapport Exempelstaben"
    assert parsed.compiled_at == datetime(2025, 3, 4, 16, 0, tzinfo=STOCKHOLM)
    assert [(s.heading, s.level, s.kind) for s in parsed.sections] == [
        ("Sammanfattande lägesbild", 2, TEXT),
        ("Kommunikativa åtgärder, urval", 2, ACTIONS),
        ("Samlad information", 3, LINKS),
        ("Talesperson", 2, SPOKESPERSONS),
        ("", 2, STANDING),
    ]
    summary, actions, links, people, footer = parsed.sections
    assert summary.body == (
        "- Arbetet fortsätter enligt plan.\n  - Tre workshops har hållits med **förvaltningarna**."
    )
    assert actions.items == [
        ParsedAction(
            date(2025, 3, 3), "Nyhet på intranätet om nästa steg", "https://intranat.example/nyhet"
        ),
        ParsedAction(
            date(2025, 2, 28), "Frågor och svar uppdaterade", "https://intranat.example/faq"
        ),
    ]
    assert links.items == [
        ParsedLink("Samlingssida på intranätet", "https://intranat.example/samling")
    ]
    assert people.items == [ParsedSpokesperson("Anna Exempel", "förvaltningschef")]
    assert footer.body.startswith("*Rapporten sammanställs")


def test_it_writes_the_example_back_exactly_as_it_was() -> None:
    assert serialize_house_style(parse_house_style(EXAMPLE)) == EXAMPLE


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("Sammanställd: 2025-03-04 klockan 16.00", (2025, 3, 4, 16, 0)),
        ("Sammanställd: 2025-03-04 klockan 16:00", (2025, 3, 4, 16, 0)),
        ("Sammanställd:  2025-03-04   kl. 8.05", (2025, 3, 4, 8, 5)),
        ("Sammanställd: 2025-03-04 kl 16.30", (2025, 3, 4, 16, 30)),
        ("Sammanställd 2025-3-4, 16.30", (2025, 3, 4, 16, 30)),
        ("*Sammanställd: 2025-03-04 klockan 16.00*", (2025, 3, 4, 16, 0)),
        ("Sammanställd den 4 mars 2025 klockan 09.15.", (2025, 3, 4, 9, 15)),
        ("SAMMANSTÄLLD: 2025-03-04", (2025, 3, 4, 0, 0)),
    ],
)
def test_it_accepts_the_usual_ways_of_writing_the_stamp(
    stamp: str, expected: tuple[int, int, int, int, int]
) -> None:
    parsed = parse_house_style(doc(stamp=stamp))
    assert parsed.compiled_at == datetime(*expected).replace(tzinfo=STOCKHOLM)


def test_it_reads_the_stamp_as_stockholm_time_in_summer_and_winter() -> None:
    summer = parse_house_style(doc(stamp="Sammanställd: 2025-07-01 klockan 12.00"))
    assert summer.compiled_at.utcoffset().total_seconds() == 2 * 3600  # type: ignore[union-attr]
    winter = parse_house_style(doc())
    assert winter.compiled_at.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]


def test_it_accepts_a_byte_order_mark_and_windows_line_endings() -> None:
    raw = ("\ufeff" + EXAMPLE.replace("\n", "\r\n")).encode("utf-8")
    assert parse_house_style(raw) == parse_house_style(EXAMPLE)


def test_it_steps_back_a_year_for_actions_from_before_new_year() -> None:
    text = doc(
        "## Kommunikativa åtgärder",
        "- 2/1: [Nyhet](https://x.example/a)\n- 28/12: Brev till chefer",
        stamp="Sammanställd: 2025-01-03 klockan 10.00",
    )
    items = parse_house_style(text).sections[0].items
    assert [i.day for i in items] == [date(2025, 1, 2), date(2024, 12, 28)]  # type: ignore[union-attr]
    assert items[1] == ParsedAction(date(2024, 12, 28), "Brev till chefer", "")


def test_it_keeps_an_action_a_few_days_ahead_in_the_same_year() -> None:
    text = doc("## Planerat", "- 10/3 – Informationsmöte för chefer")
    assert parse_house_style(text).sections[0].items == [
        ParsedAction(date(2025, 3, 10), "Informationsmöte för chefer", "")
    ]


def test_it_reads_29_february_of_the_leap_year_before() -> None:
    text = doc("## Åtgärder", "- 29/2: Nyhet", stamp="Sammanställd: 2025-01-10")
    assert parse_house_style(text).sections[0].items[0].day == date(2024, 2, 29)  # type: ignore[union-attr]


def test_it_keeps_a_list_that_only_partly_looks_like_actions_as_text() -> None:
    body = "- 3/3: [Nyhet](https://x.example/n)\n- Och mer information kommer"
    section = parse_house_style(doc("## Åtgärder", body)).sections[0]
    assert (section.kind, section.body, section.items) == (TEXT, body, [])


def test_it_keeps_a_talesperson_section_with_links_as_text() -> None:
    body = "- Anna Exempel, [anna@example.se](mailto:anna@example.se)"
    section = parse_house_style(doc("## Talesperson", body)).sections[0]
    assert (section.kind, section.body) == (TEXT, body)


def test_it_reads_talespersoner_without_titles_and_with_commas_in_titles() -> None:
    section = parse_house_style(
        doc("## Talespersoner", "- Anna Exempel\n- Bo Berg, chef, Koncernkontoret")
    ).sections[0]
    assert section.kind == SPOKESPERSONS
    assert section.items == [
        ParsedSpokesperson("Anna Exempel", ""),
        ParsedSpokesperson("Bo Berg", "chef, Koncernkontoret"),
    ]


def test_it_keeps_text_before_the_first_heading_and_bold_and_italic_lines_inside_text() -> None:
    text = doc(
        "Inledande **fet** rad.",
        "## Läget",
        "*Kursiv rad mitt i.*\n\n**Fet rad.**\n\nVanlig text.",
        "## Talesperson",
        "- Anna Exempel, chef",
    )
    sections = parse_house_style(text).sections
    assert [(s.heading, s.kind, s.body) for s in sections[:2]] == [
        ("", TEXT, "Inledande **fet** rad."),
        ("Läget", TEXT, "*Kursiv rad mitt i.*\n\n**Fet rad.**\n\nVanlig text."),
    ]
    assert sections[-1].kind == SPOKESPERSONS


def test_it_splits_trailing_italic_paragraphs_off_as_a_heading_less_footer() -> None:
    text = doc("## Läget", "Text.", "*Fot ett.*", "_Fot två._")
    sections = parse_house_style(text).sections
    assert [(s.heading, s.kind, s.body) for s in sections] == [
        ("Läget", TEXT, "Text."),
        ("", STANDING, "*Fot ett.*\n\n_Fot två._"),
    ]


def test_it_makes_a_last_section_of_only_italic_text_standing_with_its_heading() -> None:
    sections = parse_house_style(doc("## Om rapporten", "*Skickas varje fredag.*")).sections
    assert [(s.heading, s.kind) for s in sections] == [("Om rapporten", STANDING)]


def test_it_keeps_headings_levels_nesting_and_anything_unknown_as_written() -> None:
    body = "1. Ett\n    - djupt\n\n> Citat\n\n```\nkod\n```\n\n[ref]: https://x.example"
    sections = parse_house_style(doc("#### Djup rubrik", body, "## Tom rubrik")).sections
    assert [(s.heading, s.level, s.kind, s.body) for s in sections] == [
        ("Djup rubrik", 4, TEXT, body),
        ("Tom rubrik", 2, TEXT, ""),
    ]


def test_it_keeps_lines_after_the_stamp_in_the_same_paragraph() -> None:
    text = doc(stamp="Sammanställd: 2025-03-04 klockan 16.00\nNästa rapport kommer fredag.")
    section = parse_house_style(text).sections[0]
    assert (section.heading, section.body) == ("", "Nästa rapport kommer fredag.")


def test_it_keeps_link_text_with_brackets_and_urls_with_spaces_and_aao() -> None:
    text = doc("## Länkar", r"- [Svar \[uppdaterat\]](<https://x.example/å ä>)")
    section = parse_house_style(text).sections[0]
    assert section.items == [ParsedLink("Svar [uppdaterat]", "https://x.example/å ä")]
    assert parse_house_style(serialize_house_style(parse_house_style(text))).sections == [section]


# --- Bad input ------------------------------------------------------------------------------


def error_of(text: str | bytes) -> HouseStyleError:
    with pytest.raises(HouseStyleError) as caught:
        parse_house_style(text)
    return caught.value


def test_it_refuses_a_file_that_is_not_utf8_naming_the_line() -> None:
    error = error_of(
        EXAMPLE.encode("utf-8").replace("Sammanställd".encode(), "Sammanställd".encode("latin-1"))
    )
    assert error.line == 3
    assert str(error).startswith("Rad 3: Filen är inte UTF-8")


def test_it_refuses_an_empty_file() -> None:
    assert "Filen är tom" in str(error_of(" \n\n"))


def test_it_refuses_a_report_without_a_title() -> None:
    error = error_of("## Bara en underrubrik\n\nSammanställd: 2025-03-04 klockan 16.00\n")
    assert error.line == 1 and "saknar titel" in str(error)


def test_it_refuses_an_impossible_compiled_date_naming_the_line() -> None:
    error = error_of(doc(stamp="Sammanställd: 2025-02-30 klockan 16.00"))
    assert str(error) == "Rad 3: Datumet 2025-02-30 finns inte."


@pytest.mark.parametrize(
    "stamp, words",
    [
        ("Sammanställd: 2025-03-04 klockan 25.00", "Klockslaget 25.00 finns inte"),
        ("Sammanställd: klockan 16.00", "Datum saknas"),
        ("Sammanställd: i går", "går inte att läsa"),
        ("Sammanställd: 4 marsipan 2025", "Månaden ”marsipan” är okänd"),
        ("Sammanställd: 2025-03-30 klockan 02.30", "sommartid"),
    ],
)
def test_it_refuses_a_stamp_it_cannot_read_without_guessing(stamp: str, words: str) -> None:
    error = error_of(doc(stamp=stamp))
    assert error.line == 3 and words in str(error)


def test_it_refuses_a_report_without_the_stamp_and_says_what_is_missing() -> None:
    error = error_of("# Lägesrapport\n\n## Läget\n\nText.\n")
    assert error.line == 2 and "”Sammanställd: ÅÅÅÅ-MM-DD klockan TT.MM” saknas" in str(error)


def test_it_refuses_an_impossible_day_in_an_actions_list_naming_its_line() -> None:
    error = error_of(doc("## Åtgärder", "- 3/3: Nyhet\n- 31/2: [Omöjlig](https://x.example)"))
    assert error.line == 8
    assert "Datumet 31/2 finns inte" in str(error)


def test_it_refuses_a_29_february_that_has_no_year_near_the_report() -> None:
    error = error_of(doc("## Åtgärder", "- 29/2: Nyhet", stamp="Sammanställd: 2025-06-01"))
    assert "29/2" in str(error)


def test_it_reads_the_stamp_written_with_a_slash_date() -> None:
    parsed = parse_house_style(doc(stamp="Sammanställd: 4/3 2025 kl. 16.00"))
    assert parsed.compiled_at == datetime(2025, 3, 4, 16, 0, tzinfo=STOCKHOLM)


def test_it_reads_an_action_whose_date_is_followed_directly_by_its_link() -> None:
    section = parse_house_style(doc("## Åtgärder", "* 3/3 [Nyhet](https://x.example/n)")).sections[
        0
    ]
    assert section.items == [ParsedAction(date(2025, 3, 3), "Nyhet", "https://x.example/n")]


def test_it_reads_spokespersons_under_a_longer_talesperson_heading() -> None:
    section = parse_house_style(
        doc("## Talespersoner för staben", "- Anna Exempel, chef")
    ).sections[0]
    assert section.kind == SPOKESPERSONS


def test_it_does_not_read_a_date_range_as_an_action() -> None:
    section = parse_house_style(doc("## Åtgärder", "- 3/3-4/3: Utbildning")).sections[0]
    assert section.kind == TEXT
