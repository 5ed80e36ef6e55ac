from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lagesbild.decisions.models.common import FollowUp
from lagesbild.staff.models import Staff


class Review(models.Model):
    """An external review (extern granskning): who audited what, for whom, and when."""

    staff = models.ForeignKey(Staff, related_name="reviews", on_delete=models.CASCADE)
    title = models.CharField(_("rubrik"), max_length=300)
    reviewer = models.CharField(_("granskare"), max_length=200)
    commissioned_by = models.CharField(_("beställare"), max_length=200, blank=True)
    started_on = models.DateField(_("påbörjad"), null=True, blank=True)
    delivered_on = models.DateField(_("levererad"), null=True, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    document = models.FileField(_("rapporten"), upload_to="decisions/reviews/", blank=True)

    class Meta:
        ordering = ["-delivered_on", "-id"]
        verbose_name = _("extern granskning")
        verbose_name_plural = _("externa granskningar")

    def __str__(self) -> str:
        return self.title


class Severity(models.TextChoices):
    LOW = "low", _("Låg")
    MEDIUM = "medium", _("Medel")
    HIGH = "high", _("Hög")
    CRITICAL = "critical", _("Kritisk")


class FindingResponse(models.TextChoices):
    PENDING = "", _("Inte besvarad")
    AGREE = "agree", _("Instämmer")
    PARTLY = "partly", _("Instämmer delvis")
    DISAGREE = "disagree", _("Instämmer inte")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Åtgärdad")
    NOT_PURSUED = "not_pursued", _("Genomförs inte")


class Finding(models.Model):
    """One finding or recommendation of a review, with the staff's response and its actions."""

    review = models.ForeignKey(Review, related_name="findings", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("nummer"))
    is_recommendation = models.BooleanField(_("rekommendation"), default=False)
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("iakttagelse"), blank=True)
    severity = models.CharField(
        _("allvarlighet"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    response = models.CharField(
        _("stabens svar"),
        max_length=10,
        choices=FindingResponse.choices,
        default=FindingResponse.PENDING,
        blank=True,
    )
    response_reason = models.TextField(_("motivering till svaret"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    lessons = models.ManyToManyField(
        "lessons.Lesson",
        verbose_name=_("lärdomar"),
        blank=True,
        related_name="cited_by_findings",
    )

    class Meta:
        ordering = ["review", "number"]
        verbose_name = _("iakttagelse")
        verbose_name_plural = _("iakttagelser")
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="unique_finding_number")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:finding_detail", args=[self.pk])

    @property
    def code(self) -> str:
        return f"G{self.number}"

    @property
    def staff(self) -> Staff:
        return self.review.staff


class FindingAction(FollowUp):
    finding = models.ForeignKey(Finding, related_name="actions", on_delete=models.CASCADE)

    class Meta(FollowUp.Meta):
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
