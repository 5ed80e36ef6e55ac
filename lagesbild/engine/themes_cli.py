"""The `lagesbild themes` command: themes for a CSV or XLSX file, written as JSON."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

from .representations import BackendUnavailable

ENCODINGS = ("utf-8-sig", "cp1252")


class InputError(Exception):
    """Bad input the user can fix; the message is shown as is."""


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a CSV (UTF-8, UTF-8 with BOM or cp1252; , or ;) or XLSX file."""
    if not path.exists():
        raise InputError(f"Filen {path} finns inte.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raw = path.read_bytes()
    text = None
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise InputError(
            f"Kan inte läsa {path}: okänd teckenkodning (använd UTF-8 eller Windows-1252)."
        )
    first_line = text.split("\n", 1)[0]
    # The delimiter that splits the header into more fields wins; Swedish Excel exports use ';'.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    # Blank lines are not data rows; rows with empty cells are, so `row` indices match the file.
    rows = [row for row in rows if row]
    if not rows:
        raise InputError(f"Filen {path} är tom.")
    return [h.strip() for h in rows[0]], rows[1:]


def _read_xlsx(path: Path) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise InputError(f"Kan inte läsa Excel-filen {path}: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    while rows and not any(v.strip() for v in rows[-1]):
        rows.pop()  # read_only sheets often report trailing formatted-but-empty rows
    if not rows:
        raise InputError(f"Filen {path} är tom.")
    return [h.strip() for h in rows[0]], rows[1:]


def _column(header: list[str], name: str, option: str) -> int:
    try:
        return header.index(name)
    except ValueError:
        found = ", ".join(h for h in header if h) or "(inga)"
        raise InputError(
            f"Kolumnen '{name}' ({option}) finns inte i filen. Kolumner som finns: {found}."
        ) from None


_ARGPARSE_SV = (
    ("the following arguments are required", "följande argument krävs"),
    ("unrecognized arguments", "okända argument"),
    ("invalid choice", "ogiltigt val"),
    ("invalid int value", "ogiltigt heltal"),
    ("expected one argument", "förväntade ett värde"),
    ("choose from", "välj bland"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        # argparse speaks English; users of this command read Swedish.
        for english, swedish in _ARGPARSE_SV:
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `lagesbild themes`."""
    parser = _Parser(
        prog="lagesbild themes",
        description="Föreslå teman för svenska fritextsvar i en CSV- eller XLSX-fil och skriv resultatet som JSON.",
    )
    parser.add_argument("file", type=Path, help="CSV- eller XLSX-fil med en rubrikrad")
    parser.add_argument("--text-column", required=True, help="kolumnen med texten")
    parser.add_argument("--id-column", help="kolumnen med ett id per rad (annars radnumret)")
    parser.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="COL",
        help="räkna per värde i kolumnen (kan upprepas)",
    )
    parser.add_argument("--k", type=int, help="antal teman (annars väljs antalet automatiskt)")
    parser.add_argument(
        "--backend",
        choices=["tfidf", "e5"],
        default="tfidf",
        help="textrepresentation (standard: tfidf)",
    )
    parser.add_argument(
        "--cache-dir", help="katalog för e5-inbäddningar (annars $LAGESBILD_EMBEDDING_CACHE)"
    )
    parser.add_argument("--out", type=Path, help="skriv JSON hit (annars till standard ut)")
    parser.add_argument("--quiet", action="store_true", help="visa inga förloppsmeddelanden")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code (2 for bad input)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and usage errors; callers want a code, not an exit
        return int(exc.code or 0)
    started = time.monotonic()

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"[{time.monotonic() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    try:
        if args.k is not None and args.k < 1:
            raise InputError("--k måste vara minst 1.")
        header, rows = read_table(args.file)
        text_at = _column(header, args.text_column, "--text-column")
        id_at = _column(header, args.id_column, "--id-column") if args.id_column else None
        by_at = {name: _column(header, name, "--by") for name in args.by}

        def cell(row: list[str], i: int) -> str:
            return row[i] if i < len(row) else ""

        texts = [cell(r, text_at) for r in rows]
        if not rows or not any(t.strip() for t in texts):
            raise InputError(f"Kolumnen '{args.text_column}' innehåller inga texter.")
        ids = [cell(r, id_at) for r in rows] if id_at is not None else None
        metadata = [{name: cell(r, i) for name, i in by_at.items()} for r in rows]
        from .themes import discover_themes

        model = discover_themes(
            texts,
            ids=ids,
            metadata=metadata,
            k=args.k,
            backend=args.backend,
            cache_dir=args.cache_dir,
            progress=progress,
        )
    except InputError as exc:
        print(f"lagesbild themes: fel: {exc}", file=sys.stderr)
        return 2
    except BackendUnavailable as exc:
        print(f"lagesbild themes: fel: {exc}", file=sys.stderr)
        return 2
    result = model.to_dict()
    payload = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(payload + "\n", encoding="utf-8")
        progress(f"Skrev {args.out}")
    else:
        sys.stdout.write(payload + "\n")
    for theme in result["themes"]:
        progress(f"  {theme['id']:>3}  {theme['size']:>5}  {theme['label']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
