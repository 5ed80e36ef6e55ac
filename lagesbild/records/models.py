"""Requests for public documents (begäran om allmän handling), their documents and decisions."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.records import clock
from lagesbild.staff.models import Staff


def office_hours() -> clock.OfficeHours:
    return clock.OfficeHours.parse(
        settings.RECORDS_OFFICE_HOURS,
        warn_minutes=settings.RECORDS_WARN_MINUTES,
        tz=settings.TIME_ZONE,
        holiday_categories=tuple(settings.RECORDS_HOLIDAY_CATEGORIES),
    )


class Channel(models.TextChoices):
    EMAIL = "email", _("E-post")
    LETTER = "letter", _("Brev")
    PHONE = "phone", _("Telefon")
    IN_PERSON = "in_person", _("Besök")


class Outcome(models.TextChoices):
    RELEASED = "released", _("Lämnas ut")
    PARTLY = "partly", _("Lämnas ut delvis")
    REFUSED = "refused", _("Avslag")


class RequestQuerySet(models.QuerySet["RecordsRequest"]):
    def open(self) -> "RequestQuerySet":
        return self.filter(decided_at__isnull=True)

    def decided(self) -> "RequestQuerySet":
        return self.filter(decided_at__isnull=False)


class RecordsRequest(models.Model):
    """One request, from receipt to decision; decided requests are only supplemented."""

    staff = models.ForeignKey(Staff, related_name="records_requests", on_delete=models.PROTECT)
    number = models.CharField(_("diarienummer"), max_length=60, unique=True)
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    received_at = models.DateTimeField(_("inkom"))
    channel = models.CharField(_("hur"), max_length=20, choices=Channel.choices)
    # Personal data: shown only to handlers and removed after the retention period.
    requester_name = models.CharField(_("sökandens namn"), max_length=200, blank=True)
    requester_contact = models.CharField(
        _("sökandens kontaktuppgifter"), max_length=300, blank=True
    )
    requester_purged_at = models.DateTimeField(null=True, blank=True)
    description = models.TextField(_("vad som begärs"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handläggare"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    registered_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("beslut"), max_length=20, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    grounds = models.TextField(_("skäl"), blank=True)
    appeal_notice = models.TextField(_("överklagandehänvisning"), blank=True)
    decision_pdf = models.FileField(upload_to="records/decisions/", blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("begäran om allmän handling")
        verbose_name_plural = _("begäranden om allmän handling")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="records_year_sequence")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None

    def deadline(self) -> datetime:
        return clock.deadline(self.received_at, office_hours())

    def age_hours(self, now: datetime | None = None) -> float:
        """Working hours from receipt to decision, or to now while open."""
        end = self.decided_at or now or timezone.now()
        return clock.working_hours(self.received_at, end, office_hours())

    def clock_status(self, now: datetime | None = None) -> str:
        if self.decided_at:
            return clock.OVERDUE if self.decided_at > self.deadline() else clock.OK
        return clock.status(self.received_at, now or timezone.now(), office_hours())

    def state_label(self) -> str:
        if self.outcome:
            return str(self.get_outcome_display())
        if any(d.outcome for d in self.documents.all()):
            return str(_("Sekretessprövning pågår"))
        return str(_("Registrerad"))

    def decided_same_day(self) -> bool:
        return bool(self.decided_at and self.decided_at <= self.deadline())


class DocumentKind(models.TextChoices):
    EMAIL = "email", _("E-postväxling")
    MINUTES = "minutes", _("Protokoll/minnesanteckningar")
    CONTRACT = "contract", _("Avtal")
    LINKED = "linked", _("Handling i Lägesbild")
    OTHER = "other", _("Annan handling")


class Review(models.TextChoices):
    FULL = "full", _("Lämnas ut i sin helhet")
    REDACTED = "redacted", _("Lämnas ut med maskeringar")
    WITHHELD = "withheld", _("Lämnas inte ut")


class RequestedDocument(models.Model):
    """One document covered by a request, with its secrecy review (sekretessprövning)."""

    request = models.ForeignKey(RecordsRequest, related_name="documents", on_delete=models.CASCADE)
    title = models.CharField(_("handling"), max_length=300)
    kind = models.CharField(_("typ"), max_length=20, choices=DocumentKind.choices)
    original = models.FileField(_("original"), upload_to="records/originals/", blank=True)
    link_kind = models.CharField(_("länkad typ"), max_length=40, blank=True)
    link_id = models.PositiveBigIntegerField(_("länkad id"), null=True, blank=True)
    outcome = models.CharField(_("prövning"), max_length=20, choices=Review.choices, blank=True)
    legal_ground = models.CharField(_("lagrum (OSL)"), max_length=200, blank=True)
    released_file = models.FileField(
        _("utlämnad version"), upload_to="records/released/", blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("begärd handling")
        verbose_name_plural = _("begärda handlingar")

    def __str__(self) -> str:
        return self.title

    def linked(self) -> dict[str, Any] | None:
        """The linked object's kind label, title and page, or None."""
        from lagesbild.records.linking import REGISTRY

        kind = REGISTRY.get(self.link_kind)
        if kind is None or self.link_id is None:
            return None
        obj = kind.find(self.link_id)
        if obj is None:
            return None
        return {"label": kind.label, "title": str(obj), "url": kind.url_of(obj)}

    @property
    def is_released(self) -> bool:
        return self.outcome in (Review.FULL, Review.REDACTED)


class RequestNote(models.Model):
    """A supplement (komplettering): what happened after, written beside, never over."""

    request = models.ForeignKey(RecordsRequest, related_name="notes", on_delete=models.CASCADE)
    text = models.TextField(_("komplettering"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("komplettering")
        verbose_name_plural = _("kompletteringar")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.text[:60]}"
