"""The house style's dates: the "Sammanställd:" stamp and the D/M of communication actions."""

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from django.utils.translation import gettext as _

from lagesbild.reports.house_style.structure import HouseStyleError

# The stamp's first word, possibly wrapped in emphasis: "*Sammanställd: …*".
STAMP_LINE = re.compile(r"^[\s*_]*sammanställd(?![\wåäö])[\s*_]*(?P<rest>.*?)[\s*_]*$", re.I)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_DATE = (
    r"(?:(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
    r"|(?P<d2>\d{1,2})\s+(?P<mon>[a-zåäö]+)\.?\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})/(?P<m3>\d{1,2})\s+(?P<y3>\d{4}))"
)
# "klockan 16.00", "kl. 16:00", "kl 16", ", 16.00", "T16:00"; the hour alone needs "klockan".
_TIME = (
    r"(?:(?:\s*,?\s*|T)"
    r"(?:(?:klockan|kl\.?)\s*(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?"
    r"|(?P<h2>\d{1,2})[.:](?P<mi2>\d{2})))?"
)
STAMP = re.compile(rf"(?:den\s+)?{_DATE}{_TIME}\s*\.?", re.I)
TIME_ONLY = re.compile(r"(?:klockan|kl\.?)?\s*\d{1,2}[.:]\d{2}\s*\.?", re.I)
EXAMPLE = "Sammanställd: 2025-03-04 klockan 16.00"


def compiled_at_parse(rest: str, *, line: int, tz: tzinfo) -> datetime:
    """The moment after "Sammanställd", in local time `tz`; a missing time means 00.00."""
    rest = rest.strip().lstrip(":").strip()
    match = STAMP.fullmatch(rest)
    if match is None:
        if not rest or TIME_ONLY.fullmatch(rest):
            message = _("Datum saknas efter ”Sammanställd”. Skriv till exempel ”%(example)s”.")
        else:
            message = _(
                "Tidpunkten ”%(text)s” går inte att läsa. Skriv till exempel ”%(example)s”."
            )
        raise HouseStyleError(line, message % {"text": rest, "example": EXAMPLE})
    g = match.groupdict()
    if g["y"]:
        year, month, day = int(g["y"]), int(g["mo"]), int(g["d"])
    elif g["y3"]:
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
    else:
        month_name = g["mon"].lower()
        if month_name not in MONTHS:
            raise HouseStyleError(line, _("Månaden ”%(month)s” är okänd.") % {"month": g["mon"]})
        year, month, day = int(g["y2"]), MONTHS[month_name], int(g["d2"])
    hour = int(g["h"] or g["h2"] or 0)
    minute = int(g["mi"] or g["mi2"] or 0)
    try:
        naive = datetime(year, month, day)
    except ValueError:
        raise HouseStyleError(
            line,
            _("Datumet %(date)s finns inte.") % {"date": f"{year:04d}-{month:02d}-{day:02d}"},
        ) from None
    if hour > 23 or minute > 59:
        raise HouseStyleError(
            line, _("Klockslaget %(time)s finns inte.") % {"time": f"{hour:02d}.{minute:02d}"}
        )
    naive = naive.replace(hour=hour, minute=minute)
    moment = naive.replace(tzinfo=tz)
    # The hour skipped when summer time starts has no moment; refuse rather than guess.
    if moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise HouseStyleError(
            line,
            _("Klockslaget %(time)s finns inte den dagen (övergång till sommartid).")
            % {"time": f"{hour:02d}.{minute:02d}"},
        )
    return moment


def compiled_at_format(moment: datetime, *, tz: tzinfo) -> str:
    """E.g. "2025-03-04 klockan 16.00", as reports.rendering writes it."""
    local = moment.astimezone(tz)
    return f"{local:%Y-%m-%d} klockan {local:%H.%M}"


# Actions are usually from the weeks before the report, sometimes planned a little ahead.
DAYS_AHEAD = 31
WINDOW_DAYS = 365


def action_date(day: int, month: int, *, compiled: date, line: int) -> date:
    """The full date of a D/M within the year that ends DAYS_AHEAD days after `compiled`."""
    latest = compiled + timedelta(days=DAYS_AHEAD)
    earliest = latest - timedelta(days=WINDOW_DAYS - 1)
    for year in (compiled.year + 1, compiled.year, compiled.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if earliest <= candidate <= latest:
            return candidate
    raise HouseStyleError(
        line,
        _("Datumet %(dm)s finns inte (rapporten är sammanställd %(compiled)s).")
        % {"dm": f"{day}/{month}", "compiled": compiled.isoformat()},
    )
