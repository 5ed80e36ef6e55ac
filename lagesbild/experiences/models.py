"""The experience collection: every channel's input is a Source with redacted plain text."""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff

DEFAULT_CATEGORIES = [
    "Utförarförvaltning",
    "Koncernkontoret",
    "Programmet",
    "Privat vårdgivare",
    "Kommun",
    "Annan",
]


def random_id() -> int:
    """A random primary key below 2**53 (exact in JavaScript numbers too).

    Sources and respondents take random ids, not a sequence: web answers share the table with
    staff-registered sources that carry a registration time, and sequential ids would place an
    anonymous answer between two timestamped neighbours. Random ids order nothing.
    """
    return secrets.randbelow(2**53 - 1) + 1


class Collection(models.Model):
    """An experience collection (erfarenhetsinsamling) run by one staff."""

    staff = models.ForeignKey(Staff, related_name="collections", on_delete=models.CASCADE)
    title = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), unique=True)
    purpose = models.TextField(_("syfte"), blank=True)
    period_start = models.DateField(_("period från"), null=True, blank=True)
    period_end = models.DateField(_("period till"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("erfarenhetsinsamling")
        verbose_name_plural = _("erfarenhetsinsamlingar")

    def __str__(self) -> str:
        return self.title


class ParticipantCategory(models.Model):
    collection = models.ForeignKey(Collection, related_name="categories", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=100)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("deltagarkategori")
        verbose_name_plural = _("deltagarkategorier")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "name"], name="experiences_category_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    MEETING = "meeting", _("Dialogmöte")
    WEB = "web", _("Webbfråga")
    SURVEY = "survey", _("Enkät (import)")
    LETTER = "letter", _("Skrivelse")
    INTERVIEW = "interview", _("Djupintervju")


class WebQuestion(models.Model):
    """An open web question that employees answer anonymously, without an account."""

    collection = models.ForeignKey(
        Collection, related_name="web_questions", on_delete=models.CASCADE
    )
    slug = models.SlugField(_("kortnamn i adressen"), unique=True)
    title = models.CharField(_("rubrik"), max_length=200)
    introduction = models.TextField(_("inledning"), blank=True)
    consent_text = models.TextField(_("samtyckestext"), blank=True)
    ask_category = models.BooleanField(_("fråga efter deltagarkategori"), default=True)
    opens_on = models.DateField(_("öppnar"), null=True, blank=True)
    closes_on = models.DateField(_("stänger"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("högsta antal tecken per svar"), default=5000)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("webbfråga")
        verbose_name_plural = _("webbfrågor")

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.opens_on is None or self.opens_on <= day) and (
            self.closes_on is None or day <= self.closes_on
        )


class Prompt(models.Model):
    """One question asked: an item of a web question, or an answer column of an import."""

    collection = models.ForeignKey(Collection, related_name="prompts", on_delete=models.CASCADE)
    web_question = models.ForeignKey(
        WebQuestion, related_name="prompts", null=True, blank=True, on_delete=models.CASCADE
    )
    text = models.TextField(_("fråga"))
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.text


class Respondent(models.Model):
    """Ties the answers of one person (one form submission or one export row) together."""

    # Random, not sequential: see random_id().
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)
    collection = models.ForeignKey(Collection, related_name="respondents", on_delete=models.CASCADE)
    attributes = models.JSONField(_("övriga uppgifter"), default=dict, blank=True)

    class Meta:
        verbose_name = _("svarande")
        verbose_name_plural = _("svarande")

    def __str__(self) -> str:
        return f"#{self.pk}"


class ImportBatch(models.Model):
    """An uploaded survey export, kept between mapping, preview and import."""

    collection = models.ForeignKey(Collection, related_name="imports", on_delete=models.CASCADE)
    file = models.FileField(_("fil"), upload_to="experiences/imports/%Y/%m/")
    file_name = models.CharField(_("filnamn"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)
    imported_at = models.DateTimeField(_("importerad"), null=True, blank=True)
    mapping = models.JSONField(_("kolumnval"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("antal källor"), default=0)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return self.file_name


class SourceQuerySet(models.QuerySet["Source"]):
    def duplicated(self) -> SourceQuerySet:
        """Sources whose normalised text occurs more than once in the same collection."""
        hashes = (
            self.exclude(text_hash="")
            .values("collection_id", "text_hash")
            .annotate(n=models.Count("id"))
            .filter(n__gt=1)
            .values("text_hash")
        )
        return self.filter(text_hash__in=hashes)


class Source(models.Model):
    """One piece of input from any channel. `text` is what analysts see and code into."""

    # Random, not sequential: see random_id(). Ordering by id within a day is thus random too.
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)
    collection = models.ForeignKey(Collection, related_name="sources", on_delete=models.CASCADE)
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    # The date only: web answers must carry no exact time that could tie them to a person.
    date = models.DateField(_("datum"), null=True, blank=True, db_index=True)
    category = models.ForeignKey(
        ParticipantCategory,
        verbose_name=_("deltagarkategori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    title = models.CharField(_("rubrik"), max_length=300, blank=True)
    text = models.TextField(_("text (maskerad)"), blank=True)
    original_text = models.TextField(_("originaltext"), blank=True)
    text_hash = models.CharField(
        _("textens kontrollsumma"), max_length=64, blank=True, db_index=True
    )
    needs_manual_text = models.BooleanField(_("behöver text skrivas in"), default=False)
    file = models.FileField(_("originalfil"), upload_to="experiences/sources/%Y/%m/", blank=True)
    file_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    respondent = models.ForeignKey(
        Respondent, related_name="sources", null=True, blank=True, on_delete=models.CASCADE
    )
    prompt = models.ForeignKey(
        Prompt, related_name="sources", null=True, blank=True, on_delete=models.SET_NULL
    )
    import_batch = models.ForeignKey(
        ImportBatch, related_name="sources", null=True, blank=True, on_delete=models.SET_NULL
    )
    attributes = models.JSONField(_("övriga uppgifter"), default=dict, blank=True)
    # Dialogue meetings and interviews.
    place = models.CharField(_("plats"), max_length=200, blank=True)
    online = models.BooleanField(_("digitalt"), default=False)
    organiser = models.CharField(_("arrangör/intervjuare"), max_length=200, blank=True)
    # Letters.
    sender = models.CharField(_("avsändare"), max_length=300, blank=True)
    addressee = models.CharField(_("mottagare"), max_length=300, blank=True)
    registration_number = models.CharField(_("diarienummer"), max_length=100, blank=True)
    # Interviews: a role, never a name.
    interviewee_role = models.CharField(_("den intervjuades roll"), max_length=200, blank=True)
    # Staff-registered sources only; web answers leave both empty.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registrerad"), null=True, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("källa")
        verbose_name_plural = _("källor")
        indexes = [models.Index(fields=["collection", "channel"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_channel_display()} {self.date or ''}".strip()

    def excerpt(self, length: int = 160) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class Attendance(models.Model):
    """How many from one category took part in a dialogue meeting."""

    source = models.ForeignKey(Source, related_name="attendance", on_delete=models.CASCADE)
    category = models.ForeignKey(ParticipantCategory, on_delete=models.CASCADE)
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        ordering = ["category__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "category"], name="experiences_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.count}"


class Redaction(models.Model):
    """A phrase an analyst marked as personal data (a name, say); redacted wherever it occurs."""

    source = models.ForeignKey(Source, related_name="redactions", on_delete=models.CASCADE)
    phrase = models.CharField(_("fras"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("markerad"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("maskering")
        verbose_name_plural = _("maskeringar")

    def __str__(self) -> str:
        return str(self.source)
