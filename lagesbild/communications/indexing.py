"""Press inquiries, media coverage and the FAQ in search. Press work is for those who handle
press; a published FAQ answer is public, like the page it stands on."""

from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.communications.models import FaqEntry, MediaCoverage, PressInquiry
from lagesbild.search.registry import Findable, searchable


def _day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _inquiry(inquiry: PressInquiry) -> Findable:
    body = "\n".join(
        [inquiry.question, inquiry.line, inquiry.answer, inquiry.journalist, inquiry.outlet]
    )
    return Findable(
        str(inquiry),
        body,
        inquiry.staff,
        "manage_press",
        reverse("communications:inquiry_edit", args=[inquiry.pk]),
        inquiry.received_at,
    )


def _coverage(item: MediaCoverage) -> Findable:
    body = "\n".join([item.topic, item.quoted, item.get_kind_display(), item.get_tone_display()])
    return Findable(
        f"{item.outlet}: {item.headline}",
        body,
        item.staff,
        "manage_press",
        reverse("communications:coverage_edit", args=[item.pk]),
        _day(item.date),
    )


def _faq(entry: FaqEntry) -> Findable | None:
    # Asked of the database, not a prefetched list: the version saved a moment ago counts.
    version = entry.versions.order_by("-number").first()
    if version is None:
        return None
    url = reverse("communications:faq_public", args=[entry.staff.slug]) + f"#fraga-{entry.pk}"
    return Findable(
        version.question,
        f"{entry.group}\n{version.answer}",
        entry.staff,
        "manage_faq",
        url,
        version.published_at,
        is_public=True,
    )


def register() -> None:
    searchable(
        "press_inquiry",
        label=_("Pressförfrågningar"),
        model=PressInquiry,
        describe=_inquiry,
        actions=["manage_press"],
    )
    searchable(
        "coverage",
        label=_("Mediebevakning"),
        model=MediaCoverage,
        describe=_coverage,
        actions=["manage_press"],
    )
    searchable(
        "faq",
        label=_("Frågor och svar"),
        model=FaqEntry,
        describe=_faq,
        actions=["manage_faq"],
        everything=lambda: FaqEntry.objects.select_related("staff"),
    )
