"""The journal: today by default, any period, key events, by category; print and export."""

from datetime import date, datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.journal.forms import CorrectionForm, EntryForm, JournalFilterForm
from lagesbild.journal.models import JournalEntry
from lagesbild.journal.services.journal import entry_add, entry_correct
from lagesbild.staff.models import Staff
from lagesbild.staff.pages import actor, get_object_or_404, page, staff_chosen, staff_get


@require("read_journal")
def index(request: HttpRequest) -> HttpResponse:
    staff, _staffs = staff_chosen(request, "read_journal")
    if staff is None:
        return render(request, "journal/no_staff.html")
    return redirect("journal:journal", slug=staff.slug)


def _period(form: JournalFilterForm) -> tuple[date, date]:
    today = timezone.localdate()
    if form.is_valid():
        start = form.cleaned_data.get("start") or today
        end = form.cleaned_data.get("end") or max(start, today)
        return start, end
    return today, today


def filtered_entries(
    staff: Staff, form: JournalFilterForm
) -> tuple[QuerySet[JournalEntry], date, date]:
    """The staff's entries in the form's period (today by default), category and key filter."""
    start, end = _period(form)
    tz = timezone.get_current_timezone()
    entries = JournalEntry.objects.filter(
        staff=staff,
        event_at__gte=datetime.combine(start, time.min, tzinfo=tz),
        event_at__lte=datetime.combine(end, time.max, tzinfo=tz),
    )
    if form.is_valid():
        if form.cleaned_data.get("category"):
            entries = entries.filter(category=form.cleaned_data["category"])
        if form.cleaned_data.get("key"):
            entries = entries.filter(key_event=True)
    entries = entries.select_related("corrects").prefetch_related(
        "links", "attachments", "corrections"
    )
    return entries.order_by("event_at", "number"), start, end


@require("read_journal")
def journal(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_journal")
    filters = JournalFilterForm(request.GET or None)
    entries, start, end = filtered_entries(staff, filters)
    form = EntryForm()
    if request.method == "POST":
        check_staff(request, "write_journal", staff)
        form = EntryForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = entry_add(
                    staff=staff,
                    by=actor(request),
                    category=data["category"],
                    text=data["text"],
                    event_at=data["event_at"],
                    key_event=data["key_event"],
                    attachments=[data["attachment"]] if data["attachment"] else [],
                )
            except ValidationError as exc:
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, _("Anteckning %(code)s är införd.") % {"code": entry.code}
                )
                return redirect("journal:journal", slug=staff.slug)
    return page(
        request,
        "journal/journal.html",
        staff,
        entries=entries,
        filters=filters,
        form=form,
        start=start,
        end=end,
        query=request.GET.urlencode(),
    )


@require("read_journal")
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(JournalEntry.objects.select_related("staff", "corrects"), pk=pk)
    check_staff(request, "read_journal", entry.staff)
    form = CorrectionForm(initial={"text": entry.text})
    if request.method == "POST":
        check_staff(request, "write_journal", entry.staff)
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                correction = entry_correct(
                    original=entry, by=actor(request), text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Rättelsen är införd som %(code)s; originalet står kvar.")
                    % {"code": correction.code},
                )
                return redirect("journal:entry", pk=correction.pk)
    return page(
        request,
        "journal/entry.html",
        entry.staff,
        entry=entry,
        corrections=entry.corrections.all(),
        form=form,
    )
