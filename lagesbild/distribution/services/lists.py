"""Distribution lists and importing recipients from CSV or XLSX: check first, import on confirm."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.distribution.models import DistributionList, Recipient, SeriesDistribution
from lagesbild.lib.emails import address_problem
from lagesbild.staff.models import Staff

# Header names people use in exported address books, Swedish and English.
COLUMNS = {
    "name": {"namn", "name", "fullständigt namn", "full name", "mottagare"},
    "email": {"e-post", "epost", "e-postadress", "email", "e-mail", "mail", "adress", "address"},
    "organisation": {"organisation", "org", "organization", "förvaltning", "enhet", "företag"},
}
MAX_ROWS = 20000


class ImportFileError(Exception):
    """The file cannot be read at all; the message is Swedish."""


@dataclass(frozen=True)
class ImportRow:
    row: int
    name: str
    email: str
    organisation: str


@dataclass(frozen=True)
class ImportProblem:
    row: int
    value: str
    reason: str


@dataclass
class ImportPreview:
    valid: list[ImportRow] = field(default_factory=list)
    invalid: list[ImportProblem] = field(default_factory=list)
    duplicates: list[ImportProblem] = field(default_factory=list)


def _read_rows(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("Filen kunde inte läsas som Excel (XLSX).")) from exc
        if sheet is None:
            return []
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if not filename.lower().endswith((".csv", ".txt")):
        raise ImportFileError(_("Välj en CSV- eller XLSX-fil."))
    not_text = ImportFileError(
        _("Filen är ingen textfil (CSV). Spara listan som CSV (UTF-8) eller XLSX och försök igen.")
    )
    # A binary file (an image, a Word file renamed .csv) holds NUL bytes; text never does.
    if b"\x00" in content[:65536]:
        raise not_text
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise not_text from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if text.count(";") >= text.count(",") else ","
    try:
        return [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise not_text from exc


def recipients_parse(
    *, filename: str, content: bytes, distribution_list: DistributionList | None = None
) -> ImportPreview:
    """Check every row: bad addresses and duplicates (in the file or on the list) with row numbers."""
    rows = _read_rows(filename, content)
    if not rows:
        raise ImportFileError(_("Filen är tom."))
    header = [c.lower() for c in rows[0]]
    index = {
        key: next((i for i, h in enumerate(header) if h in names), None)
        for key, names in COLUMNS.items()
    }
    start = 1
    if index["email"] is None:
        # No header row: name, e-mail, organisation in that order.
        index, start = {"name": 0, "email": 1, "organisation": 2}, 0
    if len(rows) - start > MAX_ROWS:
        raise ImportFileError(_("Filen har fler än %(n)s rader.") % {"n": MAX_ROWS})
    existing: set[str] = set()
    if distribution_list is not None and distribution_list.pk:
        existing = {e.lower() for e in distribution_list.recipients.values_list("email", flat=True)}
    seen: dict[str, int] = {}
    preview = ImportPreview()

    def cell(row: list[str], key: str) -> str:
        i = index[key]
        return row[i] if i is not None and i < len(row) else ""

    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(row):
            continue
        email = cell(row, "email").strip()
        name = cell(row, "name")[:200]
        problem = address_problem(email) if email else _("E-postadress saknas")
        if problem:
            preview.invalid.append(ImportProblem(number, email or name, problem))
            continue
        key = email.lower()
        if key in seen:
            preview.duplicates.append(
                ImportProblem(number, email, _("Samma adress som rad %(row)s") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        if key in existing:
            preview.duplicates.append(ImportProblem(number, email, _("Finns redan på listan")))
            continue
        preview.valid.append(ImportRow(number, name, key, cell(row, "organisation")[:200]))
    return preview


@transaction.atomic
def recipients_import(
    *,
    distribution_list: DistributionList,
    rows: list[ImportRow],
    by: User | None,
    by_label: str = "",
) -> int:
    """Add the checked rows to the list, all or nothing."""
    Recipient.objects.bulk_create(
        [
            Recipient(
                distribution_list=distribution_list,
                name=r.name,
                email=r.email,
                organisation=r.organisation,
            )
            for r in rows
        ],
        batch_size=1000,
    )
    audit_record(
        actor=by,
        actor_label=by_label,
        action="distribution.import",
        obj=distribution_list,
        summary=_("Läste in %(n)s mottagare") % {"n": len(rows)},
    )
    return len(rows)


def distribution_list_create(
    *, staff: Staff, name: str, description: str = "", by: User | None, by_label: str = ""
) -> DistributionList:
    lst = DistributionList.objects.create(staff=staff, name=name, description=description)
    audit_record(
        actor=by, actor_label=by_label, action="distribution.list.create", obj=lst, summary=name
    )
    return lst


def recipient_add(
    *, distribution_list: DistributionList, name: str, email: str, organisation: str, by: User
) -> Recipient:
    recipient = Recipient.objects.create(
        distribution_list=distribution_list,
        name=name,
        email=email.strip().lower(),
        organisation=organisation,
    )
    audit_record(
        actor=by, action="distribution.recipient.add", obj=distribution_list, summary=str(recipient)
    )
    return recipient


def recipient_remove(*, recipient: Recipient, by: User) -> None:
    audit_record(
        actor=by,
        action="distribution.recipient.remove",
        obj=recipient.distribution_list,
        summary=str(recipient),
    )
    recipient.delete()


def series_distribution_update(
    *, config: SeriesDistribution, lists: list[DistributionList], attach_pdf: bool, by: User
) -> SeriesDistribution:
    config.attach_pdf = attach_pdf
    config.save(update_fields=["attach_pdf"])
    config.lists.set(lists)
    audit_record(
        actor=by,
        action="series.distribution",
        obj=config.series,
        summary=_("Sändlistor: %(lists)s; PDF: %(pdf)s")
        % {
            "lists": ", ".join(str(lst) for lst in lists) or "-",
            "pdf": _("ja") if attach_pdf else _("nej"),
        },
    )
    return config
