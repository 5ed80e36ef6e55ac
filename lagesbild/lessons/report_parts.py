"""What the joint report draws from lessons: the "Lärdomar" section, `[@lärdom:N]` citations
(lesson L-N, with its evidence and actions frozen on publish) and the `[@lärdomar]` directive
a situation report uses to quote the latest lessons. Registered in LessonsConfig.ready()."""

from typing import Any

from django.urls import NoReverseMatch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lagesbild.lessons.models import Area, Lesson, LessonState
from lagesbild.lessons.services.evidence import Support, strength_label, supports_for
from lagesbild.reports.citations import Cited, citation_kind, markdown_directive
from lagesbild.reports.computed import computed_section
from lagesbild.staff.models import Staff
from lagesbild.themes.report_parts import quotes_cited

LATEST = 3


def _published(staff: Staff) -> Any:
    return (
        Lesson.objects.filter(staff=staff, is_published=True)
        .exclude(state__in=(LessonState.REJECTED, LessonState.MERGED))
        .prefetch_related("actions__owner_user")
    )


def _support_line(support: Support) -> str:
    counts = (
        ngettext("%(n)s källa", "%(n)s källor", support.sources) % {"n": support.sources},
        ngettext("%(n)s hörd", "%(n)s hörda", support.respondents) % {"n": support.respondents},
        ngettext("%(n)s kategori", "%(n)s kategorier", len(support.categories))
        % {"n": len(support.categories)},
        ngettext("%(n)s kanal", "%(n)s kanaler", len(support.channels))
        % {"n": len(support.channels)},
    )
    return ", ".join(counts)


def _actions(lesson: Lesson) -> list[dict[str, str]]:
    return [
        {
            "text": " ".join(a.text.split()),
            "owner": a.owner_label,
            "due": date_format(a.due, "j F Y") if a.due else "",
            "status": str(a.get_status_display()).lower(),
        }
        for a in lesson.actions.all()
        if a.status != "dropped"
    ]


def _url(lesson: Lesson) -> str:
    try:
        return lesson.get_absolute_url()
    except NoReverseMatch:
        return ""


def lesson_cited(
    lesson: Lesson, support: Support, counts: dict[int, dict[int | None, int]] | None = None
) -> Cited:
    """The lesson as cited; `counts` (people per category, per collection) is shared between
    the lessons of one render, so each collection is counted once."""
    cited = quotes_cited(support.quotes, counts)
    quotes = [
        {"text": quote.text, "label": quote.label, **quote.meta}
        for quote in (cited[coding.pk] for coding in support.quotes)
    ]
    return Cited(
        text=lesson.statement.strip() or lesson.title,
        label=_("Lärdom %(code)s: %(title)s") % {"code": lesson.code, "title": lesson.title},
        url=_url(lesson),
        meta={
            "code": lesson.code,
            "title": lesson.title,
            "area": str(lesson.get_area_display()),
            "strength": support.strength,
            "strength_label": strength_label(support.strength),
            "support": _support_line(support),
            "single_group": support.single_group or "",
            "actions": _actions(lesson),
            "quotes": quotes,
        },
    )


def lessons_resolve(staff: Staff, numbers: list[int]) -> dict[int, Cited]:
    """The staff's published lessons L-N for these N, with their support in one lookup."""
    lessons = list(_published(staff).filter(number__in=numbers))
    supports = supports_for(lessons)
    counts: dict[int, dict[int | None, int]] = {}
    return {lesson.number: lesson_cited(lesson, supports[lesson.pk], counts) for lesson in lessons}


citation_kind("lärdom", label=gettext_lazy("Lärdom"), resolve=lessons_resolve, role="learned")


def _md(text: str) -> str:
    for char in "\\*_[]#`":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


@computed_section("lessons.lessons", label=gettext_lazy("Lärdomar (publicerade, per område)"))
def lessons_section(staff: Staff) -> str:
    lessons = list(_published(staff).order_by("area", "number"))
    if not lessons:
        return _("Inga lärdomar är publicerade ännu.")
    supports = supports_for(lessons)
    order = {key: i for i, (key, _label) in enumerate(Area.choices)}
    out: list[str] = []
    for area in sorted({lesson.area for lesson in lessons}, key=lambda a: order.get(a, 99)):
        out.append(f"### {Area(area).label}")
        for lesson in (x for x in lessons if x.area == area):
            support = supports[lesson.pk]
            # The lesson cites itself, so its footnote leads the reader to its quotes and the
            # version keeps it (statement, evidence, actions) as it read on publishing day.
            out.append(f"**{lesson.code} {_md(lesson.title)}** [@lärdom:{lesson.number}]")
            if lesson.statement.strip():
                out.append(lesson.statement.strip())
            strength = _("Stöd i underlaget: %(strength)s (%(line)s).") % {
                "strength": strength_label(support.strength).lower(),
                "line": _support_line(support),
            }
            if support.single_group:
                strength += " " + support.single_group
            out.append(f"*{_md(strength)}*")
            actions = _actions(lesson)
            if actions:
                out.append(
                    "\n".join(
                        "- "
                        + _("Åtgärd: %(text)s") % {"text": _md(a["text"])}
                        + (f" ({_('ansvarig')}: {_md(a['owner'])}" if a["owner"] else " (")
                        + (f", {_('senast')} {a['due']}" if a["due"] else "")
                        + f", {a['status']})"
                        for a in actions
                    )
                )
    return "\n\n".join(out)


@markdown_directive("lärdomar", label=gettext_lazy("de senaste publicerade lärdomarna"))
def latest_lessons(staff: Staff) -> str:
    lessons = list(_published(staff).order_by("-updated_at", "-number")[:LATEST])
    if not lessons:
        return _("Inga lärdomar är publicerade ännu.")
    lines = []
    for lesson in lessons:
        first = lesson.statement.strip().split("\n")[0] if lesson.statement.strip() else ""
        lines.append(
            f"- **{lesson.code} {_md(lesson.title)}**" + (f": {_md(first)}" if first else "")
        )
    return "\n".join(lines)
