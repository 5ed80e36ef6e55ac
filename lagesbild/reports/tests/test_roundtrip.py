"""Round trip: serialize → parse gives the same structure, and import → export → import too."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lagesbild import testing
from lagesbild.reports.house_style import (
    ACTIONS,
    LINKS,
    SPOKESPERSONS,
    STANDING,
    STOCKHOLM,
    TEXT,
    ParsedAction,
    ParsedLink,
    ParsedReport,
    ParsedSection,
    ParsedSpokesperson,
    parse_house_style,
    serialize_house_style,
)
from lagesbild.reports.importing import report_import
from lagesbild.reports.models import Report
from lagesbild.reports.rendering import report_render

DATA = Path(__file__).parent / "data"
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
# Words that mean something to the parser: the stamp, and headings of spokesperson sections.
RESERVED = ("sammanställd", "tales")

words = st.text(LETTERS, min_size=1, max_size=9).filter(
    lambda w: not w.casefold().startswith(RESERVED)
)
phrase = st.lists(words, min_size=1, max_size=5).map(" ".join)
url = st.builds(
    lambda path, spaced: f"https://intranat.example/{path}" + (" sida" if spaced else ""),
    st.text("abcdefghijklmnopqrstuvwxyzåäö-/", max_size=12),
    st.booleans(),
)
bracketed = st.builds(
    lambda a, b, shape: shape.format(a, b),
    phrase,
    phrase,
    st.sampled_from(["{} [{}]", "{} ]{}", "{}[{}"]),
)
link_title = st.one_of(phrase, bracketed)
fragment = st.one_of(
    phrase,
    phrase.map(lambda p: f"**{p}**"),
    phrase.map(lambda p: f"*{p}*"),
    st.builds(lambda t, u: f"[{t}]({u.replace(' ', '-')})", phrase, url),
)


@st.composite
def plain_paragraph(draw: Any) -> str:
    """A paragraph starting with a plain word (so never a list, heading or footer)."""
    lines = []
    for _ in range(draw(st.integers(1, 2))):
        lines.append(" ".join([draw(words), *draw(st.lists(fragment, max_size=3))]))
    return "\n".join(lines)


@st.composite
def nested_list(draw: Any, depth: int = 0) -> list[str]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        out.append(
            "  " * depth + "- " + " ".join([draw(words), *draw(st.lists(fragment, max_size=2))])
        )
        if depth < 2 and draw(st.booleans()):
            out.extend(draw(nested_list(depth + 1)))
    return out


italic_paragraph = phrase.map(lambda p: f"*{p}*")
middle_block = st.one_of(
    plain_paragraph(),
    italic_paragraph,
    phrase.map(lambda p: f"**{p}**"),
    nested_list().map("\n".join),
)


@st.composite
def text_body(draw: Any) -> str:
    """Free text that reads back as text: starts with a paragraph, never ends in italics."""
    blocks = [draw(plain_paragraph()), *draw(st.lists(middle_block, max_size=3))]
    if blocks[-1].startswith("*") and not blocks[-1].startswith("**"):
        blocks.append(draw(plain_paragraph()))
    return "\n\n".join(blocks)


@st.composite
def compiled_at(draw: Any) -> datetime:
    naive = draw(st.datetimes(datetime(2000, 1, 1), datetime(2035, 12, 31))).replace(
        second=0, microsecond=0
    )
    moment = naive.replace(tzinfo=STOCKHOLM)
    # The hour skipped when summer time starts cannot be written; the parser refuses it.
    assume(moment.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) == naive)
    return moment


def items_for(draw: Any, kind: str, compiled: datetime) -> list[Any]:
    if kind == ACTIONS:
        day = st.integers(-31, 333).map(lambda k: compiled.date() - timedelta(days=k))
        return draw(
            st.lists(
                st.builds(ParsedAction, day, phrase, st.one_of(st.just(""), url)).filter(
                    lambda a: bool(a.url) or "[" not in a.title
                ),
                min_size=1,
                max_size=4,
            )
        )
    if kind == LINKS:
        return draw(st.lists(st.builds(ParsedLink, link_title, url), min_size=1, max_size=4))
    title = st.one_of(st.just(""), phrase, st.builds(lambda a, b: f"{a}, {b}", phrase, phrase))
    return draw(st.lists(st.builds(ParsedSpokesperson, phrase, title), min_size=1, max_size=3))


@st.composite
def parsed_reports(draw: Any) -> ParsedReport:
    compiled = draw(compiled_at())
    sections = []
    if draw(st.booleans()):
        sections.append(ParsedSection("", 2, TEXT, draw(text_body())))
    for kind in draw(st.lists(st.sampled_from([TEXT, ACTIONS, LINKS, SPOKESPERSONS]), max_size=5)):
        level = draw(st.integers(2, 4))
        if kind == SPOKESPERSONS:
            heading = draw(st.sampled_from(["Talesperson", "Talespersoner", "Talesman"]))
        else:
            heading = draw(phrase)
        body = draw(st.one_of(st.just(""), text_body())) if kind == TEXT else ""
        items = [] if kind == TEXT else items_for(draw, kind, compiled)
        sections.append(ParsedSection(heading, level, kind, body, items))
    ending = draw(st.sampled_from(["none", "footer", "standing"]))
    footer = "\n\n".join(draw(st.lists(italic_paragraph, min_size=1, max_size=2)))
    if ending == "footer" and not (
        sections and sections[-1].kind == TEXT and not sections[-1].body
    ):
        sections.append(ParsedSection("", 2, STANDING, footer))
    elif ending == "standing":
        sections.append(ParsedSection(draw(phrase), draw(st.integers(2, 4)), STANDING, footer))
    return ParsedReport(title=draw(phrase), compiled_at=compiled, sections=sections)


@settings(max_examples=60, deadline=None)
@given(parsed_reports())
def test_serializing_then_parsing_gives_back_the_same_structure(report: ParsedReport) -> None:
    text = serialize_house_style(report)
    assert parse_house_style(text) == report
    assert serialize_house_style(parse_house_style(text)) == text


# --- Through the database ---------------------------------------------------------------------


def structure(report: Report) -> list[tuple[Any, ...]]:
    """What a report says, without ids: sections with their actions, links and people."""
    out = []
    for s in report.sections.select_related("link_collection").prefetch_related(
        "actions", "spokespersons", "link_collection__links"
    ):
        actions = sorted(((a.date, a.title, a.url) for a in s.actions.all()), reverse=True)
        links = (
            [(link.title, link.url) for link in s.link_collection.links.all()]
            if s.link_collection
            else []
        )
        people = [(p.name, p.title) for p in s.spokespersons.all()]
        out.append((s.position, s.heading, s.level, s.kind, s.body, actions, links, people))
    return out


@pytest.mark.parametrize("name", ["example.md", "archive_new_year.md"])
def test_an_imported_file_exported_and_imported_again_has_the_same_structure(
    db: None, name: str
) -> None:
    series = testing.make_series()
    first = report_import(text=(DATA / name).read_bytes(), series=series, staff=None, by=None)
    exported = report_render(first).markdown()
    second = report_import(text=exported, series=series, staff=None, by=None)
    assert (second.number, second.title, second.compiled_at) == (2, first.title, first.compiled_at)
    assert structure(second) == structure(first)
    assert report_render(second).markdown() == exported
    assert len(structure(first)) == len(parse_house_style((DATA / name).read_bytes()).sections)


def newest_first(report: ParsedReport) -> ParsedReport:
    """Rendering lists actions newest first, so that is the order to expect back."""
    for s in report.sections:
        if s.kind == ACTIONS:
            s.items.sort(key=lambda a: a.day, reverse=True)  # type: ignore[union-attr]
    return report


def unique_items(report: ParsedReport) -> bool:
    items = [item for s in report.sections for item in s.items]
    people = [p.name for p in items if isinstance(p, ParsedSpokesperson)]
    actions = [(a.day, a.title, a.url) for a in items if isinstance(a, ParsedAction)]
    return len(people) == len(set(people)) and len(actions) == len(set(actions))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parsed_reports().filter(unique_items).map(newest_first))
def test_a_generated_report_survives_import_and_export_through_the_database(
    db: None, report: ParsedReport
) -> None:
    text = serialize_house_style(report)
    imported = report_import(text=text, series=testing.make_series(), staff=None, by=None)
    assert report_render(imported).markdown() == text
