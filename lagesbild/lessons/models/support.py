"""What a lesson rests on (evidence) and what should change (actions)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.lessons.models.lessons import Lesson
from lagesbild.themes.models import Code, Coding


class LessonEvidence(models.Model):
    """A code, a chosen passage (coding) or a person's note; exactly one of the three."""

    lesson = models.ForeignKey(Lesson, related_name="evidence", on_delete=models.CASCADE)
    code = models.ForeignKey(
        Code,
        verbose_name=_("kod"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lesson_evidence",
    )
    coding = models.ForeignKey(
        Coding,
        verbose_name=_("citat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lesson_evidence",
    )
    note = models.TextField(_("anteckning"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("tillagd"), default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("belägg")
        verbose_name_plural = _("belägg")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(code__isnull=False, coding__isnull=True, note="")
                    | models.Q(code__isnull=True, coding__isnull=False, note="")
                    | (models.Q(code__isnull=True, coding__isnull=True) & ~models.Q(note=""))
                ),
                name="lessons_evidence_exactly_one",
            ),
            models.UniqueConstraint(
                fields=["lesson", "code"],
                condition=models.Q(code__isnull=False),
                name="lessons_evidence_code_once",
            ),
            models.UniqueConstraint(
                fields=["lesson", "coding"],
                condition=models.Q(coding__isnull=False),
                name="lessons_evidence_coding_once",
            ),
        ]

    def __str__(self) -> str:
        if self.code_id:
            return str(self.code)
        if self.coding_id:
            return str(self.coding)
        return self.note[:60]

    @property
    def kind(self) -> str:
        return "code" if self.code_id else "coding" if self.coding_id else "note"


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Föreslagen")
    PLANNED = "planned", _("Planerad")
    DONE = "done", _("Genomförd")
    VERIFIED = "verified", _("Kontrollerad")
    DROPPED = "dropped", _("Struken")


class LessonActionQuerySet(models.QuerySet["LessonAction"]):
    def open(self) -> LessonActionQuerySet:
        return self.filter(status__in=(ActionStatus.PROPOSED, ActionStatus.PLANNED))

    def overdue(self, today: date | None = None) -> LessonActionQuerySet:
        return self.open().filter(due__lt=today or timezone.localdate())


class LessonAction(models.Model):
    """What should change, who owns it (a person or an organisation) and by when."""

    lesson = models.ForeignKey(Lesson, related_name="actions", on_delete=models.CASCADE)
    text = models.TextField(_("åtgärd"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarig person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lesson_actions",
    )
    owner_org = models.CharField(_("ansvarig organisation"), max_length=300, blank=True)
    due = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontrollerad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("kontrollerad"), null=True, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    objects = LessonActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def owner_label(self) -> str:
        parts = [self.owner_user.display_name() if self.owner_user else "", self.owner_org]
        return ", ".join(p for p in parts if p)

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.PROPOSED, ActionStatus.PLANNED)

    def is_overdue(self, today: date | None = None) -> bool:
        return bool(self.is_open and self.due and self.due < (today or timezone.localdate()))
