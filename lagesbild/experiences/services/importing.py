"""Survey exports (CSV, XLSX): read, map columns, preview problems per row, import all or nothing."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.engine.redact import redact
from lagesbild.experiences.models import (
    Channel,
    Collection,
    ImportBatch,
    Prompt,
    Respondent,
    Source,
)
from lagesbild.experiences.search import search_index
from lagesbild.experiences.services.files import TABLE_TYPES, decode_text, detect_type
from lagesbild.experiences.services.sources import SourceInput, source_build

MAX_ROWS = 100_000


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]


@dataclass
class Mapping:
    text_columns: list[str]
    category_column: str = ""
    date_column: str = ""
    attribute_columns: list[str] = field(default_factory=list)
    channel: str = Channel.SURVEY

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class RowProblem:
    row: int  # as the user sees it: the header is row 1
    message: str
    blocking: bool = True


@dataclass
class Preview:
    items: list[tuple[int, list[tuple[str, SourceInput]], dict[str, Any]]]
    problems: list[RowProblem]

    @property
    def source_count(self) -> int:
        return sum(len(answers) for _, answers, _ in self.items)

    @property
    def blocking(self) -> list[RowProblem]:
        return [p for p in self.problems if p.blocking]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def table_read(name: str, data: bytes) -> Table:
    """Headers and rows of a CSV or XLSX file, after the hostile-file checks."""
    kind = detect_type(name, data, TABLE_TYPES)
    if kind == "xlsx":
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            from lagesbild.experiences.services.files import FileRefused

            raise FileRefused(_("Excel-filen kunde inte läsas.")) from exc
        sheet = workbook.worksheets[0]
        raw = [list(r) for r in sheet.iter_rows(values_only=True)]
        workbook.close()
    else:
        text = decode_text(data)
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        raw = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    raw = [r for r in raw if any(_cell(v) for v in r)]
    if not raw:
        from lagesbild.experiences.services.files import FileRefused

        raise FileRefused(_("Filen innehåller inga rader."))
    if len(raw) > MAX_ROWS + 1:
        from lagesbild.experiences.services.files import FileRefused

        raise FileRefused(_("Filen har fler än %(n)d rader.") % {"n": MAX_ROWS})
    headers = [_cell(h) or f"{_('Kolumn')} {i + 1}" for i, h in enumerate(raw[0])]
    return Table(headers=headers, rows=raw[1:])


_DATE_FORMATS = [
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%dT%H:%M:%S",
]
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: Any) -> date | None:
    """A date from an Excel cell or the text forms survey tools write; None if unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = _cell(value)
    text = re.sub(r"\.\d+$", "", text.replace("Z", ""))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def import_preview(*, collection: Collection, table: Table, mapping: Mapping) -> Preview:
    """Parse every row with the mapping; problems say which row and what is wrong."""
    index = {h: i for i, h in enumerate(table.headers)}
    missing = [
        c
        for c in [
            *mapping.text_columns,
            mapping.category_column,
            mapping.date_column,
            *mapping.attribute_columns,
        ]
        if c and c not in index
    ]
    if missing or not mapping.text_columns:
        message = (
            _("Kolumnerna finns inte i filen: %(c)s") % {"c": ", ".join(missing)}
            if missing
            else _("Välj minst en textkolumn.")
        )
        return Preview(items=[], problems=[RowProblem(1, message)])
    categories = {c.name.casefold(): c for c in collection.categories.all()}
    items = []
    problems = []
    for n, row in enumerate(table.rows, start=2):

        def get(column: str, row: list[Any] = row) -> Any:
            i = index[column]
            return row[i] if i < len(row) else None

        answers = [(c, _cell(get(c))) for c in mapping.text_columns]
        answers = [(c, t) for c, t in answers if t]
        if not answers:
            problems.append(RowProblem(n, _("Tom text – raden hoppas över."), blocking=False))
            continue
        category = None
        if mapping.category_column and _cell(get(mapping.category_column)):
            name = _cell(get(mapping.category_column))
            category = categories.get(name.casefold())
            if category is None:
                problems.append(RowProblem(n, _("Okänd kategori: %(c)s") % {"c": name}))
        day = None
        if mapping.date_column and _cell(get(mapping.date_column)):
            day = parse_date(get(mapping.date_column))
            if day is None:
                problems.append(
                    RowProblem(
                        n,
                        _("Datumet går inte att läsa: %(d)s")
                        % {"d": _cell(get(mapping.date_column))},
                    )
                )
        # Attributes are shown to analysts beside the answers, so they are redacted like them.
        attributes = {c: redact(_cell(get(c))) for c in mapping.attribute_columns}
        inputs = [
            (
                column,
                SourceInput(
                    channel=mapping.channel,
                    text=text,
                    date=day,
                    category=category,
                    fields={"attributes": attributes},
                ),
            )
            for column, text in answers
        ]
        items.append((n, inputs, attributes))
    return Preview(items=items, problems=problems)


