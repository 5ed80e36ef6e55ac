"""Coded segments as CSV or XLSX; every cell that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.experiences.models import Channel
from lagesbild.themes.models import Code, Coding, Origin
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
def code_export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse | StreamingHttpResponse:
    collection, codebook = workspace(request, slug)
    code = get_object_or_404(Code, codebook=codebook, pk=pk)
    name = f"{slugify(code.name) or 'kod'}-segment"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        # A BOM so Excel opens the Swedish characters right.
        stream = (("\ufeff" if i == 0 else "") + writer.writerow(row) for i, row in enumerate(segment_rows(code)))
        response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
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
