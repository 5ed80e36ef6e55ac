"""Sources: the table of short answers, the reading view, registering meetings, letters, interviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.experiences.forms import (
    DocumentsForm,
    MarkPersonalForm,
    SourceFilterForm,
    SourceForm,
)
from lagesbild.experiences.models import Channel, Source
from lagesbild.experiences.search import source_search
from lagesbild.experiences.services import (
    FileRefused,
    SourceInput,
    document_extract_text,
    source_mark_personal,
    source_register,
    source_reveal_original,
    source_update,
)
from lagesbild.experiences.views import collection_for

SORTS = {
    "datum": "date",
    "-datum": "-date",
    "kanal": "channel",
    "-kanal": "-channel",
    "kategori": "category__position",
    "-kategori": "-category__position",
}
PAGE_SIZE = 50
REGISTERABLE = {Channel.MEETING.value, Channel.LETTER.value, Channel.INTERVIEW.value}


@require("analyse_experiences")
def source_list(request: HttpRequest, slug: str) -> HttpResponse:
    """All sources of a collection: search, filter, sort, 50 a page."""
    collection = collection_for(request, slug, "analyse_experiences")
    form = SourceFilterForm(request.GET or None, collection=collection)
    sources: QuerySet[Source] = Source.objects.filter(collection=collection).select_related(
        "category", "prompt"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["channel"]:
            sources = sources.filter(channel=data["channel"])
        if data["category"]:
            sources = sources.filter(category=data["category"])
        if data["date_from"]:
            sources = sources.filter(date__gte=data["date_from"])
        if data["date_to"]:
            sources = sources.filter(date__lte=data["date_to"])
        if data["q"]:
            sources = source_search(sources, data["q"])
    sort = request.GET.get("sortera", "-datum")
    sources = sources.order_by(SORTS.get(sort, "-date"), "-id")
    page = Paginator(sources, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    sort_query = query.copy()
    sort_query.pop("sortera", None)
    return render(
        request,
        "experiences/source_list.html",
        {
            "collection": collection,
            "form": form,
            "page": page,
            "sort": sort,
            "query": query.urlencode(),
            "sort_query": sort_query.urlencode(),
        },
    )


def _source(request: HttpRequest, slug: str, pk: int, action: str) -> Source:
    """The source, if the user may perform the action in its collection's staff (403)."""
    source = get_object_or_404(
        Source.objects.select_related("collection__staff", "category", "prompt"),
        collection__slug=slug,
        pk=pk,
    )
    check_staff(request, action, source.collection.staff)
    return source


@require("analyse_experiences")
def source_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The reading view: redacted text, the source's details and the marking form."""
    source = _source(request, slug, pk, "analyse_experiences")
    siblings = (
        Source.objects.filter(respondent_id=source.respondent_id)
        .exclude(pk=source.pk)
        .select_related("prompt")
        if source.respondent_id
        else []
    )
    return render(
        request,
        "experiences/source_detail.html",
        {
            "collection": source.collection,
            "source": source,
            "siblings": siblings,
            "mark_form": MarkPersonalForm(),
            "redaction_count": source.redactions.count(),
        },
    )


