"""A week of media coverage summed up per topic, and as Markdown for the report.

"Pausöverenskommelsen: 23 inslag, nationell spridning (TT, Sveriges Radio, GP …)" is what the
editor quotes into the report's communication section (kommunikativ lägesbild).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.communications.models import MediaCoverage, MediaKind, Spread, Tone

SPREAD_ORDER = [Spread.LOCAL, Spread.REGIONAL, Spread.NATIONAL]
# Outlets are listed with the widest kinds first: the agency picked it up, then broadcast.
KIND_ORDER = [
    MediaKind.NEWS_AGENCY,
    MediaKind.RADIO,
    MediaKind.TV,
    MediaKind.DAILY,
    MediaKind.TRADE,
    MediaKind.SOCIAL,
]


@dataclass(frozen=True)
class TopicWeek:
    topic: str
    items: int
    spread: str  # label, e.g. "nationell"
    outlets: list[str]
    tones: dict[str, int]  # tone label -> count, most common first
    quoted: list[str]
    reach: int

    def line(self) -> str:
        """One Markdown bullet for the report."""
        text = ngettext(
            "%(topic)s: %(n)d inslag, %(spread)s spridning",
            "%(topic)s: %(n)d inslag, %(spread)s spridning",
            self.items,
        ) % {"topic": self.topic, "n": self.items, "spread": self.spread}
        if self.outlets:
            text += f" ({', '.join(self.outlets)})"
        text += "."
        if self.tones:
            tone = next(iter(self.tones))
            text += " " + _("Tonen var mest %(tone)s.") % {"tone": tone.lower()}
        if self.quoted:
            text += " " + _("Citerade: %(names)s.") % {"names": ", ".join(self.quoted)}
        return f"- {text}"


def week_bounds(monday: date) -> tuple[date, date]:
    return monday, monday + timedelta(days=6)


def summarise(items: Iterable[MediaCoverage]) -> list[TopicWeek]:
    """Per topic, most items first."""
    by_topic: dict[str, list[MediaCoverage]] = {}
    for item in items:
        by_topic.setdefault(item.topic.strip(), []).append(item)
    summaries = []
    for topic, members in by_topic.items():
        widest = max(members, key=lambda m: SPREAD_ORDER.index(Spread(m.spread)))
        outlets: list[str] = []
        for member in sorted(members, key=lambda m: (KIND_ORDER.index(MediaKind(m.kind)), m.date)):
            if member.outlet not in outlets:
                outlets.append(member.outlet)
        tones = Counter(str(Tone(m.tone).label) for m in members)
        quoted: list[str] = []
        for member in members:
            for name in (n.strip() for n in member.quoted.split(",")):
                if name and name not in quoted:
                    quoted.append(name)
        summaries.append(
            TopicWeek(
                topic=topic,
                items=len(members),
                spread=str(Spread(widest.spread).label),
                outlets=outlets,
                tones=dict(tones.most_common()),
                quoted=quoted,
                reach=sum(m.reach or 0 for m in members),
            )
        )
    return sorted(summaries, key=lambda s: (-s.items, s.topic))


def week_markdown(summaries: list[TopicWeek], monday: date) -> str:
    """The week as Markdown to paste into the report's communication section."""
    iso = monday.isocalendar()
    head = _("Mediebevakning vecka %(week)d:") % {"week": iso.week}
    if not summaries:
        return head + "\n\n- " + _("Inga registrerade inslag.")
    return head + "\n\n" + "\n".join(s.line() for s in summaries)
