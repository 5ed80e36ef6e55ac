from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.decisions.models.common import FollowUp
from lagesbild.staff.models import Staff


class AgreementKind(models.TextChoices):
    PAUSE = "pause", _("Pausöverenskommelse")
    MAIN = "main", _("Huvudavtal")
    AMENDMENT = "amendment", _("Tilläggsavtal")
    OTHER = "other", _("Annan överenskommelse")


class Agreement(models.Model):
    """An agreement with the vendor, with a term or until further notice, and its obligations."""

    staff = models.ForeignKey(Staff, related_name="agreements", on_delete=models.CASCADE)
    title = models.CharField(_("rubrik"), max_length=300)
    kind = models.CharField(
        _("typ"), max_length=20, choices=AgreementKind.choices, default=AgreementKind.OTHER
    )
    parties = models.CharField(_("parter"), max_length=300)
    signed_on = models.DateField(_("undertecknat"))
    ends_on = models.DateField(
        _("gäller till"), null=True, blank=True, help_text=_("Tomt: tills vidare.")
    )
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    document = models.FileField(_("avtalet"), upload_to="decisions/agreements/", blank=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:agreement_detail", args=[self.pk])

    def days_running(self, today: date | None = None) -> int:
        """How many days the agreement has run (to its end, if it has ended)."""
        today = today or timezone.localdate()
        end = min(self.ends_on, today) if self.ends_on else today
        return max((end - self.signed_on).days, 0)

    @property
    def until_further_notice(self) -> bool:
        return self.ends_on is None


class Obligation(FollowUp):
    """Who must do what by when under an agreement."""

    agreement = models.ForeignKey(Agreement, related_name="obligations", on_delete=models.CASCADE)
    party = models.CharField(_("part"), max_length=200)
    # The owner is often the vendor's role, in free text; this is the staff member on the
    # region's side who gets the reminder before the due date.
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("följs upp av"),
        help_text=_(
            "Den i staben som får påminnelsen före sista dagen. Tomt: stabschefen och "
            "beslutsfattarna."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(FollowUp.Meta):
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