def import_purge_stale(*, now: datetime | None = None) -> int:
    """Delete uploads never imported within the retention period, files and all; returns how many.

    An abandoned upload is a whole survey export, names and all, that nobody needs: it is kept
    only for settings.EXPERIENCES_IMPORT_RETENTION_DAYS to finish the mapping.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.EXPERIENCES_IMPORT_RETENTION_DAYS)
    stale = ImportBatch.objects.filter(imported_at__isnull=True, uploaded_at__lt=cutoff)
    count = 0
    for batch in stale.iterator():
        with transaction.atomic():
            audit_record(
                actor=None,
                actor_label="system",
                action="experiences.import_purge",
                obj=batch,
                summary=batch.file_name,
                details={"uploaded_at": batch.uploaded_at.isoformat()},
            )
            if batch.file:
                batch.file.delete(save=False)
            batch.delete()
        count += 1
    return count


def import_commit(
    *,
    collection: Collection,
    preview: Preview,
    batch: ImportBatch | None = None,
    actor: User | None = None,
    actor_label: str = "",
) -> int:
    """Create every previewed source in one transaction, or none if a row has a problem."""
    if preview.blocking:
        raise ValueError(_("Importen har problem som måste rättas först."))
    with transaction.atomic():
        prompts: dict[str, Prompt] = {}
        next_position = collection.prompts.count()
        for _row, inputs, _attrs in preview.items:
            for column, _item in inputs:
                if column not in prompts:
                    prompts[column], _created = Prompt.objects.get_or_create(
                        collection=collection,
                        web_question=None,
                        text=column,
                        defaults={"position": next_position + len(prompts)},
                    )
        respondents = Respondent.objects.bulk_create(
            [Respondent(collection=collection, attributes=attrs) for _, _, attrs in preview.items],
            batch_size=1000,
        )
        sources = []
        for respondent, (_row, inputs, _attrs) in zip(respondents, preview.items, strict=True):
            for column, item in inputs:
                source = source_build(collection=collection, item=item)
                source.respondent = respondent
                source.prompt = prompts[column]
                source.import_batch = batch
                sources.append(source)
        created = Source.objects.bulk_create(sources, batch_size=1000)
        if created and created[0].pk is None:
            # Backends that return no ids from bulk_create: read them back in insertion order.
            created = (
                list(Source.objects.filter(import_batch=batch).order_by("id")) if batch else []
            )
        search_index(items=[(s.pk, s.text) for s in created])
        if batch is not None:
            batch.imported_at = timezone.now()
            batch.row_count = len(sources)
            batch.save(update_fields=["imported_at", "row_count", "mapping"])
        audit_record(
            actor=actor,
            actor_label=actor_label,
            action="experiences.import",
            obj=batch or collection,
            summary=_("%(n)d källor importerade") % {"n": len(sources)},
        )
    return len(sources)
