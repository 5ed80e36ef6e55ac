"""The joint report's "Metod och material", computed from the collection and kept current
until the report is published (then it freezes with the section), and the `[@siffror]`
directive that lets a situation report quote the same figures without retyping them."""

from collections import Counter
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lagesbild.experiences.models import Attendance, Channel, Collection, Source
from lagesbild.lib.numbers import approximately, thousands
from lagesbild.reports.citations import markdown_directive
from lagesbild.reports.computed import computed_section
from lagesbild.staff.models import Staff


def category_respondents(collection_id: int) -> dict[int | None, int]:
    """People heard per participant category: one per respondent, one per source without."""
    rows = Source.objects.filter(collection_id=collection_id).values_list(
        "category_id", "respondent_id", "pk"
    )
    voices: dict[int | None, set[tuple[str, int]]] = {}
    for category, respondent, source in rows:
        key = ("r", respondent) if respondent else ("s", source)
        voices.setdefault(category, set()).add(key)
    return {category: len(found) for category, found in voices.items()}


def _figures(staff: Staff) -> dict[str, int]:
    sources = Source.objects.filter(collection__staff=staff)
    counts = dict(sources.values_list("channel").annotate(n=Count("id")).order_by())
    respondents = sources.filter(channel__in=(Channel.WEB, Channel.SURVEY)).aggregate(
        people=Count("respondent", distinct=True),
        without=Count("id", filter=Q(respondent__isnull=True)),
    )
    attended = Attendance.objects.filter(source__collection__staff=staff).aggregate(n=Sum("count"))
    return {
        "meetings": counts.get(Channel.MEETING, 0),
        "participants": attended["n"] or 0,
        "answers": counts.get(Channel.WEB, 0),
        "survey": counts.get(Channel.SURVEY, 0),
        "respondents": respondents["people"] + respondents["without"],
        "letters": counts.get(Channel.LETTER, 0),
        "interviews": counts.get(Channel.INTERVIEW, 0),
    }


def _figures_sentence(figures: dict[str, int]) -> str:
    """ "närmare 80 dialogmöten med drygt 1 500 deltagare, drygt 1 200 svar …" as one phrase."""
    parts = []
    if figures["meetings"]:
        meetings = ngettext("%(n)s dialogmöte", "%(n)s dialogmöten", figures["meetings"]) % {
            "n": approximately(figures["meetings"])
        }
        if figures["participants"]:
            meetings += " " + _("med %(n)s deltagare") % {
                "n": approximately(figures["participants"])
            }
        parts.append(meetings)
    if figures["answers"]:
        parts.append(_("%(n)s svar på webbfrågan") % {"n": approximately(figures["answers"])})
    if figures["survey"]:
        parts.append(_("%(n)s enkätsvar") % {"n": approximately(figures["survey"])})
    if figures["letters"]:
        parts.append(
            ngettext("%(n)s skrivelse", "%(n)s skrivelser", figures["letters"])
            % {"n": approximately(figures["letters"])}
        )
    if figures["interviews"]:
        parts.append(
            ngettext("%(n)s djupintervju", "%(n)s djupintervjuer", figures["interviews"])
            % {"n": approximately(figures["interviews"])}
        )
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " " + _("och") + " " + parts[-1]


def _as_of() -> str:
    return date_format(timezone.localdate(), "j F Y")


@markdown_directive("siffror", label=gettext_lazy("erfarenhetsinsamlingens siffror"))
def figures_now(staff: Staff) -> str:
    """One sentence for a situation report's summary; frozen with the section on publish."""
    phrase = _figures_sentence(_figures(staff))
    if not phrase:
        return _("Erfarenhetsinsamlingen har ännu inget underlag.")
    return _("Hittills har erfarenhetsinsamlingen fått in %(phrase)s (den %(day)s).") % {
        "phrase": phrase,
        "day": _as_of(),
    }


def _period(collection: Collection) -> str:
    if collection.period_start and collection.period_end:
        return _("%(start)s–%(end)s") % {
            "start": date_format(collection.period_start, "j F Y"),
            "end": date_format(collection.period_end, "j F Y"),
        }
    return ""


def _month(day: date) -> str:
    return date_format(day, "F Y").capitalize()


@computed_section("experiences.material", label=gettext_lazy("Metod och material"))
def method_and_material(staff: Staff) -> str:
    collections = list(Collection.objects.filter(staff=staff).order_by("period_start", "pk"))
    if not collections:
        return _("Staben har ingen erfarenhetsinsamling ännu.")
    figures = _figures(staff)
    out = []
    names = []
    for c in collections:
        period = _period(c)
        names.append(f"*{c.title.replace('*', '')}*" + (f" ({period})" if period else ""))
    out.append(
        _(
            "Rapporten bygger på %(names)s. Erfarenheter samlades in genom dialogmöten, en öppen "
            "webbfråga till alla medarbetare, skrivelser och djupintervjuer. Svaren maskerades "
            "innan de lästes: namn och andra personuppgifter är borttagna."
        )
        % {"names": ", ".join(names)}
    )
    phrase = _figures_sentence(figures)
    if phrase:
        out.append(
            _("Underlaget omfattar %(phrase)s. Siffrorna gäller den %(day)s.")
            % {"phrase": phrase, "day": _as_of()}
        )
    sources = Source.objects.filter(collection__staff=staff)
    labels = dict(Channel.choices)
    channel_rows = sources.values_list("channel").annotate(n=Count("id")).order_by("channel")
    lines = [
        f"- {labels.get(channel, channel)}: {thousands(n)}" for channel, n in channel_rows if n
    ]
    if figures["respondents"]:
        lines.append(
            "- "
            + _("Svarande på webbfrågan och enkäten: %(n)s")
            % {"n": thousands(figures["respondents"])}
        )
    if figures["participants"]:
        lines.append(
            "- " + _("Deltagare i dialogmötena: %(n)s") % {"n": thousands(figures["participants"])}
        )
    out.append("**" + _("Per kanal") + "**")
    out.append("\n".join(lines))
    per_category: Counter[str] = Counter()
    for c in collections:
        names_by_id: dict[int | None, str] = {cat.pk: cat.name for cat in c.categories.all()}
        for category, n in category_respondents(c.pk).items():
            per_category[names_by_id.get(category) or _("Ingen kategori angiven")] += n
    if per_category:
        out.append("**" + _("Per deltagarkategori (antal hörda)") + "**")
        out.append("\n".join(f"- {name}: {thousands(n)}" for name, n in per_category.most_common()))
    months: Counter[date] = Counter()
    for day in sources.exclude(date__isnull=True).values_list("date", flat=True):
        if day is not None:
            months[day.replace(day=1)] += 1
    if months:
        out.append("**" + _("Per månad") + "**")
        out.append("\n".join(f"- {_month(m)}: {thousands(n)}" for m, n in sorted(months.items())))
    return "\n\n".join(out)
