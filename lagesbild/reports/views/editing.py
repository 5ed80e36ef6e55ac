"""Writing a report: the editor page, section editing, assignment and the workflow buttons."""

import copy
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, may, may_map, require
from lagesbild.lib.dates import compiled_at_text
from lagesbild.reports import services
from lagesbild.reports.forms import (
    AssignForm,
    CorrectForm,
    NewReportForm,
    NoteForm,
    ReportDetailsForm,
    SectionForm,
    SendBackForm,
    StatusForm,
)
from lagesbild.reports.models import (
    Report,
    ReportSection,
    SectionKind,
    SectionStatus,
    Series,
)
from lagesbild.reports.rendering import RenderedSection, report_render, section_markdown


def may_edit_section(user: Any, section: ReportSection) -> bool:
    staff = section.report.series.staff
    if may(user, "write_any_section", staff):
        return True
    return bool(may(user, "write_assigned_section", staff) and section.assignee_id == user.pk)


def _editor(report: Report, section: ReportSection | None = None) -> HttpResponse:
    url = reverse("reports:report_edit", kwargs={"pk": report.pk})
    return redirect(f"{url}#avsnitt-{section.pk}" if section else url)


def _user(request: HttpRequest) -> User:
    # Every view here is behind require(), so the user is a logged-in User.
    return cast(User, request.user)


def _report(request: HttpRequest, pk: int, action: str) -> Report:
    """The report, if the user may perform the action in its staff (403 otherwise)."""
    report = get_object_or_404(Report.objects.select_related("series__staff", "corrects"), pk=pk)
    check_staff(request, action, report.series.staff)
    return report


def _section(request: HttpRequest, pk: int, section_pk: int, action: str) -> ReportSection:
    section = get_object_or_404(
        ReportSection.objects.select_related("report__series__staff", "assignee"),
        pk=section_pk,
        report_id=pk,
    )
    check_staff(request, action, section.report.series.staff)
    return section


@require("create_report")
def report_create(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("staff"), slug=slug)
    check_staff(request, "create_report", series.staff)
    form = NewReportForm(request.POST or None, initial={"compiled_at": timezone.now()})
    if request.method == "POST" and form.is_valid():
        report = services.report_create_next(
            series=series,
            by=_user(request),
            kind=form.cleaned_data["kind"],
            compiled_at=form.cleaned_data["compiled_at"],
            deadline=form.cleaned_data["deadline"],
        )
        messages.success(request, _("Rapport nr %(n)s är skapad.") % {"n": report.number})
        return _editor(report)
    return render(request, "reports/editor_new.html", {"series": series, "form": form})


@require("read_drafts")
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "read_drafts")
    staff = report.series.staff
    sections = list(report.sections.select_related("assignee", "updated_by"))
    rendered = report_render(report).sections
    now = timezone.now()
    rows = [
        {
            "section": s,
            "preview": r,
            "may_edit": report.is_editable and may_edit_section(request.user, s),
            "assign_form": AssignForm(
                initial={"assignee": s.assignee_id}, prefix=f"s{s.pk}", staff=staff
            ),
        }
        for s, r in zip(sections, rendered, strict=True)
    ]
    missing = [s for s in sections if s.status != SectionStatus.APPROVED]
    context = {
        "report": report,
        "may": may_map(request.user, staff),
        "rows": rows,
        "compiled_at_line": compiled_at_text(report.compiled_at),
        "deadline_line": compiled_at_text(report.deadline) if report.deadline else "",
        "counts": {
            status.value: sum(1 for s in sections if s.status == status) for status in SectionStatus
        },
        "missing": missing,
        "overdue": bool(report.deadline and report.deadline < now and missing),
        "details_form": ReportDetailsForm(
            initial={"compiled_at": report.compiled_at, "deadline": report.deadline}
        ),
        "note_form": NoteForm(),
        "send_back_form": SendBackForm(),
        "correct_form": CorrectForm(),
        "transitions": report.transitions.select_related("by"),
        "audit_entries": services.report_audit_entries(report),
        "correction": getattr(report, "corrected_by", None),
    }
    return render(request, "reports/editor_report.html", context)