@require("analyse_experiences")
def source_mark(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    source = _source(request, slug, pk, "analyse_experiences")
    form = MarkPersonalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = source_mark_personal(
            source=source,
            phrase=form.cleaned_data["phrase"],
            actor=request.user,  # type: ignore[arg-type]
        )
        if found:
            messages.success(request, _("%(n)d förekomster maskerades.") % {"n": found})
            return redirect("experiences:source", slug=slug, pk=pk)
        form.add_error("phrase", _("Frasen finns inte i källans text. Kontrollera stavningen."))
    return render(
        request,
        "experiences/source_detail.html",
        {
            "collection": source.collection,
            "source": source,
            "mark_form": form,
            "redaction_count": source.redactions.count(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require("view_personal_data")
def source_original(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The unredacted text, for the administrator; every viewing is logged."""
    source = _source(request, slug, pk, "view_personal_data")
    text = source_reveal_original(source=source, actor=request.user)  # type: ignore[arg-type]
    return render(
        request,
        "experiences/source_original.html",
        {
            "collection": source.collection,
            "source": source,
            "original": text,
            "phrases": source.redactions.values_list("phrase", flat=True),
        },
    )


@require("view_personal_data")
def source_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The original file; it may hold names, so only the administrator gets it, logged."""
    source = _source(request, slug, pk, "view_personal_data")
    if not source.file:
        raise Http404
    source_reveal_original(source=source, actor=request.user)  # type: ignore[arg-type]
    from django.http import FileResponse

    response = FileResponse(source.file.open("rb"), as_attachment=True, filename=source.file_name)
    return response  # type: ignore[return-value]


def _extract(upload: UploadedFile) -> tuple[str, bool, ContentFile]:
    """Text, whether it needs typing in, and the original bytes; raises FileRefused."""
    data = upload.read()
    name = upload.name or "dokument"
    extracted = document_extract_text(name, data)
    return extracted.text, extracted.needs_manual_text, ContentFile(data, name=name)


@require("manage_experiences")
def source_new(request: HttpRequest, slug: str, channel: str) -> HttpResponse:
    """Register a dialogue meeting, a letter or an interview."""
    collection = collection_for(request, slug, "manage_experiences")
    if channel not in REGISTERABLE:
        raise Http404
    form = SourceForm(
        request.POST or None, request.FILES or None, collection=collection, channel=channel
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text, manual, file = data.get("text", ""), False, None
        upload = data.get("document")
        try:
            if upload:
                extracted, manual, file = _extract(upload)
                text = text or extracted
        except FileRefused as exc:
            form.add_error("document", str(exc))
        else:
            fields = {
                k: v
                for k, v in data.items()
                if k in form.Meta.fields and k not in {"title", "date", "category"}
            }
            source = source_register(
                collection=collection,
                item=SourceInput(
                    channel=channel,
                    text=text,
                    date=data["date"],
                    category=data.get("category"),
                    title=data.get("title", ""),
                    file=file,
                    file_name=upload.name if upload else "",
                    needs_manual_text=manual and not data.get("text"),
                    fields=fields,
                    attendance=form.attendance(),
                ),
                actor=request.user,  # type: ignore[arg-type]
            )
            messages.success(request, _("Källan är registrerad."))
            return redirect("experiences:source", slug=slug, pk=source.pk)
    return render(
        request,
        "experiences/source_form.html",
        {"collection": collection, "form": form, "channel_label": Channel(channel).label},
        status=400 if request.method == "POST" else 200,
    )


@require("manage_experiences")
def source_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    source = _source(request, slug, pk, "manage_experiences")
    collection = source.collection
    form = SourceForm(
        request.POST or None,
        request.FILES or None,
        instance=source,
        collection=collection,
        channel=source.channel,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: v for k, v in data.items() if k in form.Meta.fields}
        source_update(
            source=source,
            actor=request.user,  # type: ignore[arg-type]
            changes=changes,
            text=data.get("text") if data.get("text") is not None else None,
        )
        if source.channel == Channel.MEETING:
            for category_id, count in form.attendance().items():
                source.attendance.update_or_create(
                    category_id=category_id, defaults={"count": count}
                )
        messages.success(request, _("Källan är sparad."))
        return redirect("experiences:source", slug=slug, pk=pk)
    return render(
        request,
        "experiences/source_form.html",
        {
            "collection": collection,
            "form": form,
            "source": source,
            "channel_label": source.get_channel_display(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require("manage_experiences")
def documents_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Several documents at once; each becomes a source. Refused files leave nothing behind."""
    collection = collection_for(request, slug, "manage_experiences")
    form = DocumentsForm(request.POST or None, request.FILES or None, collection=collection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extracted = []
        for upload in data["documents"]:
            try:
                extracted.append((upload, *_extract(upload)))
            except FileRefused as exc:
                form.add_error("documents", f"{upload.name}: {exc}")
        if not form.errors:
            for upload, text, manual, file in extracted:
                source_register(
                    collection=collection,
                    item=SourceInput(
                        channel=data["channel"],
                        text=text,
                        date=data["date"],
                        category=data["category"],
                        title=upload.name.rsplit(".", 1)[0],
                        file=file,
                        file_name=upload.name,
                        needs_manual_text=manual,
                    ),
                    actor=request.user,  # type: ignore[arg-type]
                )
            manual_count = sum(1 for item in extracted if item[2])
            text = _("%(n)d dokument registrerade.") % {"n": len(extracted)}
            if manual_count:
                text += " " + _("%(m)d behöver text skrivas in (skannade).") % {"m": manual_count}
            messages.success(request, text)
            url = reverse("experiences:sources", kwargs={"slug": slug})
            return redirect(f"{url}?channel={data['channel']}")
    return render(
        request,
        "experiences/documents_form.html",
        {"collection": collection, "form": form},
        status=400 if request.method == "POST" else 200,
    )
