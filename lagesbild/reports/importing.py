"""Importing an archived house-style report: parse it, then map it to models in one transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import may
from lagesbild.accounts.services import audit_record
from lagesbild.communications.models import CommunicationAction, Link, LinkCollection
from lagesbild.reports.house_style import (
    HouseStyleError,
    ParsedAction,
    ParsedLink,
    ParsedReport,
    ParsedSection,
    ParsedSpokesperson,
    parse_house_style,
)
from lagesbild.reports.models import (
    Report,
    ReportSection,
    ReportState,
    ReportTransition,
    SectionKind,
    SectionStatus,
    Series,
)
from lagesbild.reports.rendering import sections_freeze
from lagesbild.staff.models import Spokesperson, Staff


class ReportImportError(Exception):
    """A file that cannot be imported; the message is Swedish and names the line if there is one."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _same_title(a: str, b: str) -> bool:
    # Compared in Python: SQLite's iexact folds only ASCII, so "LÄGES…" would miss "läges…".
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _unique_slug(model: type[Series] | type[Staff], text: str, fallback: str) -> str:
    base = slugify(text)[:90] or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def series_for_title(
    *, title: str, staff: Staff | None, by: User | None = None, by_label: str = ""
) -> Series:
    """The series titled like the report (any letter case), or a new one in the staff."""
    candidates = Series.objects.select_related("staff")
    if staff is not None:
        candidates = candidates.filter(staff=staff)
    matches = [s for s in candidates if _same_title(s.title, title)]
    if len(matches) > 1:
        raise ReportImportError(
            _("Flera serier heter ”%(title)s” (i %(staffs)s). Välj serie eller stab.")
            % {"title": title, "staffs": ", ".join(sorted(s.staff.name for s in matches))}
        )
    if matches:
        return matches[0]
    if staff is None:
        staffs = list(Staff.objects.all()[:2])
        if len(staffs) > 1:
            raise ReportImportError(
                _(
                    "Det finns ingen serie som heter ”%(title)s” och flera staber att skapa den i. "
                    "Ange serie eller stab."
                )
                % {"title": title}
            )
        if staffs:
            staff = staffs[0]
        else:
            staff = Staff.objects.create(name=title[:200], slug=_unique_slug(Staff, title, "stab"))
            audit_record(
                actor=by,
                actor_label=by_label,
                action="staff.create",
                obj=staff,
                summary=_("Skapad vid inläsning av en rapport"),
            )
    series = Series.objects.create(
        staff=staff, title=title, slug=_unique_slug(Series, title, "serie")
    )
    audit_record(
        actor=by,
        actor_label=by_label,
        action="series.create",
        obj=series,
        summary=_("Skapad från titeln på en inläst rapport: %(title)s") % {"title": title},
    )
    return series


def _action(staff: Staff, item: ParsedAction) -> CommunicationAction:
    found = CommunicationAction.objects.filter(
        staff=staff, date=item.day, title=item.title, url=item.url
    ).first()
    return found or CommunicationAction.objects.create(
        staff=staff, date=item.day, title=item.title, url=item.url
    )


def _spokesperson(staff: Staff, item: ParsedSpokesperson, position: int) -> Spokesperson:
    found = Spokesperson.objects.filter(staff=staff, name=item.name).first()
    return found or Spokesperson.objects.create(
        staff=staff, name=item.name, title=item.title, position=position
    )


def _link_collection(staff: Staff, parsed: ParsedSection) -> LinkCollection:
    collection = LinkCollection.objects.create(
        staff=staff, title=(parsed.heading or _("Samlad information"))[:200]
    )
    links = [i for i in parsed.items if isinstance(i, ParsedLink)]
    Link.objects.bulk_create(
        Link(collection=collection, title=link.title, url=link.url, position=n)
        for n, link in enumerate(links)
    )
    return collection


