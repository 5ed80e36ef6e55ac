"""Requests for public documents: the list with the clock, one request end to end, statistics."""

import mimetypes
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, may, may_map, require, staffs_for
from lagesbild.accounts.services import audit_record, audit_trail
from lagesbild.communications.press_views import people_for
from lagesbild.records import services
from lagesbild.records.forms import (
    AssignForm,
    DecisionForm,
    DocumentForm,
    NoteForm,
    ReleasedSearchForm,
    RequestForm,
    ReviewForm,
    apply_errors,
)
from lagesbild.records.models import RecordsRequest, RequestedDocument, RequestQuerySet
from lagesbild.records.statistics import open_rows, weekly
from lagesbild.staff.models import Staff

# The audit trail on a request's page, in words.
ACTION_LABELS = {
    "records.request_register": gettext_lazy("registrerade begäran"),
    "records.request_assign": gettext_lazy("bytte handläggare"),
    "records.document_add": gettext_lazy("lade till en handling"),
    "records.document_review": gettext_lazy("sekretessprövade en handling"),
    "records.request_decide": gettext_lazy("fattade beslut"),
    "records.request_supplement": gettext_lazy("kompletterade"),
    "records.request_escalate": gettext_lazy("eskalerade till stabschefen"),
    "records.requester_purge": gettext_lazy("tog bort sökandens uppgifter (lagringstid)"),
    "records.original_open": gettext_lazy("öppnade ett original"),
}


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def handlers_for(staff: Staff) -> QuerySet[User]:
    """Active users who may handle records in this staff."""
    return people_for(staff, "handle_records")


def _visible(request: HttpRequest) -> RequestQuerySet:
    visible = RecordsRequest.objects.filter(staff__in=staffs_for(request.user, "read_records"))
    return cast(RequestQuerySet, visible.select_related("staff", "handler"))


@require("read_records")
def index(request: HttpRequest) -> HttpResponse:
    """Open requests oldest first with their age in working hours; then the latest decisions."""
    visible = _visible(request)
    rows = open_rows(visible.open().prefetch_related("documents"))
    decided = visible.decided().order_by("-decided_at")[:15]
    return render(
        request,
        "records/index.html",
        {
            "rows": rows,
            "decided": decided,
            "register_staffs": staffs_for(request.user, "handle_records"),
        },
    )


