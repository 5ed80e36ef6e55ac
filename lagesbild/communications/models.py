from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Spokesperson, Staff


class Channel(models.TextChoices):
    INTRANET = "intranet", _("Intranät")
    EMAIL = "email", _("E-post")
    PRESS = "press", _("Press")
    MEETING = "meeting", _("Möte")
    SOCIAL = "social", _("Sociala medier")
    WEB = "web", _("Webbplats")
    OTHER = "other", _("Annat")


class CommunicationAction(models.Model):
    """A dated thing the staff communicated: a news item, a letter, an FAQ update."""

    staff = models.ForeignKey(Staff, related_name="communication_actions", on_delete=models.CASCADE)
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=300)
    url = models.URLField(_("länk"), max_length=500, blank=True)
    channel = models.CharField(
        _("kanal"), max_length=20, choices=Channel.choices, default=Channel.INTRANET
    )
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("kommunikativ åtgärd")
        verbose_name_plural = _("kommunikativa åtgärder")

    def __str__(self) -> str:
        return f"{self.short_date()}: {self.title}"

    def short_date(self) -> str:
        """The house style's day/month, e.g. 26/2."""
        return f"{self.date.day}/{self.date.month}"


class LinkCollection(models.Model):
    """Collected information (samlad information): a named list of links."""

    staff = models.ForeignKey(Staff, related_name="link_collections", on_delete=models.CASCADE)
    title = models.CharField(_("rubrik"), max_length=200)

    class Meta:
        ordering = ["title"]
        verbose_name = _("länksamling")
        verbose_name_plural = _("länksamlingar")

    def __str__(self) -> str:
        return self.title


class Link(models.Model):
    collection = models.ForeignKey(LinkCollection, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("länk"), max_length=500)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")

    def __str__(self) -> str:
        return self.title


# --- Press and media (issue 14) ------------------------------------------------------------


class InquiryStatus(models.TextChoices):
    NEW = "new", _("Ny")
    IN_PROGRESS = "in_progress", _("Pågår")
    ANSWERED = "answered", _("Besvarad")
    DECLINED = "declined", _("Avböjd")


class PressInquiry(models.Model):
    """A journalist's question: who asked, by when, who answers and with what line."""

    staff = models.ForeignKey(Staff, related_name="press_inquiries", on_delete=models.CASCADE)
    journalist = models.CharField(_("journalist"), max_length=200)
    outlet = models.CharField(_("redaktion"), max_length=200)
    contact = models.CharField(_("kontaktuppgifter"), max_length=300, blank=True)
    question = models.TextField(_("fråga"))
    received_at = models.DateTimeField(_("inkom"))
    deadline = models.DateTimeField(_("deras deadline"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handläggare"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    spokesperson = models.ForeignKey(
        Spokesperson,
        verbose_name=_("talesperson"),
        null=True,
        blank=True,
        related_name="press_inquiries",
        on_delete=models.SET_NULL,
    )
    line = models.TextField(_("budskap"), blank=True)
    answer = models.TextField(_("svar"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )

    class Meta:
        ordering = ["deadline", "received_at"]
        verbose_name = _("pressförfrågan")
        verbose_name_plural = _("pressförfrågningar")

    def __str__(self) -> str:
        return f"{self.outlet}: {self.question[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status in (InquiryStatus.NEW, InquiryStatus.IN_PROGRESS)

    def urgency(self, now: datetime) -> str:
        """overdue, today, later or closed: the press list puts the first two on top."""
        if not self.is_open:
            return "closed"
        if self.deadline and self.deadline < now:
            return "overdue"
        if self.deadline and timezone.localdate(self.deadline) == timezone.localdate(now):
            return "today"
        return "later"


class MediaKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", _("Nyhetsbyrå")
    RADIO = "radio", _("Radio")
    TV = "tv", _("TV")
    DAILY = "daily", _("Dagspress")
    TRADE = "trade", _("Fackpress")
    SOCIAL = "social", _("Sociala medier")


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positiv")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negativ")
    MIXED = "mixed", _("Blandad")


class Spread(models.TextChoices):
    LOCAL = "local", _("lokal")
    REGIONAL = "regional", _("regional")
    NATIONAL = "national", _("nationell")


class MediaCoverage(models.Model):
    """One item of media coverage (inslag): where, when, how it leaned, who was quoted."""

    staff = models.ForeignKey(Staff, related_name="media_coverage", on_delete=models.CASCADE)
    date = models.DateField(_("datum"))
    outlet = models.CharField(_("medium"), max_length=200)
    kind = models.CharField(_("typ av medium"), max_length=20, choices=MediaKind.choices)
    spread = models.CharField(
        _("spridning"), max_length=20, choices=Spread.choices, default=Spread.REGIONAL
    )
    headline = models.CharField(_("rubrik"), max_length=300)
    url = models.URLField(_("länk"), max_length=500, blank=True)
    reach = models.PositiveIntegerField(_("räckvidd"), null=True, blank=True)
    tone = models.CharField(_("ton"), max_length=20, choices=Tone.choices, default=Tone.NEUTRAL)
    quoted = models.CharField(_("citerade"), max_length=300, blank=True)
    topic = models.CharField(_("ämne"), max_length=200)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("medieinslag")
        verbose_name_plural = _("mediebevakning")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.outlet}: {self.headline}"


# --- Questions and answers (FAQ) ------------------------------------------------------------


class FaqEntry(models.Model):
    """A question with an owner; what readers see is its newest published version."""

    staff = models.ForeignKey(Staff, related_name="faq_entries", on_delete=models.CASCADE)
    group = models.CharField(_("grupp"), max_length=200)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarig"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    last_reviewed_at = models.DateTimeField(_("senast granskad"), null=True, blank=True)
    # When the owner was last reminded by e-mail (`lagesbild faq-stale --skicka`).
    stale_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "position", "id"]
        verbose_name = _("fråga och svar")
        verbose_name_plural = _("frågor och svar")

    def __str__(self) -> str:
        current = self.current()
        return current.question if current else f"#{self.pk}"

    def current(self) -> "FaqVersion | None":
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()

    def is_stale(self, now: datetime, days: int) -> bool:
        reviewed = self.last_reviewed_at
        return reviewed is None or (now - reviewed).days >= days


class FaqVersion(models.Model):
    """One published wording; never changed, a change is a new version."""

    entry = models.ForeignKey(FaqEntry, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField()
    question = models.CharField(_("fråga"), max_length=400)
    answer = models.TextField(_("svar"))
    change_note = models.CharField(_("vad som ändrats"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("publicerad"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["entry", "number"]
        verbose_name = _("version av svar")
        verbose_name_plural = _("versioner av svar")
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="faq_entry_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.question} (v{self.number})"
