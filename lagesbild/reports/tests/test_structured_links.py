"""Structured fields can never become links; protocol-relative addresses are refused or dropped."""

from __future__ import annotations

import re

from django.test import Client

from lagesbild import testing
from lagesbild.lib.markdown import render_markdown
from lagesbild.reports.models import ReportSection, SectionKind
from lagesbild.reports.rendering import section_markdown


def test_a_spokespersons_name_with_markdown_link_stays_text(db: None) -> None:
    series = testing.make_series()
    report = testing.make_report(series)
    section = ReportSection.objects.create(
        report=report, position=1, heading="Talespersoner", kind=SectionKind.SPOKESPERSONS
    )
    section.spokespersons.set(
        [
            testing.make_spokesperson(
                series.staff, name="[Klicka här](https://evil.example)", title="<https://x.example>"
            )
        ]
    )
    html = render_markdown(section_markdown(section))
    assert "<a " not in html
    assert "[Klicka här](https://evil.example)" in html


def test_an_action_title_without_address_cannot_form_a_link(db: None) -> None:
    series = testing.make_series()
    report = testing.make_report(series)
    section = ReportSection.objects.create(
        report=report, position=1, heading="Åtgärder", kind=SectionKind.ACTIONS
    )
    section.actions.set(
        [testing.make_action(series.staff, title="[Här](https://evil.example)", url="")]
    )
    assert "<a " not in render_markdown(section_markdown(section))


def test_protocol_relative_links_are_dropped_when_rendered() -> None:
    for url in ("//evil.example/x", "/\\evil.example/x", "<//evil.example>"):
        html = render_markdown(f"[Intranätet]({url})")
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert not [h for h in hrefs if h.startswith(("//", "/\\"))], html
    assert 'href="/rapporter/"' in render_markdown("[Rapporter](/rapporter/)")


def test_the_link_form_refuses_a_protocol_relative_address(client: Client, cast: dict) -> None:
    from lagesbild.communications.forms import LinkForm

    form = LinkForm(data={"title": "Intranätet", "url": "//evil.example/", "position": 0})
    assert not form.is_valid()
    assert "url" in form.errors
    form = LinkForm(data={"title": "Intranätet", "url": "/rapporter/", "position": 0})
    assert form.is_valid(), form.errors
