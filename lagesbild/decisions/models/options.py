from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff


class Option(models.Model):
    """A way forward (vägval), described in prose."""

    staff = models.ForeignKey(Staff, related_name="options", on_delete=models.CASCADE)
    short_name = models.CharField(_("kortnamn"), max_length=60)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("vägval")
        verbose_name_plural = _("vägval")

    def __str__(self) -> str:
        return self.short_name


class Criterion(models.Model):
    """What the options are compared on, with its weight in the comparison."""

    staff = models.ForeignKey(Staff, related_name="criteria", on_delete=models.CASCADE)
    name = models.CharField(_("kriterium"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    weight = models.DecimalField(
        _("vikt"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")

    def __str__(self) -> str:
        return self.name


def score_max() -> int:
    return int(settings.OPTION_SCORE_MAX)


class Score(models.Model):
    """How well one option meets one criterion, why, and what that rests on."""

    option = models.ForeignKey(Option, related_name="scores", on_delete=models.CASCADE)
    criterion = models.ForeignKey(Criterion, related_name="scores", on_delete=models.CASCADE)
    value = models.PositiveSmallIntegerField(_("poäng"))
    justification = models.TextField(_("motivering"))
    risks = models.ManyToManyField(
        "decisions.Risk", verbose_name=_("risker"), blank=True, related_name="scores"
    )
    findings = models.ManyToManyField(
        "decisions.Finding",
        verbose_name=_("iakttagelser"),
        blank=True,
        related_name="scores",
    )
    lessons = models.ManyToManyField(
        "lessons.Lesson",
        verbose_name=_("lärdomar"),
        blank=True,
        related_name="cited_by_scores",
    )

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [models.UniqueConstraint(fields=["option", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.option} / {self.criterion}: {self.value}"
