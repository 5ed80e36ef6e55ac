"""Codebook exchange: REFI-QDA .qdc export and import, and a plain CSV/XLSX codebook import."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.themes.models import Code, Codebook
from lagesbild.themes.services.coding import AnalysisError, code_create
from lagesbild.themes.services.qdpx.common import _a, _text, guid, validate

QDC_NS = "urn:QDA-XML:codebook:1.0"
COLUMNS = {
    "name": ("namn", "name", "kod", "code"),
    "parent": ("överordnad", "parent", "förälder"),
    "description": ("beskrivning", "description", "memo"),
    "colour": ("färg", "colour", "color"),
}


def qdc_export(*, codebook: Codebook) -> bytes:
    """The codebook as REFI-QDA .qdc XML (valid against Codebook-mrt2019.xsd)."""
    from xml.sax.saxutils import escape

    codes = list(codebook.codes.order_by("position", "id"))
    ids = {c.pk for c in codes}
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id if code.parent_id in ids else None].append(code)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<CodeBook xmlns="{QDC_NS}" origin="Lägesbild"><Codes>',
    ]

    def walk(parent: int | None) -> None:
        for code in children.get(parent, []):
            parts.append(
                f"<Code{_a(guid=guid('code', code.pk), name=code.name, isCodable=str(code.is_active).lower(), color=code.colour)}>"
            )
            if code.description:
                parts.append(f"<Description>{escape(_text(code.description))}</Description>")
            walk(code.pk)
            parts.append("</Code>")

    walk(None)
    if not codes:
        # The schema needs at least one code; an empty codebook exports one placeholder.
        parts.append(
            f'<Code guid="{guid("code", "empty")}" name="{_("(tom kodbok)")}" isCodable="false"/>'
        )
    parts.append("</Codes></CodeBook>")
    return "".join(parts).encode("utf-8")


def _unique(codebook: Codebook, name: str) -> bool:
    return not codebook.codes.active().filter(name__iexact=" ".join(name.split())).exists()


@transaction.atomic
def qdc_import(*, codebook: Codebook, data: bytes, actor: User | None) -> int:
    """Add the codes of a .qdc; codes already in the codebook (same name) are kept, not doubled."""
    import xml.etree.ElementTree as ET

    if b"urn:QDA-XML:codebook:1.0" not in data[:2000]:
        raise AnalysisError(_("Filen är ingen REFI-QDA-kodbok (.qdc)."))
    validate(data, "Codebook-mrt2019.xsd")
    root = ET.fromstring(data)
    made = 0

    def walk(element: ET.Element, parent: Code | None) -> None:
        nonlocal made
        for node in element.findall(f"{{{QDC_NS}}}Code"):
            name = node.get("name", "")
            existing = codebook.codes.active().filter(name__iexact=" ".join(name.split())).first()
            if existing is None:
                colour = node.get("color") or "#1d5fa8"
                if len(colour) == 4:
                    colour = "#" + "".join(ch * 2 for ch in colour[1:])
                existing = code_create(
                    codebook=codebook, name=name, parent=parent, actor=actor, colour=colour.lower(),
                    description=node.findtext(f"{{{QDC_NS}}}Description") or "",
                )  # fmt: skip
                made += 1
            walk(node, existing)

    codes = root.find(f"{{{QDC_NS}}}Codes")
    if codes is not None:
        walk(codes, None)
    return made


def _rows(name: str, data: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets the same answer
            raise AnalysisError(_("Excelfilen kunde inte läsas.")) from exc
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


@transaction.atomic
def codebook_import_table(*, codebook: Codebook, name: str, data: bytes, actor: User | None) -> int:
    """A CSV/XLSX codebook: columns name (namn), parent (överordnad), description, colour."""
    rows = _rows(name, data)
    if not rows:
        raise AnalysisError(_("Filen är tom."))
    header = [h.strip().lower() for h in rows[0]]
    index = {
        key: next((header.index(a) for a in aliases if a in header), None)
        for key, aliases in COLUMNS.items()
    }
    if index["name"] is None:
        raise AnalysisError(_("Filen ser inte ut som en kodbok: kolumnen ”namn” saknas."))
    made = 0
    by_name = {c.name.lower(): c for c in codebook.codes.active()}

    def cell(row: list[str], key: str) -> str:
        i = index[key]
        return row[i].strip() if i is not None and i < len(row) else ""

    pending = [r for r in rows[1:] if cell(r, "name")]
    # Parents may come after their children in the file: repeat until nothing more can be placed.
    while pending:
        placed = []
        for row in pending:
            parent_name = cell(row, "parent")
            parent = by_name.get(parent_name.lower()) if parent_name else None
            if parent_name and parent is None:
                continue
            name_value = cell(row, "name")
            if name_value.lower() not in by_name:
                colour = cell(row, "colour") or "#1d5fa8"
                by_name[name_value.lower()] = code_create(
                    codebook=codebook, name=name_value, parent=parent, actor=actor,
                    description=cell(row, "description"),
                    colour=colour.lower() if len(colour) == 7 and colour.startswith("#") else "#1d5fa8",
                )  # fmt: skip
                made += 1
            placed.append(row)
        if not placed:
            missing = sorted({cell(r, "parent") for r in pending})
            raise AnalysisError(
                _("Överordnade koder saknas i filen: %(names)s.") % {"names": ", ".join(missing)}
            )
        pending = [r for r in pending if r not in placed]
    return made


def codebook_import_file(
    *, codebook: Codebook, name: str, data: IO[bytes] | bytes, actor: User | None
) -> int:
    """Any codebook file: .qdc, .csv or .xlsx, chosen by its name and content."""
    raw = data if isinstance(data, bytes) else data.read()
    lower = name.lower()
    if lower.endswith(".qdc") or raw.lstrip()[:5] == b"<?xml":
        return qdc_import(codebook=codebook, data=raw, actor=actor)
    if lower.endswith((".csv", ".xlsx", ".txt")):
        return codebook_import_table(codebook=codebook, name=name, data=raw, actor=actor)
    raise AnalysisError(_("Okänd filtyp. Använd .qdc, .csv eller .xlsx."))
