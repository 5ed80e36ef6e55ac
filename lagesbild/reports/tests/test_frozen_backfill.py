"""Migration 0003 freezes reports published before frozen_markdown existed."""

from __future__ import annotations

import importlib
from datetime import date

from django.apps import apps

from lagesbild import testing
from lagesbild.reports.models import ReportSection, ReportState, SectionKind
from lagesbild.reports.rendering import section_markdown

backfill = importlib.import_module(
    "lagesbild.reports.migrations.0003_backfill_frozen_markdown"
).backfill


def test_it_freezes_published_reports_as_they_rendered_and_leaves_drafts(db: None) -> None:
    series = testing.make_series()
    staff = series.staff
    published = testing.make_report(series, state=ReportState.PUBLISHED)
    draft = testing.make_report(series)
    actions = ReportSection.objects.create(
        report=published, position=1, heading="Kommunikativa åtgärder", kind=SectionKind.ACTIONS
    )
    actions.actions.set(
        [
            testing.make_action(staff, date=date(2025, 2, 26), title="Nyhet", url="https://a.se/n"),
            testing.make_action(staff, date=date(2025, 2, 27), title="FAQ uppdaterad", url=""),
        ]
    )
    people = ReportSection.objects.create(
        report=published, position=2, heading="Talespersoner", kind=SectionKind.SPOKESPERSONS
    )
    people.spokespersons.set([testing.make_spokesperson(staff, name="Eva Ek", title="stabschef")])
    collection = testing.make_link_collection(staff)
    links = ReportSection.objects.create(
        report=published,
        position=3,
        heading="Samlad information",
        kind=SectionKind.LINKS,
        link_collection=collection,
    )
    # What the live rendering says today, before anything is frozen.
    expected = {s.pk: section_markdown(s) for s in published.sections.all()}
    assert expected[actions.pk] == "- 27/2: FAQ uppdaterad\n- 26/2: [Nyhet](https://a.se/n)"
    backfill(apps, None)
    for section in published.sections.all():
        assert section.frozen_markdown == expected[section.pk]
    assert links.pk in expected
    assert all(s.frozen_markdown is None for s in draft.sections.all())
    # A later edit of a shared action no longer changes the published report.
    actions.actions.filter(title="Nyhet").update(title="Ändrad")
    actions.refresh_from_db()
    assert "Ändrad" not in section_markdown(actions)
