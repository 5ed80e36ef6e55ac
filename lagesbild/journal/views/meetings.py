"""Staff meetings: the agenda builds itself; the minutes are taken here and land in the journal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.journal.forms import MeetingForm
from lagesbild.journal.models import Meeting
from lagesbild.journal.services.meetings import agenda_build, meeting_save, minutes_close
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get


@require("read_journal")
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_journal")
    return page(
        request, "journal/meeting_list.html", staff, meetings=Meeting.objects.filter(staff=staff)
    )


@require("run_meetings")
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "run_meetings")
    held_at = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    form = MeetingForm(
        request.POST or None,
        instance=Meeting(staff=staff),
        initial={"title": _("Stabsmöte"), "held_at": held_at},
    )
    return form_flow(
        request,
        form,
        save=lambda: meeting_save(meeting=form.instance, by=actor(request)),
        message=_("Mötet är skapat med en dagordning."),
        then=reverse("journal:meetings", args=[staff.slug]),
        title=_("Nytt stabsmöte"),
        staff=staff,
    )


def _meeting(request: HttpRequest, pk: int, action: str) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("staff"), pk=pk)
    check_staff(request, action, meeting.staff)
    return meeting


@require("read_journal")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "read_journal")
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST":
        check_staff(request, "run_meetings", meeting.staff)
        if form.is_valid():
            try:
                meeting_save(meeting=form.instance, by=actor(request))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Protokollet är sparat."))
                return redirect("journal:meeting", pk=meeting.pk)
    return page(
        request,
        "journal/meeting_detail.html",
        meeting.staff,
        meeting=meeting,
        agenda=agenda_build(meeting=meeting),
        form=form,
    )


@require("run_meetings")
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "run_meetings")
    try:
        entry = minutes_close(meeting=meeting, by=actor(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Protokollet är fastställt och infört i journalen som %(code)s.")
            % {"code": entry.code},
        )
    return redirect("journal:meeting", pk=meeting.pk)