@require("handle_records")
def request_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "handle_records", staff)
    handlers = handlers_for(staff)
    form = RequestForm(request.POST or None, handlers=handlers, initial={"handler": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_register(
                staff=staff, by=_actor(request), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Begäran är registrerad med diarienummer %(number)s.")
                % {"number": created.number},
            )
            return redirect("records:request_detail", created.pk)
    title = _("Ny begäran om allmän handling")
    return render(request, "records/form.html", {"form": form, "title": title, "staff": staff})


def _get_request(request: HttpRequest, pk: int, action: str) -> RecordsRequest:
    records_request = get_object_or_404(
        RecordsRequest.objects.select_related("staff", "handler", "decided_by"), pk=pk
    )
    check_staff(request, action, records_request.staff)
    return records_request


def _detail_context(request: HttpRequest, rr: RecordsRequest, **forms: Any) -> dict[str, Any]:
    may_here = may_map(request.user, rr.staff)
    documents = list(rr.documents.select_related("reviewed_by"))
    handling = may_here["handle_records"] and not rr.is_decided
    return {
        "rr": rr,
        "may": may_here,
        "row": open_rows([rr])[0],
        "documents": [(d, d.linked(), ReviewForm(prefix=f"d{d.pk}")) for d in documents],
        "notes": rr.notes.select_related("by"),
        "trail": [
            (entry, ACTION_LABELS.get(entry.action, entry.action), entry.summary.partition(": ")[2])
            for entry in audit_trail(rr)[:50]
        ],
        "handling": handling,
        "document_form": forms.get("document_form") or DocumentForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(handlers=handlers_for(rr.staff), initial={"handler": rr.handler}),
        "review_errors": forms.get("review_errors") or {},
    }


@require("read_records")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rr = _get_request(request, pk, "read_records")
    return render(request, "records/detail.html", _detail_context(request, rr))


def _rerender(request: HttpRequest, rr: RecordsRequest, **forms: Any) -> HttpResponse:
    messages.error(request, _("Det gick inte att spara. Se felen nedan."))
    return render(request, "records/detail.html", _detail_context(request, rr, **forms), status=400)


@require_POST
@require("handle_records")
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    rr = _get_request(request, pk, "handle_records")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                request=rr,
                title=data["title"],
                kind=data["kind"],
                original=data["original"],
                link_kind=data["link_kind"],
                link_id=data["link_id"],
                by=_actor(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Handlingen är tillagd."))
            return redirect("records:request_detail", rr.pk)
    return _rerender(request, rr, document_form=form)


@require_POST
@require("handle_records")
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(RequestedDocument.objects.select_related("request"), pk=pk)
    rr = _get_request(request, document.request_id, "handle_records")
    form = ReviewForm(request.POST, request.FILES, prefix=f"d{document.pk}")
    if form.is_valid():
        try:
            services.document_review(document=document, by=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Sekretessprövningen är sparad."))
            return redirect("records:request_detail", rr.pk)
    errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    return _rerender(request, rr, review_errors={document.pk: errors})


@require_POST
@require("handle_records")
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    rr = _get_request(request, pk, "handle_records")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.request_decide(request=rr, by=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            rr.refresh_from_db()
            apply_errors(form, exc)
        else:
            messages.success(request, _("Beslutet är fattat och diariefört."))
            return redirect("records:request_detail", rr.pk)
    return _rerender(request, rr, decision_form=form)


@require_POST
@require("handle_records")
def request_supplement(request: HttpRequest, pk: int) -> HttpResponse:
    rr = _get_request(request, pk, "handle_records")
    form = NoteForm(request.POST)
    if form.is_valid():
        services.request_supplement(request=rr, text=form.cleaned_data["text"], by=_actor(request))
        messages.success(request, _("Kompletteringen är sparad."))
        return redirect("records:request_detail", rr.pk)
    return _rerender(request, rr, note_form=form)


@require_POST
@require("handle_records")
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    rr = _get_request(request, pk, "handle_records")
    form = AssignForm(request.POST, handlers=handlers_for(rr.staff))
    if form.is_valid():
        try:
            services.request_assign(
                request=rr, handler=form.cleaned_data["handler"], by=_actor(request)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Handläggaren är ändrad."))
            return redirect("records:request_detail", rr.pk)
    return _rerender(request, rr, assign_form=form)


# Shown in the browser; anything else (HTML, e-mail files, office documents) is downloaded,
# so an uploaded file can never run as a page of ours.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "text/plain"}


def _file_response(stored: Any, filename: str) -> HttpResponse:
    """A stored file with a safe name and type (the files are small: decisions, e-mails)."""
    guessed = mimetypes.guess_type(filename)[0] or ""
    inline = guessed in INLINE_TYPES
    content_type = guessed if inline else "application/octet-stream"
    if content_type == "text/plain":
        content_type += "; charset=utf-8"
    with stored.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require("read_records")
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    rr = _get_request(request, pk, "read_records")
    if not rr.decision_pdf:
        raise Http404
    return _file_response(rr.decision_pdf, f"beslut-{rr.number}.pdf")


@require("read_records")
def document_file(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """Released versions for readers of the request; originals only for handlers, audited."""
    document = get_object_or_404(RequestedDocument.objects.select_related("request"), pk=pk)
    rr = _get_request(request, document.request_id, "read_records")
    if which == "original":
        if not may(request.user, "handle_records", rr.staff):
            raise PermissionDenied("handle_records")
        stored = document.original
        audit_record(
            actor=_actor(request),
            action="records.original_open",
            obj=rr,
            summary=f"{rr.number}: {document.title}",
            details={"document": document.pk},
        )
    elif which == "utlamnad":
        stored = document.released_file if document.released_file else document.original
        if not document.is_released:
            raise Http404
    else:
        raise Http404
    if not stored:
        raise Http404
    return _file_response(stored, stored.name.rsplit("/", 1)[-1])


@require("read_records")
def statistics(request: HttpRequest) -> HttpResponse:
    rows = weekly(_visible(request))
    return render(request, "records/statistics.html", {"weeks": rows})


@require("read_records")
def released(request: HttpRequest) -> HttpResponse:
    """What did we release about …? One answer across every decided request."""
    form = ReleasedSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    documents = services.released_documents(
        staffs=staffs_for(request.user, "read_records"), query=query
    )
    return render(
        request,
        "records/released.html",
        {"form": form, "query": query, "documents": [(d, d.linked()) for d in documents]},
    )
