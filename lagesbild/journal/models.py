"""The staff's own work: an append-only journal, its questions and tasks, and its meetings."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff


class Category(models.TextChoices):
    INFO_IN = "info_in", _("Information in")
    INFO_OUT = "info_out", _("Information ut")
    DECISION = "decision", _("Beslut")
    ACTION = "action", _("Åtgärd")
    MEETING = "meeting", _("Möte")
    OTHER = "other", _("Övrigt")


class JournalEntry(models.Model):
    """One entry in the staff journal. Never edited or deleted: a correction is a new entry."""

    staff = models.ForeignKey(Staff, related_name="journal_entries", on_delete=models.PROTECT)
    number = models.PositiveIntegerField(_("nummer"))
    event_at = models.DateTimeField(_("händelsens tid"), db_index=True)
    entered_at = models.DateTimeField(_("införd"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # The name and staff role as they were when the entry was written.
    author_label = models.CharField(_("av"), max_length=200)
    author_role = models.CharField(_("roll"), max_length=100, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    text = models.TextField(_("text"))
    key_event = models.BooleanField(_("nyckelhändelse"), default=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("rättar"),
        null=True,
        blank=True,
        related_name="corrections",
        on_delete=models.PROTECT,
    )

    class Meta:
        ordering = ["-event_at", "-number"]
        verbose_name = _("journalanteckning")
        verbose_name_plural = _("stabsjournal")
        constraints = [
            models.UniqueConstraint(fields=["staff", "number"], name="unique_journal_number")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("journal:entry", args=[self.pk])

    @property
    def code(self) -> str:
        return f"J{self.number}"


class JournalLink(models.Model):
    """What an entry is about: a report, a decision, a risk, a records request…"""

    entry = models.ForeignKey(JournalEntry, related_name="links", on_delete=models.CASCADE)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The linked thing's name when the link was made, so the journal reads the same later.
    label = models.CharField(_("text"), max_length=300)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.label


class JournalAttachment(models.Model):
    entry = models.ForeignKey(JournalEntry, related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(_("fil"), upload_to="journal/")
    name = models.CharField(_("filnamn"), max_length=255)

    def __str__(self) -> str:
        return self.name


class Horizon(models.TextChoices):
    SHORT = "short", _("Kortsiktig")
    LONG = "long", _("Långsiktig")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    IN_PROGRESS = "in_progress", _("Pågår")
    WAITING = "waiting", _("Väntar")
    DONE = "done", _("Klar")
    DROPPED = "dropped", _("Avförd")


OPEN_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.WAITING)


class Priority(models.IntegerChoices):
    HIGH = 1, _("Hög")
    NORMAL = 2, _("Normal")
    LOW = 3, _("Låg")


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> "TaskQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def due_by(self, day: date) -> "TaskQuerySet":
        return self.open().filter(due_date__lte=day)


class Task(models.Model):
    """A question the staff works on (short- or long-term), owned by one member."""

    staff = models.ForeignKey(Staff, related_name="tasks", on_delete=models.CASCADE)
    title = models.CharField(_("fråga"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    horizon = models.CharField(
        _("horisont"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarig"),
        null=True,
        blank=True,
        related_name="staff_tasks",
        on_delete=models.SET_NULL,
    )
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("prioritet"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    drop_reason = models.TextField(_("skäl att avföra"), blank=True)
    decisions = models.ManyToManyField(
        "decisions.Decision", verbose_name=_("beslut"), blank=True, related_name="tasks"
    )
    risks = models.ManyToManyField(
        "decisions.Risk", verbose_name=_("risker"), blank=True, related_name="tasks"
    )
    findings = models.ManyToManyField(
        "decisions.Finding", verbose_name=_("iakttagelser"), blank=True, related_name="tasks"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # The due date a reminder was last sent for: a second run the same day sends nothing.
    reminded_for = models.DateField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "due_date", "id"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journal:task", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        return bool(
            self.is_open and self.due_date and self.due_date < (today or timezone.localdate())
        )


class TaskNote(models.Model):
    """The task's short progress log; status changes are noted here too."""

    task = models.ForeignKey(Task, related_name="notes", on_delete=models.CASCADE)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    text = models.TextField(_("anteckning"))

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Meeting(models.Model):
    """A staff meeting: its agenda is built from what happened since the last one."""

    staff = models.ForeignKey(Staff, related_name="meetings", on_delete=models.CASCADE)
    held_at = models.DateTimeField(_("tid"))
    title = models.CharField(_("rubrik"), max_length=200)
    minutes = models.TextField(_("protokoll"), blank=True)
    closed_at = models.DateTimeField(_("protokollet fastställt"), null=True, blank=True)
    journal_entry = models.OneToOneField(
        JournalEntry, null=True, blank=True, related_name="meeting", on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("stabsmöte")
        verbose_name_plural = _("stabsmöten")

    def __str__(self) -> str:
        return f"{self.title} {self.held_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("journal:meeting", args=[self.pk])
