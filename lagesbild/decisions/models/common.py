from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")
    DROPPED = "dropped", _("Avbruten")


class FollowUp(models.Model):
    """Something someone must do by a date: a mitigation, a finding's action, an obligation."""

    description = models.TextField(_("vad ska göras"))
    owner = models.CharField(_("ansvarig"), max_length=200)
    due_date = models.DateField(_("klart senast"))
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )

    class Meta:
        abstract = True
        ordering = ["due_date", "id"]

    @property
    def is_open(self) -> bool:
        return self.status in (FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS)

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())