def _section_create(report: Report, position: int, parsed: ParsedSection) -> ReportSection:
    staff = report.series.staff
    collection = _link_collection(staff, parsed) if parsed.kind == SectionKind.LINKS else None
    section = ReportSection.objects.create(
        report=report,
        position=position,
        heading=parsed.heading,
        level=parsed.level,
        kind=parsed.kind,
        body=parsed.body,
        link_collection=collection,
        # An archived report was finished when it was published.
        status=SectionStatus.APPROVED,
    )
    if parsed.kind == SectionKind.ACTIONS:
        # Created last-first so that among actions of one day the file's first gets the
        # highest id, which is the order rendering (newest date, then highest id) exports.
        actions = [_action(staff, i) for i in reversed(parsed.items) if isinstance(i, ParsedAction)]
        section.actions.set(actions)
    elif parsed.kind == SectionKind.SPOKESPERSONS:
        people = [i for i in parsed.items if isinstance(i, ParsedSpokesperson)]
        section.spokespersons.set(
            [_spokesperson(staff, person, n) for n, person in enumerate(people)]
        )
    return section


def report_import(
    *,
    text: str | bytes,
    series: Series | None,
    staff: Staff | None,
    by: User | None,
    by_label: str = "",
    publish: bool = False,
) -> Report:
    """Import a house-style report as a draft (or published) numbered next in its series.

    An import is a draft that goes through the workflow like any report. `publish=True`
    publishes it at once, only for someone allowed to publish in the series' staff (or the
    command line, by=None), recorded as a workflow transition at the time of import: the file
    chooses the compiled time it states, never the publication time.
    Without a series, the series is found by the report's title or created from it.
    Raises ReportImportError (nothing saved) when the file or the choice is wrong.
    """
    try:
        parsed: ParsedReport = parse_house_style(text, tz=timezone.get_default_timezone())
    except HouseStyleError as exc:
        raise ReportImportError(str(exc), line=exc.line) from exc
    if series is not None and staff is not None and series.staff_id != staff.pk:
        raise ReportImportError(
            _("Serien ”%(series)s” hör inte till staben ”%(staff)s”.")
            % {"series": series.title, "staff": staff.name}
        )
    with transaction.atomic():
        if series is None:
            series = series_for_title(title=parsed.title, staff=staff, by=by, by_label=by_label)
        # Locking the series row gives two simultaneous imports consecutive numbers.
        series = Series.objects.select_for_update().select_related("staff").get(pk=series.pk)
        if publish and by is not None and not may(by, "publish_report", series.staff):
            raise ReportImportError(
                _("Du får inte publicera rapporter i staben ”%(staff)s”. Läs in som utkast.")
                % {"staff": series.staff.name}
            )
        last = series.reports.order_by("-number").values_list("number", flat=True).first()
        now = timezone.now()
        report = Report.objects.create(
            series=series,
            number=(last or 0) + 1,
            title=parsed.title,
            compiled_at=parsed.compiled_at,
            state=ReportState.PUBLISHED if publish else ReportState.DRAFT,
            published_at=now if publish else None,
            created_by=by,
        )
        for position, parsed_section in enumerate(parsed.sections):
            _section_create(report, position, parsed_section)
        if publish:
            sections_freeze(report)
            ReportTransition.objects.create(
                report=report,
                from_state=ReportState.DRAFT,
                to_state=ReportState.PUBLISHED,
                by=by,
                by_label=by_label or (by.display_name() if by else ""),
                at=now,
                note=_("Inläst från fil och publicerad direkt"),
            )
        audit_record(
            actor=by,
            actor_label=by_label,
            action="report.import",
            obj=report,
            summary=_("Inläst från fil som nr %(number)s i %(series)s")
            % {"number": report.number, "series": series.title},
            details={
                "series": series.pk,
                "sections": len(parsed.sections),
                "compiled_at": parsed.compiled_at.isoformat(),
                "published": publish,
            },
        )
    return report
