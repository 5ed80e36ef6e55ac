"""The analysis model: codebook, codes in a tree, codings into redacted text, memos, theme runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.experiences.models import Collection, Prompt, Source


class Codebook(models.Model):
    """One codebook per experience collection; the staff is the collection's."""

    collection = models.OneToOneField(Collection, related_name="codebook", on_delete=models.CASCADE)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    # Bumped in the same transaction as every change the cached counts depend on
    # (services.counts): a cached count is used only while its version is this one.
    counts_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("kodbok")
        verbose_name_plural = _("kodböcker")

    def __str__(self) -> str:
        return str(self.collection)

    @property
    def staff(self):  # type: ignore[no-untyped-def]
        return self.collection.staff


class CodeQuerySet(models.QuerySet["Code"]):
    def active(self) -> CodeQuerySet:
        return self.filter(retired_at__isnull=True)


class Code(models.Model):
    """A code or theme; retired and merged codes stay for history, their codings moved or kept."""

    codebook = models.ForeignKey(Codebook, related_name="codes", on_delete=models.CASCADE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad kod"),
        related_name="children",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning (när koden används)"), blank=True)
    colour = models.CharField(_("färg"), max_length=7, default="#1d5fa8")
    is_theme = models.BooleanField(_("tema"), default=False)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    retired_at = models.DateTimeField(_("avvecklad"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sammanslagen med"),
        related_name="merged_from",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # Optimistic locking: an edit names the version it started from and is refused if stale.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("kod")
        verbose_name_plural = _("koder")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.retired_at is None


class Origin(models.TextChoices):
    PERSON = "person", _("Person")
    ENGINE = "engine", _("Maskinförslag")


class CodingQuerySet(models.QuerySet["Coding"]):
    def confirmed(self) -> CodingQuerySet:
        """Codings a person made or reviewed; engine proposals alone never count as confirmed."""
        return self.filter(models.Q(origin=Origin.PERSON) | models.Q(reviewed_at__isnull=False))


class Coding(models.Model):
    """A code applied to [start, end) of a source's redacted text, in Unicode code points."""

    source = models.ForeignKey(Source, related_name="codings", on_delete=models.CASCADE)
    code = models.ForeignKey(Code, related_name="codings", on_delete=models.CASCADE)
    start = models.PositiveIntegerField(_("början"))
    end = models.PositiveIntegerField(_("slut"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kodare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origin = models.CharField(
        _("ursprung"), max_length=10, choices=Origin.choices, default=Origin.PERSON
    )
    run = models.ForeignKey(
        "ThemeRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="codings"
    )
    created_at = models.DateTimeField(_("kodad"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    # Set when the source's text changed under the coding and the words moved or changed.
    anchor_changed = models.BooleanField(_("texten har ändrats"), default=False)
    # Blind double coding for agreement: codings of a sample are hidden from the other coder.
    # No plain index: nearly every coding has no sample, and SQLite would then pick that index
    # for "sample IS NULL" and scan everything; a partial index serves the sample pages instead.
    sample = models.ForeignKey(
        "AgreementSample",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="codings",
        db_index=False,
    )

    objects = CodingQuerySet.as_manager()

    class Meta:
        ordering = ["source_id", "start", "end", "id"]
        verbose_name = _("kodning")
        verbose_name_plural = _("kodningar")
        indexes = [
            models.Index(fields=["code", "source"]),
            models.Index(fields=["source", "code"]),
            models.Index(
                fields=["sample", "coder"],
                name="themes_coding_sample_idx",
                condition=models.Q(sample__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="themes_coding_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} [{self.start}:{self.end}]"

    @property
    def is_confirmed(self) -> bool:
        return self.origin == Origin.PERSON or self.reviewed_at is not None

    def passage(self) -> str:
        return self.source.text[self.start : self.end]


class Memo(models.Model):
    """A note on the project (codebook), a code, a source or a coding."""

    codebook = models.ForeignKey(Codebook, related_name="memos", on_delete=models.CASCADE)
    code = models.ForeignKey(
        Code, related_name="memos", null=True, blank=True, on_delete=models.CASCADE
    )
    source = models.ForeignKey(
        Source, related_name="memos", null=True, blank=True, on_delete=models.CASCADE
    )
    coding = models.ForeignKey(
        Coding, related_name="memos", null=True, blank=True, on_delete=models.CASCADE
    )
    text = models.TextField(_("anteckning"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skriven av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skriven"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("memo")
        verbose_name_plural = _("memon")

    def __str__(self) -> str:
        return self.text[:60]


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Väntar")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


class ThemeRun(models.Model):
    """One theme discovery over a selection of sources, run in the background."""

    codebook = models.ForeignKey(Codebook, related_name="runs", on_delete=models.CASCADE)
    prompt = models.ForeignKey(
        Prompt, verbose_name=_("fråga"), null=True, blank=True, on_delete=models.SET_NULL
    )
    channel = models.CharField(_("kanal"), max_length=20, blank=True)
    backend = models.CharField(_("metod"), max_length=20, default="tfidf")
    parameters = models.JSONField(_("parametrar"), default=dict, blank=True)
    engine_version = models.CharField(_("motorns version"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    message = models.CharField(_("meddelande"), max_length=300, blank=True)
    source_count = models.PositiveIntegerField(_("antal källor"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("startad"), default=timezone.now)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("temasökning")
        verbose_name_plural = _("temasökningar")

    def __str__(self) -> str:
        return f"#{self.pk} {self.backend}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Förslag")
    CONFIRMED = "confirmed", _("Bekräftat")
    DISCARDED = "discarded", _("Förkastat")
    MERGED = "merged", _("Sammanslaget")


class SuggestedTheme(models.Model):
    """A theme the engine proposed; a person confirms (it becomes a code), merges or discards it."""

    run = models.ForeignKey(ThemeRun, related_name="themes", on_delete=models.CASCADE)
    engine_id = models.IntegerField()
    label = models.CharField(_("etikett"), max_length=200)
    size = models.PositiveIntegerField(_("antal källor"), default=0)
    quotes = models.JSONField(_("citat"), default=list, blank=True)
    counts = models.JSONField(_("antal per kategori och kanal"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUGGESTED,
    )
    code = models.ForeignKey(Code, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["run", "-size", "engine_id"]
        verbose_name = _("föreslaget tema")
        verbose_name_plural = _("föreslagna teman")

    def __str__(self) -> str:
        return self.label


class SuggestedMember(models.Model):
    """One source in a suggested theme, with the engine's strength and doubt."""

    theme = models.ForeignKey(SuggestedTheme, related_name="members", on_delete=models.CASCADE)
    source = models.ForeignKey(Source, related_name="suggestions", on_delete=models.CASCADE)
    strength = models.FloatField(_("styrka"), default=0.0)
    uncertain = models.BooleanField(_("osäker"), default=False)
    # Added by `assign` after the run (a later answer), or moved here by a person.
    assigned_later = models.BooleanField(_("tillagd senare"), default=False)
    moved_by_person = models.BooleanField(_("flyttad av person"), default=False)
    # [[start, end], ...] of the passages in this theme, in the source's redacted text.
    spans = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-strength", "id"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "source"], name="themes_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.theme} ← {self.source_id}"


class AgreementSample(models.Model):
    """A sample of sources two coders code blind, to measure inter-coder agreement."""

    codebook = models.ForeignKey(Codebook, related_name="samples", on_delete=models.CASCADE)
    title = models.CharField(_("namn"), max_length=200)
    sources = models.ManyToManyField(Source, related_name="+")
    coders = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    # The engine as the second coder: this run's themes (those confirmed as codes) coded the
    # sample when it was drawn; its codings are stored with the sample, coder empty.
    engine_run = models.ForeignKey(
        ThemeRun,
        verbose_name=_("motorn som andra kodare (temasökning)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="samples",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("överensstämmelseprov")
        verbose_name_plural = _("överensstämmelseprov")

    def __str__(self) -> str:
        return self.title


class CountCache(models.Model):
    """The codebook's or the matrix's counts as computed at one `Codebook.counts_version`."""

    codebook = models.ForeignKey(Codebook, related_name="count_caches", on_delete=models.CASCADE)
    kind = models.CharField(max_length=30)
    version = models.PositiveBigIntegerField()
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["codebook", "kind"], name="themes_countcache_unique")
        ]

    def __str__(self) -> str:
        return f"{self.codebook_id}:{self.kind}@{self.version}"