@require("write_any_section")
@require_POST
def report_details(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "write_any_section")
    form = ReportDetailsForm(request.POST)
    if not _valid(request, form):
        return _editor(report)
    try:
        services.report_update_details(
            report=report,
            by=_user(request),
            compiled_at=form.cleaned_data["compiled_at"],
            deadline=form.cleaned_data["deadline"],
        )
        messages.success(request, _("Tid och deadline är sparade."))
    except services.ReportError as exc:
        messages.error(request, str(exc))
    return _editor(report)


def _section_preview(section: ReportSection, data: dict[str, Any]) -> RenderedSection:
    """Render unsaved text with the shared rendering, on a copy that is never saved."""
    draft = copy.copy(section)
    draft.body = data.get("body", section.body) or ""
    draft.heading = data.get("heading", section.heading) or ""
    if section.kind == SectionKind.LINKS and "link_collection" in data:
        draft.link_collection = data["link_collection"]
    return RenderedSection(
        heading=draft.heading, level=draft.level, kind=draft.kind, markdown=section_markdown(draft)
    )


def _content(section: ReportSection, data: dict[str, Any]) -> services.SectionContent:
    return services.SectionContent(
        body=data["body"],
        heading=data["heading"],
        actions=list(data["actions"]) if "actions" in data else None,
        link_collection=data.get("link_collection"),
        spokespersons=list(data["spokespersons"]) if "spokespersons" in data else None,
    )


@require("write_assigned_section")
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    section = _section(request, pk, section_pk, "write_assigned_section")
    if not may_edit_section(request.user, section):
        raise PermissionDenied("write_any_section")
    report = section.report
    if not report.is_editable:
        messages.error(request, _("Rapporten kan inte ändras i det här läget."))
        return _editor(report)
    context: dict[str, Any] = {"report": report, "section": section}
    status = 200
    if request.method != "POST":
        form = SectionForm(initial=SectionForm.initial_for(section), section=section)
        context["preview"] = _section_preview(section, {})
    else:
        form = SectionForm(request.POST, section=section)
        if form.is_valid() and "preview" in request.POST:
            context["preview"] = _section_preview(section, form.cleaned_data)
        elif form.is_valid():
            try:
                saved = services.section_save(
                    section=section,
                    by=_user(request),
                    base_revision=form.cleaned_data["revision"],
                    content=_content(section, form.cleaned_data),
                )
            except services.SectionConflict as conflict:
                # Keep the writer's text in the form but let the next save build on theirs.
                data = request.POST.copy()
                mine = _section_preview(section, form.cleaned_data)
                data["revision"] = str(conflict.current.revision)
                form = SectionForm(data, section=section)
                context.update(
                    conflict=conflict, theirs=_section_preview(conflict.current, {}), preview=mine
                )
                status = 409
            except services.ReportError as exc:
                messages.error(request, str(exc))
                return _editor(report)
            else:
                if "save_written" in request.POST and saved.status == SectionStatus.TO_WRITE:
                    services.section_set_status(
                        section=saved,
                        by=_user(request),
                        status=SectionStatus.WRITTEN,
                    )
                messages.success(request, _("Avsnittet ”%(s)s” är sparat.") % {"s": saved})
                return _editor(report, saved)
    context["form"] = form
    return render(request, "reports/editor_section.html", context, status=status)


@require("write_assigned_section")
@require_POST
def section_preview(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """The htmx live preview: the rendered section for the text being typed."""
    section = _section(request, pk, section_pk, "write_assigned_section")
    if not may_edit_section(request.user, section):
        raise PermissionDenied("write_any_section")
    form = SectionForm(request.POST, section=section)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k in ("body", "heading")}
    if "link_collection" in form.cleaned_data:
        data["link_collection"] = form.cleaned_data["link_collection"]
    return render(
        request, "reports/_section_preview.html", {"preview": _section_preview(section, data)}
    )


