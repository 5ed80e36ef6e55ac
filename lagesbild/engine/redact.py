"""Find and redact personal data in Swedish free text: identity numbers, phones, e-mail.

Plain Python; never imports Django. Analysts see `redact(text)`; the original stays with the
administrator. Names cannot be found by pattern, so callers pass them as `extra_spans`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "telefonnummer"
EMAIL = "e-post"
PERSONAL = "personuppgift"

LABELS = {
    PERSONNUMMER: "[personnummer]",
    SAMORDNINGSNUMMER: "[samordningsnummer]",
    PHONE: "[telefonnummer]",
    EMAIL: "[e-post]",
    PERSONAL: "[personuppgift]",
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str = PERSONAL


# YYYYMMDD-XXXX, YYMMDD-XXXX, YYMMDD+XXXX, without separator, or with a space (or spaced dash).
# The look-arounds keep it from biting into longer digit runs such as order numbers.
_IDENTITY_RE = re.compile(
    r"(?<![\d\w])(?P<century>19|20)?(?P<date>\d{6})(?P<sep>\s?[-+–]\s?|\s)?(?P<tail>\d{4})(?![\d])"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# +46 70 123 45 67, +46 (0)8 123 456 78, 0046 ...: the leading zero of the area code is dropped.
_PHONE_INTL_RE = re.compile(
    r"(?<![\w+])(?:\+|00)46[\s-]?(?:\(0\)[\s-]?)?(?P<number>[1-9]\d{0,2}(?:[\s-]?\d{2,4}){1,4})(?!\d)"
)
# 070-123 45 67, 08-123 456 78, 010-123 45 67, 031 12 34 56, 0701234567.
_PHONE_NATIONAL_RE = re.compile(
    r"(?<![\w+/.,-])0[1-9]\d{0,3}(?:\s?[-–/]\s?|\s)?\d{2,8}(?:[\s-]\d{2,3}){0,3}(?![\d])"
)
_DIGIT_GROUP_TAIL_RE = re.compile(r"[\s-]\d{2,3}$")


def luhn_valid(digits: str) -> bool:
    """The Luhn check over the ten digits YYMMDDNNNC of a Swedish identity number."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_date(yymmdd: str, century: str | None) -> str | None:
    """Return the kind of number a six-digit date stands for, or None if it is no date."""
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    kind = PERSONNUMMER
    if dd > 60:
        dd -= 60
        kind = SAMORDNINGSNUMMER
    if not 1 <= mm <= 12 or dd < 1:
        return None
    years = [int(century) * 100 + yy] if century else [1900 + yy, 2000 + yy]
    if any(dd <= calendar.monthrange(year, mm)[1] for year in years):
        return kind
    return None


def _identity_numbers(text: str) -> list[Span]:
    spans = []
    for m in _IDENTITY_RE.finditer(text):
        century, date, tail = m.group("century"), m.group("date"), m.group("tail")
        kind = _plausible_date(date, century)
        if kind is None:
            # A right-shaped number whose date is off may still be real; the checksum decides.
            if m.group("sep") and m.group("sep").strip() in {"-", "+"} and luhn_valid(date + tail):
                kind = PERSONNUMMER
            else:
                continue
        if not m.group("sep") and not century and date.startswith("0"):
            # 0701234567 has a date's shape; unless its checksum holds it is a mobile number.
            if not luhn_valid(date + tail):
                continue
        spans.append(Span(m.start(), m.end(), kind))
    return spans


def _phone_numbers(text: str) -> list[Span]:
    spans = []
    for m in _PHONE_INTL_RE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group("number"))
        if 7 <= digits <= 10:
            spans.append(Span(m.start(), m.end(), PHONE))
    for m in _PHONE_NATIONAL_RE.finditer(text):
        candidate = m.group()
        # A trailing "2 gånger" or a count must not sink the whole number: drop groups to fit.
        while sum(ch.isdigit() for ch in candidate) > 10 and _DIGIT_GROUP_TAIL_RE.search(candidate):
            candidate = _DIGIT_GROUP_TAIL_RE.sub("", candidate)
        digits = sum(ch.isdigit() for ch in candidate)
        if 8 <= digits <= 10:
            spans.append(Span(m.start(), m.start() + len(candidate), PHONE))
    return spans


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and join overlapping ones; a joined span keeps the kind of its longest part."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = last.kind if (last.end - last.start) >= (span.end - span.start) else span.kind
            merged[-1] = Span(last.start, max(last.end, span.end), kind)
        else:
            merged.append(span)
    return merged


def find_personal_data(text: str) -> list[Span]:
    """Spans of identity numbers, phone numbers and e-mail addresses, sorted, not overlapping."""
    if not text:
        return []
    identity = _identity_numbers(text)
    emails = [Span(m.start(), m.end(), EMAIL) for m in _EMAIL_RE.finditer(text)]
    taken = identity + emails
    # Identity numbers and e-mail addresses win over a phone-shaped reading of the same digits.
    phones = [
        p
        for p in _phone_numbers(text)
        if not any(p.start < t.end and t.start < p.end for t in taken)
    ]
    return merge_spans(taken + phones)


def find_phrase(text: str, phrase: str) -> list[Span]:
    """Every occurrence of an exact phrase (ignoring case), as personal-data spans."""
    phrase = phrase.strip()
    if not phrase:
        return []
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    return [Span(m.start(), m.end(), PERSONAL) for m in pattern.finditer(text)]


def redact(text: str, extra_spans: Iterable[Span] = ()) -> str:
    """The text with each personal-data span replaced by its label, e.g. "[personnummer]"."""
    spans = merge_spans([*find_personal_data(text), *extra_spans])
    parts = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(LABELS.get(span.kind, LABELS[PERSONAL]))
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
