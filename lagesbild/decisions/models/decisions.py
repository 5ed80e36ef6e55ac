from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff


class DecisionRelation(models.TextChoices):
    NEW = "", _("Nytt beslut")
    AMENDS = "amends", _("Ändrar")
    REVOKES = "revokes", _("Upphäver")


class Decision(models.Model):
    """A recorded decision. Never edited: a later decision amends or revokes it, linked."""

    staff = models.ForeignKey(Staff, related_name="decisions", on_delete=models.PROTECT)
    title = models.CharField(_("rubrik"), max_length=300)
    decision_text = models.TextField(_("beslut"))
    reasons = models.TextField(_("skäl"))
    decided_on = models.DateField(_("beslutsdatum"))
    decision_makers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutsfattare i staben"),
        blank=True,
        related_name="decisions_made",
    )
    decided_by_body = models.CharField(
        _("beslutande organ"), max_length=200, blank=True, help_text=_("T.ex. regionstyrelsen.")
    )
    mandate = models.CharField(_("mandat"), max_length=300, blank=True)
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    what_follows = models.TextField(_("vad som följer"), blank=True)
    relation = models.CharField(
        _("förhållande till tidigare beslut"),
        max_length=10,
        choices=DecisionRelation.choices,
        default=DecisionRelation.NEW,
        blank=True,
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("tidigare beslut"),
        null=True,
        blank=True,
        related_name="later",
        on_delete=models.PROTECT,
    )
    options = models.ManyToManyField(
        "decisions.Option", verbose_name=_("vägval"), blank=True, related_name="decisions"
    )
    risks = models.ManyToManyField(
        "decisions.Risk", verbose_name=_("risker"), blank=True, related_name="decisions"
    )
    findings = models.ManyToManyField(
        "decisions.Finding", verbose_name=_("iakttagelser"), blank=True, related_name="decisions"
    )
    agreements = models.ManyToManyField(
        "decisions.Agreement", verbose_name=_("avtal"), blank=True, related_name="decisions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerat av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="decisions_recorded",
    )
    recorded_at = models.DateTimeField(_("registrerat"), default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision_detail", args=[self.pk])

    def superseded_by(self) -> "Decision | None":
        """The latest decision that amends or revokes this one, if any."""
        return self.later.order_by("-decided_on", "-id").first()