@require("assign_sections")
@require_POST
def section_assign(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    section = _section(request, pk, section_pk, "assign_sections")
    form = AssignForm(request.POST, prefix=f"s{section.pk}", staff=section.report.series.staff)
    if not form.is_valid():
        messages.error(request, _("Välj en skribent i listan."))
        return _editor(section.report)
    try:
        services.section_assign(
            section=section,
            by=_user(request),
            assignee=form.cleaned_data["assignee"],
        )
        messages.success(request, _("Avsnittet ”%(s)s” är tilldelat.") % {"s": section})
    except services.ReportError as exc:
        messages.error(request, str(exc))
    return _editor(section.report, section)


@require("write_assigned_section")
@require_POST
def section_status(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """Writers mark their section written (or back to write); editors approve."""
    section = _section(request, pk, section_pk, "write_assigned_section")
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Okänd status."))
        return _editor(section.report)
    status = form.cleaned_data["status"]
    if status == SectionStatus.APPROVED or section.status == SectionStatus.APPROVED:
        check_staff(request, "write_any_section", section.report.series.staff)
    elif not may_edit_section(request.user, section):
        raise PermissionDenied("write_any_section")
    try:
        services.section_set_status(
            section=section,
            by=_user(request),
            status=status,
        )
        messages.success(
            request,
            _("”%(s)s” har status %(status)s.")
            % {"s": section, "status": section.get_status_display().lower()},
        )
    except services.ReportError as exc:
        messages.error(request, str(exc))
    return _editor(section.report, section)


def _valid(request: HttpRequest, form: Any) -> bool:
    """Validate a workflow form; on failure its errors become messages on the editor page."""
    if form.is_valid():
        return True
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return False


def _move_with_note(
    request: HttpRequest,
    pk: int,
    action: str,
    form_class: type[forms.Form],
    move: Any,
    done: str,
) -> HttpResponse:
    """The workflow moves that take a note: validate it, move, say how it went."""
    report = _report(request, pk, action)
    form = form_class(request.POST)
    if _valid(request, form):
        try:
            move(report=report, by=_user(request), note=form.cleaned_data["note"])
            messages.success(request, done)
        except services.ReportError as exc:
            messages.error(request, str(exc))
    return _editor(report)


@require("submit_for_review")
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _move_with_note(
        request,
        pk,
        "submit_for_review",
        NoteForm,
        services.report_submit_for_review,
        _("Rapporten är skickad för granskning."),
    )


@require("submit_for_review")
@require_POST
def report_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    return _move_with_note(
        request,
        pk,
        "submit_for_review",
        SendBackForm,
        services.report_send_back,
        _("Rapporten är tillbaka som utkast."),
    )


@require("approve_report")
@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _move_with_note(
        request,
        pk,
        "approve_report",
        NoteForm,
        services.report_approve,
        _("Rapporten är godkänd och kan publiceras."),
    )


@require("publish_report")
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "publish_report")
    try:
        # Publishing sends: the distribution is enqueued in the same transaction.
        from lagesbild.distribution.services import report_publish_and_distribute

        report_publish_and_distribute(report=report, by=_user(request))  # type: ignore[arg-type]
    except services.ReportError as exc:
        messages.error(request, str(exc))
        return _editor(report)
    messages.success(request, _("Rapporten är publicerad."))
    return _editor(report)


@require("correct_report")
@require_POST
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "correct_report")
    form = CorrectForm(request.POST)
    if _valid(request, form):
        try:
            correction = services.report_correct(
                report=report,
                by=_user(request),
                reason=form.cleaned_data["reason"],  # type: ignore[arg-type]
            )
        except services.ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("En rättelse är påbörjad som utkast."))
            return _editor(correction)
    return _editor(report)
