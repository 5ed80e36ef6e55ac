from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lagesbild.reports.models import Report


class BasisScope(models.Model):
    """What one decision basis report covers: a chosen subset of the staff's options, and
    optionally of its risks and findings. No risk or finding chosen means all of them. Fixed
    once the report is approved; publishing freezes the sections it shaped."""

    report = models.OneToOneField(
        Report, verbose_name=_("rapport"), related_name="basis_scope", on_delete=models.CASCADE
    )
    options = models.ManyToManyField(
        "decisions.Option", verbose_name=_("vägval"), related_name="basis_scopes"
    )
    risks = models.ManyToManyField(
        "decisions.Risk", verbose_name=_("risker"), blank=True, related_name="basis_scopes"
    )
    findings = models.ManyToManyField(
        "decisions.Finding",
        verbose_name=_("iakttagelser"),
        blank=True,
        related_name="basis_scopes",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("underlagets omfattning")
        verbose_name_plural = _("underlagens omfattning")

    def __str__(self) -> str:
        return str(self.report)
