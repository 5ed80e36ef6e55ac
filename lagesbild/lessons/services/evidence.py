"""What a lesson rests on: adding and removing evidence, and counting its support.

The counts follow the triangulation matrix in the analysis workspace: confirmed codings only
(engine proposals never count), blind agreement samples left out, and a code counts what it
and the codes below it found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.experiences.models import Channel
from lagesbild.lessons.models import Lesson, LessonEvidence
from lagesbild.themes.models import Code, Coding

STRONG, MODERATE, WEAK, SINGLE = "strong", "moderate", "weak", "single"


@dataclass
class Support:
    """How many sources, respondents, categories and channels a lesson rests on."""

    sources: int = 0
    respondents: int = 0
    categories: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    quotes: list[Coding] = field(default_factory=list)
    notes: int = 0
    single_group: str | None = None

    @property
    def strength(self) -> str:
        """strong: ≥3 categories and ≥2 channels; single: one category or one channel."""
        if not self.sources:
            return WEAK
        if self.single_group:
            return SINGLE
        if len(self.categories) >= 3 and len(self.channels) >= 2:
            return STRONG
        return MODERATE


def strength_label(strength: str) -> str:
    return {
        STRONG: _("Starkt stöd"),
        MODERATE: _("Måttligt stöd"),
        WEAK: _("Svagt stöd"),
        SINGLE: _("En enda grupp"),
    }[strength]


STRENGTHS = (STRONG, MODERATE, WEAK, SINGLE)


def _descendants(code_ids: set[int]) -> dict[int, set[int]]:
    """Each cited code with the ids of every code below it, in as many queries as levels."""
    out = {pk: {pk} for pk in code_ids}
    frontier = {pk: pk for pk in code_ids}  # child id -> the cited code it counts for
    for _depth in range(20):
        rows = list(
            Code.objects.filter(parent_id__in=frontier.keys()).values_list("pk", "parent_id")
        )
        next_frontier: dict[int, int] = {}
        for pk, parent in rows:
            root = frontier[parent]
            if pk not in out[root]:
                out[root].add(pk)
                next_frontier[pk] = root
        if not next_frontier:
            break
        frontier = next_frontier
    return out


def _single_group(categories: list[str], channels: list[str]) -> str | None:
    parts = []
    if len(categories) == 1:
        parts.append(_("kategorin %(name)s") % {"name": categories[0]})
    if len(channels) == 1:
        parts.append(_("kanalen %(name)s") % {"name": channels[0]})
    if not parts:
        return None
    return _("Vilar på en enda grupp: %(groups)s.") % {"groups": _(" och ").join(parts)}


def supports_for(lessons: Iterable[Lesson]) -> dict[int, Support]:
    """The support of many lessons in a fixed number of queries (for lists and filters)."""
    ids = [lesson.pk for lesson in lessons]
    rows = list(
        LessonEvidence.objects.filter(lesson_id__in=ids).values_list(
            "lesson_id", "code_id", "coding_id"
        )
    )
    cited_codes = {code for _l, code, _c in rows if code}
    subtree = _descendants(cited_codes)
    all_codes = set().union(*subtree.values()) if subtree else set()
    chosen = {coding for _l, _code, coding in rows if coding}
    codings = {
        row[0]: row
        for row in Coding.objects.filter(
            Q(pk__in=chosen)
            | (
                Q(code_id__in=all_codes, sample__isnull=True)
                & (Q(origin="person") | Q(reviewed_at__isnull=False))
            )
        ).values_list(
            "pk",
            "code_id",
            "source_id",
            "source__respondent_id",
            "source__category__name",
            "source__channel",
        )
    }
    # Each code's spread is made once, as sets; a lesson's support is then a union of sets, so
    # forty lessons citing broad codes cost one pass over the codings, not forty.
    spreads: dict[int, _Spread] = {}
    for row in codings.values():
        spreads.setdefault(row[1], _Spread()).add(row)
    quotes = {
        c.pk: c
        for c in Coding.objects.filter(pk__in=chosen).select_related(
            "source__collection", "source__category", "code"
        )
    }
    labels = dict(Channel.choices)
    out: dict[int, Support] = {pk: Support() for pk in ids}
    used: dict[int, _Spread] = {pk: _Spread() for pk in ids}
    for lesson_id, code_id, coding_id in rows:
        support = out[lesson_id]
        if code_id:
            for member in subtree.get(code_id, ()):
                if member in spreads:
                    used[lesson_id].merge(spreads[member])
        elif coding_id:
            used[lesson_id].add(codings[coding_id])
            support.quotes.append(quotes[coding_id])
        else:
            support.notes += 1
    for lesson_id, support in out.items():
        spread = used[lesson_id]
        support.sources = len(spread.sources)
        support.respondents = len(spread.voices)
        support.categories = sorted(spread.categories)
        support.channels = sorted({str(labels.get(c, c)) for c in spread.channels})
        support.quotes.sort(key=lambda c: (c.source.date or timezone.localdate(), c.pk))
        if support.sources:
            support.single_group = _single_group(support.categories, support.channels)
    return out


@dataclass
class _Spread:
    sources: set[int] = field(default_factory=set)
    # A respondent ties one person's answers together; a source without one is one voice.
    voices: set[tuple[str, int]] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    channels: set[str] = field(default_factory=set)

    def add(self, row: tuple) -> None:  # type: ignore[type-arg]
        _pk, _code, source, respondent, category, channel = row
        self.sources.add(source)
        self.voices.add(("r", respondent) if respondent else ("s", source))
        if category:
            self.categories.add(category)
        if channel:
            self.channels.add(channel)

    def merge(self, other: _Spread) -> None:
        self.sources |= other.sources
        self.voices |= other.voices
        self.categories |= other.categories
        self.channels |= other.channels


def lesson_support(lesson: Lesson) -> Support:
    """The counts, the quotes and the single-group warning for one lesson."""
    return supports_for([lesson])[lesson.pk]


def _touch(lesson: Lesson) -> None:
    Lesson.objects.filter(pk=lesson.pk).update(updated_at=timezone.now(), version=F("version") + 1)
    lesson.refresh_from_db(fields=["updated_at", "version"])


def _check_open(lesson: Lesson) -> None:
    if lesson.state in ("rejected", "merged"):
        raise ValidationError(_("Lärdomen är avslutad och ändras inte längre."))


def _check_collection(lesson: Lesson, staff_id: int) -> None:
    if staff_id != lesson.staff_id:
        raise ValidationError(_("Underlaget hör till en annan stab."))


@transaction.atomic
def evidence_add(
    *,
    lesson: Lesson,
    actor: User | None,
    code: Code | None = None,
    coding: Coding | None = None,
    note: str = "",
) -> LessonEvidence:
    """Cite a code, a passage or a person's note; citing the same code or passage twice is a no-op."""
    note = note.strip()
    if sum(bool(x) for x in (code, coding, note)) != 1:
        raise ValidationError(_("Välj en kod, ett citat eller skriv en anteckning."))
    _check_open(lesson)
    if code is not None:
        _check_collection(lesson, code.codebook.collection.staff_id)
        found = LessonEvidence.objects.filter(lesson=lesson, code=code).first()
        summary = code.name
    elif coding is not None:
        _check_collection(lesson, coding.source.collection.staff_id)
        if coding.sample_id:
            raise ValidationError(_("Kodningar i ett blindprov kan inte citeras."))
        if not coding.is_confirmed:
            raise ValidationError(
                _("Granska maskinförslaget först; bara bekräftade kodningar kan citeras.")
            )
        found = LessonEvidence.objects.filter(lesson=lesson, coding=coding).first()
        summary = coding.passage()[:120]
    else:
        found = None
        summary = note[:120]
    if found:
        return found
    evidence = LessonEvidence.objects.create(
        lesson=lesson, code=code, coding=coding, note=note, added_by=actor
    )
    _touch(lesson)
    audit_record(
        actor=actor,
        action="lessons.evidence_add",
        obj=lesson,
        summary=summary,
        details={"evidence": evidence.pk, "kind": evidence.kind},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: LessonEvidence, actor: User | None) -> None:
    """Take a piece of evidence away; a published lesson keeps at least one or a reason."""
    lesson = Lesson.objects.select_for_update().get(pk=evidence.lesson_id)
    _check_open(lesson)
    remaining = lesson.evidence.exclude(pk=evidence.pk).exists()
    if lesson.is_published and not remaining and not lesson.reason.strip():
        raise ValidationError(
            _(
                "En publicerad lärdom behöver minst ett belägg eller en skriven motivering. "
                "Skriv motiveringen först eller avpublicera lärdomen."
            )
        )
    summary = str(evidence)[:120]
    evidence.delete()
    _touch(lesson)
    audit_record(actor=actor, action="lessons.evidence_remove", obj=lesson, summary=summary)
