from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.decisions import scales
from lagesbild.decisions.models.common import FollowUp
from lagesbild.staff.models import Staff

# MSB's protected values, as the default consequence areas of a new staff's register.
DEFAULT_AREAS = [
    _("Patientsäkerhet"),
    _("Personal och arbetsmiljö"),
    _("Verksamhet och tillgänglighet"),
    _("Ekonomi"),
    _("Förtroende och anseende"),
    _("Juridik"),
]


class ConsequenceArea(models.Model):
    staff = models.ForeignKey(Staff, related_name="consequence_areas", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=100)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("konsekvensområde")
        verbose_name_plural = _("konsekvensområden")
        constraints = [
            models.UniqueConstraint(fields=["staff", "name"], name="unique_area_per_staff")
        ]

    def __str__(self) -> str:
        return self.name


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Aktiv")
    MONITORED = "monitored", _("Bevakas")
    OCCURRED = "occurred", _("Inträffad")
    CLOSED = "closed", _("Avslutad")


class RiskQuerySet(models.QuerySet["Risk"]):
    def active(self) -> "RiskQuerySet":
        return self.exclude(status=RiskStatus.CLOSED)

    def review_overdue(self, today: date | None = None) -> "RiskQuerySet":
        return self.active().filter(next_review__lt=today or timezone.localdate())


class Risk(models.Model):
    """What could happen, why, and how likely and grave it is; its assessments keep a history."""

    staff = models.ForeignKey(Staff, related_name="risks", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("risk (vad kan hända)"), max_length=300)
    cause = models.TextField(_("orsak"), blank=True)
    consequence_text = models.TextField(_("konsekvens"), blank=True)
    areas = models.ManyToManyField(
        ConsequenceArea, verbose_name=_("konsekvensområden"), blank=True, related_name="risks"
    )
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet"))
    consequence = models.PositiveSmallIntegerField(_("konsekvens (grad)"))
    owner = models.CharField(_("riskägare"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    next_review = models.DateField(_("nästa översyn"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    lessons = models.ManyToManyField(
        "lessons.Lesson",
        verbose_name=_("lärdomar"),
        blank=True,
        related_name="cited_by_risks",
    )

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        constraints = [
            models.UniqueConstraint(fields=["staff", "number"], name="unique_risk_number")
        ]

    def __str__(self) -> str:
        return f"R{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:risk_detail", args=[self.pk])

    @property
    def code(self) -> str:
        return f"R{self.number}"

    @property
    def level(self) -> str:
        return scales.level(self.likelihood, self.consequence)

    @property
    def level_label(self) -> str:
        return scales.level_label(self.level)

    @property
    def score(self) -> int:
        return self.likelihood * self.consequence


class RiskOptionAssessment(models.Model):
    """The same risk judged under one way forward: low if we resume, high if we change vendor."""

    risk = models.ForeignKey(Risk, related_name="option_assessments", on_delete=models.CASCADE)
    option = models.ForeignKey(
        "decisions.Option", related_name="risk_assessments", on_delete=models.CASCADE
    )
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet"))
    consequence = models.PositiveSmallIntegerField(_("konsekvens (grad)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["risk", "option"], name="unique_risk_option")
        ]

    def __str__(self) -> str:
        return f"{self.risk.code} / {self.option}"

    @property
    def level(self) -> str:
        return scales.level(self.likelihood, self.consequence)

    @property
    def level_label(self) -> str:
        return scales.level_label(self.level)


class RiskAssessment(models.Model):
    """One change of an assessment: who, when, from → to, why. Never edited."""

    risk = models.ForeignKey(Risk, related_name="assessments", on_delete=models.CASCADE)
    option = models.ForeignKey(
        "decisions.Option",
        verbose_name=_("vägval"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    at = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    from_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    from_consequence = models.PositiveSmallIntegerField(null=True, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet"))
    consequence = models.PositiveSmallIntegerField(_("konsekvens (grad)"))
    reason = models.TextField(_("motivering"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("riskbedömning")
        verbose_name_plural = _("riskbedömningar")

    def __str__(self) -> str:
        return f"{self.risk.code} {self.at:%Y-%m-%d}: {self.likelihood}×{self.consequence}"


class Mitigation(FollowUp):
    risk = models.ForeignKey(Risk, related_name="mitigations", on_delete=models.CASCADE)

    class Meta(FollowUp.Meta):
        verbose_name = _("åtgärd mot risken")
        verbose_name_plural = _("åtgärder mot risken")
