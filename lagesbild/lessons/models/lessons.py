"""A lesson and its recorded life."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff


class Area(models.TextChoices):
    TRAINING = "training", _("Utbildning")
    TECHNICAL = "technical", _("Teknisk beredskap")
    GOVERNANCE = "governance", _("Styrning")
    VENDOR = "vendor", _("Leverantör")
    COMMUNICATION = "communication", _("Kommunikation")
    PATIENT_SAFETY = "patient_safety", _("Patientsäkerhet")
    WORK_ENVIRONMENT = "work_environment", _("Arbetsmiljö")
    OTHER = "other", _("Övrigt")


class LessonState(models.TextChoices):
    OBSERVATION = "observation", _("Observation")
    IDENTIFIED = "identified", _("Identifierad lärdom")
    ACTION = "action", _("Åtgärd")
    LEARNED = "learned", _("Lärdom dragen")
    REJECTED = "rejected", _("Avfärdad")
    MERGED = "merged", _("Sammanslagen")


OPEN_STATES = (LessonState.OBSERVATION, LessonState.IDENTIFIED, LessonState.ACTION)


class LessonQuerySet(models.QuerySet["Lesson"]):
    def open(self) -> LessonQuerySet:
        return self.filter(state__in=OPEN_STATES)

    def published(self) -> LessonQuerySet:
        return self.filter(is_published=True)


class Lesson(models.Model):
    """What happened, the insight for a reader, its area and where it is in its life."""

    staff = models.ForeignKey(Staff, related_name="lessons", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("rubrik"), max_length=300)
    observation = models.TextField(_("vad hände (observation)"), blank=True)
    statement = models.TextField(_("lärdomen (Markdown)"), blank=True)
    area = models.CharField(_("område"), max_length=20, choices=Area.choices, default=Area.OTHER)
    state = models.CharField(
        _("läge"), max_length=20, choices=LessonState.choices, default=LessonState.OBSERVATION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sammanslagen med"),
        related_name="merged_from",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # Why it was rejected or merged, or why it stands without evidence.
    reason = models.TextField(_("motivering"), blank=True)
    is_published = models.BooleanField(_("publicerad"), default=False)
    # Optimistic locking, like themes' Code: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("lärdom")
        verbose_name_plural = _("lärdomar")
        constraints = [
            models.UniqueConstraint(fields=["staff", "number"], name="lessons_number_per_staff")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("lessons:detail", kwargs={"pk": self.pk})

    @property
    def code(self) -> str:
        return f"L-{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class LessonMove(models.Model):
    """One step in a lesson's life: from which state to which, by whom, when and why."""

    lesson = models.ForeignKey(Lesson, related_name="moves", on_delete=models.CASCADE)
    from_state = models.CharField(_("från"), max_length=20, choices=LessonState.choices, blank=True)
    to_state = models.CharField(_("till"), max_length=20, choices=LessonState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("när"), default=timezone.now)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("steg")
        verbose_name_plural = _("steg")

    def __str__(self) -> str:
        return f"{self.lesson.code}: {self.from_state} → {self.to_state}"
