"""Distribution lists, per-series settings, and the record of every e-mail delivery."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.reports.models import Report, Series
from lagesbild.staff.models import Staff


class DistributionList(models.Model):
    """A named list of recipients, e.g. "Politisk ledning"."""

    staff = models.ForeignKey(Staff, related_name="distribution_lists", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sändlista")
        verbose_name_plural = _("sändlistor")
        constraints = [
            models.UniqueConstraint(fields=["staff", "name"], name="distlist_staff_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Recipient(models.Model):
    """One person on one list; the same address on two lists still gets one message."""

    distribution_list = models.ForeignKey(
        DistributionList, related_name="recipients", on_delete=models.CASCADE
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-postadress"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("mottagare")
        verbose_name_plural = _("mottagare")
        constraints = [
            models.UniqueConstraint(
                fields=["distribution_list", "email"], name="recipient_list_email_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class SeriesDistribution(models.Model):
    """Where a series' reports go when they are published, and whether the PDF goes along."""

    series = models.OneToOneField(Series, related_name="distribution", on_delete=models.CASCADE)
    lists = models.ManyToManyField(DistributionList, verbose_name=_("sändlistor"), blank=True)
    attach_pdf = models.BooleanField(_("bifoga PDF"), default=False)

    class Meta:
        verbose_name = _("utskicksinställning")
        verbose_name_plural = _("utskicksinställningar")

    def __str__(self) -> str:
        return str(self.series)


class Dispatch(models.Model):
    """A request to send one report version to some lists; prepared into Delivery rows once."""

    report = models.ForeignKey(Report, related_name="dispatches", on_delete=models.CASCADE)
    lists = models.ManyToManyField(DistributionList, blank=True)
    attach_pdf = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    requested_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when every recipient has a Delivery row; a worker finishes unprepared ones.
    prepared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Utskick {self.pk} av {self.report}"


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Köad")
    # Reserved by a worker's batch but not yet handed to the mail server: safe to requeue.
    CLAIMED = "claimed", _("Reserverad")
    # Handed to the mail server; if the worker dies now nobody knows whether it arrived.
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickad")
    FAILED = "failed", _("Misslyckad")
    UNCERTAIN = "uncertain", _("Osäker")


class Delivery(models.Model):
    """One message of one report version to one address: the unit that is sent exactly once."""

    report = models.ForeignKey(Report, related_name="deliveries", on_delete=models.CASCADE)
    dispatch = models.ForeignKey(
        Dispatch, related_name="deliveries", null=True, on_delete=models.SET_NULL
    )
    address = models.CharField(_("adress"), max_length=254)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    attach_pdf = models.BooleanField(default=False)
    state = models.CharField(
        _("status"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("försök"), default=0)
    # Attempts made before the last manual resend; back-off counts from here.
    retry_base = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    smtp_code = models.PositiveSmallIntegerField(_("SMTP-kod"), null=True, blank=True)
    smtp_response = models.TextField(_("svar från e-postservern"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["address"]
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")
        constraints = [
            models.UniqueConstraint(fields=["report", "address"], name="delivery_report_address")
        ]
        indexes = [
            models.Index(fields=["state", "due_at"], name="delivery_state_due"),
            models.Index(fields=["report", "state"], name="delivery_report_state"),
        ]

    def __str__(self) -> str:
        return f"{self.address} ({self.get_state_display()})"


class SenderProcess(models.Model):
    """A process that sends mail; its heartbeat tells a restarted worker who is still alive."""

    name = models.CharField(max_length=100, unique=True)
    hostname = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    # A `lagesbild worker` (beats every few seconds from its own thread), not a one-off sender.
    is_worker = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.name
