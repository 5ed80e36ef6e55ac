"""The editor page's picture of the report cycle: per section whose, status, changed or not.

Shared by the full editor page and the htmx fragments that replace one section card and the
sticky summary bar after a section moves, so both always say the same.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.accounts.permissions import may, may_map
from lagesbild.lib.dates import compiled_at_text
from lagesbild.reports.computed import report_choices
from lagesbild.reports.forms import AssignForm
from lagesbild.reports.models import Report, ReportSection, SectionKind, SectionStatus
from lagesbild.reports.rendering import RenderedSection, report_render


def may_edit_section(user: Any, section: ReportSection, staff: Any = None) -> bool:
    if may(user, "write_any_section", staff):
        return True
    return bool(may(user, "write_assigned_section", staff) and section.assignee_id == user.pk)


def report_before(report: Report) -> Report | None:
    """The report this one was started from: the corrected version, or the last number."""
    if report.corrects_id:
        return report.corrects
    return (
        report.series.reports.filter(number__lt=report.number)
        .order_by("-number", "-version")
        .first()
    )


@dataclass
class SectionRow:
    section: ReportSection
    preview: RenderedSection
    may_edit: bool
    # None when there is nothing to compare with (the first report, or a new section).
    changed: bool | None
    is_mine: bool
    may_assign: bool
    # Why the section came back to its writer, while it is still to be rewritten.
    sent_back: AuditEntry | None = None


Previous = dict[int, tuple[str, str, str | None]]


def _previous_texts(before: Report | None) -> Previous:
    """Per position: the heading, the body and, for a published report, what readers saw."""
    if before is None:
        return {}
    rows = before.sections.values_list("position", "heading", "body", "frozen_markdown")
    return {position: (heading, body, frozen) for position, heading, body, frozen in rows}


def section_changed(section: ReportSection, markdown: str, previous: Previous) -> bool | None:
    """Has the content changed since the report before? Standing text never counts.

    A published report's frozen Markdown is what its readers saw, so comparing with it also
    catches a new selection of actions or links; without it only the written text compares.
    """
    if section.kind == SectionKind.STANDING or section.position not in previous:
        return None
    heading, body, frozen = previous[section.position]
    if heading != section.heading:
        return True
    if frozen is not None:
        return frozen.strip() != markdown.strip()
    return body.strip() != section.body.strip()


def send_back_notes(sections: list[ReportSection]) -> dict[int, AuditEntry]:
    """The latest "back to the writer" entry with a note, per section now to be written."""
    ids = [str(s.pk) for s in sections if s.status == SectionStatus.TO_WRITE]
    notes: dict[int, AuditEntry] = {}
    if not ids:
        return notes
    entries = AuditEntry.objects.filter(
        object_type="reports.reportsection", object_id__in=ids, action="section.status"
    ).order_by("-at", "-id")
    for entry in entries:
        pk = int(entry.object_id)
        if pk not in notes:
            notes[pk] = entry
    return {
        pk: e
        for pk, e in notes.items()
        if e.details.get("note") and e.details.get("to") == "to_write"
    }


def section_rows(
    request: HttpRequest,
    report: Report,
    sections: list[ReportSection],
    rendered: list[RenderedSection],
    previous: Previous,
) -> list[SectionRow]:
    user = request.user
    # One membership lookup for the page: each may() would ask the database again.
    allowed = may_map(user, report.series.staff)
    may_assign = allowed["assign_sections"]
    may_write_any = allowed["write_any_section"]
    may_write_own = allowed["write_assigned_section"]
    notes = send_back_notes(sections)
    return [
        SectionRow(
            section=s,
            preview=r,
            may_edit=report.is_editable
            and (may_write_any or (may_write_own and s.assignee_id == user.pk)),
            changed=section_changed(s, r.markdown, previous),
            is_mine=s.assignee_id == user.pk,
            may_assign=may_assign and report.is_editable,
            sent_back=notes.get(s.pk),
        )
        for s, r in zip(sections, rendered, strict=True)
    ]


def summary_context(report: Report, sections: list[ReportSection], user: Any) -> dict[str, Any]:
    """What the sticky bar says: counts, what is missing, the deadline, the reader's own part."""
    now = timezone.now()
    missing = [s for s in sections if s.status != SectionStatus.APPROVED]
    return {
        "counts": {
            status.value: sum(1 for s in sections if s.status == status) for status in SectionStatus
        },
        "missing": missing,
        "my_missing": [
            s for s in sections if s.assignee_id == user.pk and s.status == SectionStatus.TO_WRITE
        ],
        "overdue": bool(report.deadline and report.deadline < now and missing),
        "deadline_line": compiled_at_text(report.deadline) if report.deadline else "",
        "compiled_at_line": compiled_at_text(report.compiled_at),
    }


def editor_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    sections = list(report.sections.select_related("assignee", "updated_by"))
    before = report_before(report)
    previous = _previous_texts(before)
    rendered = report_render(report).sections
    return {
        "report": report,
        "before": before,
        "rows": section_rows(request, report, sections, rendered, previous),
        "may": may_map(request.user, report.series.staff),
        # What other apps let the editor choose about this report (a decision basis's options).
        "choices": report_choices(report),
        # One list for every section's writer menu: rendering a form widget per section
        # cost more than the rest of the card.
        "writers": list(
            AssignForm(staff=report.series.staff).fields["assignee"].queryset  # type: ignore[attr-defined]
        ),
        **summary_context(report, sections, request.user),
    }


def section_fragment(request: HttpRequest, section: ReportSection) -> HttpResponse:
    """The htmx answer to a section move: its new card, and the bar swapped out of band."""
    report = section.report
    context = editor_context(request, report)
    row = next(r for r in context["rows"] if r.section.pk == section.pk)
    html = render_to_string(
        "reports/_section_card.html", {**context, "row": row}, request=request
    ) + render_to_string("reports/_cycle_bar.html", {**context, "oob": True}, request=request)
    return HttpResponse(html)
