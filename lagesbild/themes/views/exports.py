"""Coded segments as CSV or XLSX; every cell that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.experiences.models import Channel
from lagesbild.themes.models import Code, Coding, Origin
from lagesbild.themes.services import AnalysisError, codebook_import_file, qdc_export, qdpx_export
from lagesbild.themes.views.common import workspace

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell value a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def segment_rows(code: Code) -> Iterator[list[str]]:
    labels = dict(Channel.choices)
    yield [
        _("Kod"), _("Källa"), _("Kanal"), _("Deltagarkategori"), _("Fråga"), _("Datum"),
        _("Från"), _("Till"), _("Text"), _("Ursprung"), _("Kodare"), _("Granskad"),
    ]  # fmt: skip
    codings = (
        Coding.objects.filter(code=code, sample__isnull=True)
        .select_related("source__category", "source__prompt", "coder")
        .order_by("source_id", "start", "id")
    )
    for c in codings.iterator(chunk_size=2000):
        s = c.source
        origin = _("Person") if c.origin == Origin.PERSON else _("Maskinförslag")
        yield [
            neutralise(x)
            for x in (
                code.name, s.pk, labels.get(s.channel, s.channel), s.category.name if s.category else "",
                s.prompt.text if s.prompt else "", s.date or "", c.start, c.end, s.text[c.start : c.end],
                origin, c.coder.display_name() if c.coder else "", c.reviewed_at.date() if c.reviewed_at else "",
            )
        ]  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


@require("code_experiences")
def code_export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    collection, codebook = workspace(request, slug)
    code = get_object_or_404(Code, codebook=codebook, pk=pk)
    name = f"{slugify(code.name) or 'kod'}-segment"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        # A BOM so Excel opens the Swedish characters right.
        stream = (
            ("\ufeff" if i == 0 else "") + writer.writerow(row)
            for i, row in enumerate(segment_rows(code))
        )
        streaming = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
        streaming["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return streaming  # type: ignore[return-value]
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Segment"))
    for row in segment_rows(code):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require("code_experiences")
def qdpx_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole project as REFI-QDA; built in a temporary file so memory stays flat."""
    collection, _codebook = workspace(request, slug)
    handle = tempfile.TemporaryFile()
    qdpx_export(collection=collection, out=handle)
    handle.seek(0)
    return FileResponse(  # type: ignore[return-value]
        handle,
        as_attachment=True,
        filename=f"{collection.slug}.qdpx",
        content_type="application/zip",
    )


@require("code_experiences")
def codebook_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    collection, codebook = workspace(request, slug)
    if fmt == "qdc":
        response = HttpResponse(qdc_export(codebook=codebook), content_type="application/xml")
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["namn", "överordnad", "beskrivning", "färg", "tema", "avvecklad"])
        for code in codebook.codes.select_related("parent").order_by("position", "id"):
            writer.writerow(
                [neutralise(v) for v in (code.name, code.parent.name if code.parent else "", code.description,
                 code.colour, "ja" if code.is_theme else "", "ja" if code.retired_at else "")]
            )  # fmt: skip
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{collection.slug}-kodbok.{fmt}"'
    return response


@require("code_experiences")
def codebook_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Bring in a codebook from NVivo, MAXQDA, QualCoder (.qdc) or a spreadsheet."""
    collection, codebook = workspace(request, slug, "manage_codebook")
    upload = request.FILES.get("file") if request.method == "POST" else None
    if upload is None:
        messages.error(request, _("Välj en fil att importera."))
    else:
        try:
            made = codebook_import_file(
                codebook=codebook,
                name=upload.name or "",
                data=upload.read(),
                actor=request.user,  # type: ignore[arg-type]
            )
        except AnalysisError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)d koder importerades.") % {"n": made})
    return redirect("themes:codes", slug=slug)
