"""Importing survey exports: upload, map columns, preview problems per row, import."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.experiences.forms import MappingForm, UploadForm
from lagesbild.experiences.models import ImportBatch
from lagesbild.experiences.services import (
    FileRefused,
    Mapping,
    import_commit,
    import_preview,
    table_read,
)
from lagesbild.experiences.views import collection_for

PREVIEW_ROWS = 20


@require("manage_experiences")
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    collection = collection_for(request, slug, "manage_experiences")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            # Read it once now so a hostile or unreadable file is refused before it is kept.
            table_read(upload.name, data)
        except FileRefused as exc:
            form.add_error("file", str(exc))
        else:
            batch = ImportBatch(  # type: ignore[misc]
                collection=collection, file_name=upload.name, uploaded_by=request.user
            )
            batch.file.save(upload.name, ContentFile(data), save=False)
            batch.save()
            return redirect("experiences:import_map", slug=slug, pk=batch.pk)
    return render(
        request,
        "experiences/import_upload.html",
        {"collection": collection, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require("manage_experiences")
def import_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Choose columns; "Förhandsgranska" shows problems per row; "Importera" imports all or none."""
    batch = get_object_or_404(
        ImportBatch.objects.select_related("collection__staff"), collection__slug=slug, pk=pk
    )
    collection = batch.collection
    check_staff(request, "manage_experiences", collection.staff)
    if batch.imported_at:
        messages.info(request, _("Filen är redan importerad."))
        return redirect("experiences:sources", slug=slug)
    with batch.file.open("rb") as handle:
        table = table_read(batch.file_name, handle.read())
    form = MappingForm(request.POST or None, headers=table.headers, initial=batch.mapping or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        mapping = Mapping(**form.cleaned_data)
        batch.mapping = mapping.as_dict()
        preview = import_preview(collection=collection, table=table, mapping=mapping)
        if "import" in request.POST and not preview.blocking:
            with transaction.atomic():
                count = import_commit(
                    collection=collection,
                    preview=preview,
                    batch=batch,
                    actor=request.user,  # type: ignore[arg-type]
                )
            messages.success(request, _("%(n)d källor importerades.") % {"n": count})
            return redirect("experiences:sources", slug=slug)
        batch.save(update_fields=["mapping"])
    sample = [
        (n, [(column, item.text) for column, item in inputs], inputs[0][1])
        for n, inputs, _attrs in (preview.items[:PREVIEW_ROWS] if preview else [])
    ]
    return render(
        request,
        "experiences/import_map.html",
        {
            "collection": collection,
            "batch": batch,
            "form": form,
            "preview": preview,
            "sample": sample,
            "headers": table.headers,
            "first_rows": table.rows[:3],
            "row_count": len(table.rows),
        },
        status=400 if request.method == "POST" and preview and preview.blocking else 200,
    )
