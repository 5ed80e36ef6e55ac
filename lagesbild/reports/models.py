from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.communications.models import CommunicationAction, LinkCollection
from lagesbild.staff.models import Spokesperson, Staff


class SectionKind(models.TextChoices):
    TEXT = "text", _("Fritext")
    ACTIONS = "actions", _("Kommunikativa åtgärder")
    LINKS = "links", _("Länksamling")
    SPOKESPERSONS = "spokespersons", _("Talesperson")
    STANDING = "standing", _("Stående text")
    # Content another app computes from its data (a risk heat map, an options matrix…), named
    # by the section's `computed` key; see reports/computed.py. It freezes on publish.
    COMPUTED = "computed", _("Beräknat avsnitt")


class SeriesKind(models.TextChoices):
    SITUATION = "situation", _("Lägesrapport")
    DECISION_BASIS = "decision_basis", _("Beslutsunderlag")
    JOINT_REPORT = "joint_report", _("Gemensam rapport")


class Series(models.Model):
    """A report series, e.g. "Regional rapport Samordning vårdinformationssystem"."""

    staff = models.ForeignKey(Staff, related_name="series", on_delete=models.CASCADE)
    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("kortnamn"), unique=True, max_length=100)
    kind = models.CharField(
        _("slag"), max_length=20, choices=SeriesKind.choices, default=SeriesKind.SITUATION
    )
    description = models.TextField(_("beskrivning"), blank=True)
    is_public = models.BooleanField(
        _("öppen på intranätet"),
        default=False,
        help_text=_("Publicerade rapporter kan läsas utan inloggning."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("rapportserie")
        verbose_name_plural = _("rapportserier")

    def __str__(self) -> str:
        return self.title


class TemplateSection(models.Model):
    """One section of a series' template; new reports get their sections from here."""

    series = models.ForeignKey(Series, related_name="template_sections", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    heading = models.CharField(_("rubrik"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("rubriknivå"), default=2)
    kind = models.CharField(_("typ"), max_length=20, choices=SectionKind.choices)
    body = models.TextField(_("text"), blank=True)
    link_collection = models.ForeignKey(
        LinkCollection, null=True, blank=True, on_delete=models.SET_NULL
    )
    computed = models.CharField(_("beräknat innehåll"), max_length=60, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("mallsektion")
        verbose_name_plural = _("mallsektioner")

    def __str__(self) -> str:
        return self.heading or self.get_kind_display()


class ReportKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinarie")
    EXTRA = "extra", _("Extra")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    REVIEW = "review", _("Under granskning")
    APPROVED = "approved", _("Godkänd")
    PUBLISHED = "published", _("Publicerad")


# Sections can change only while the report is a draft or in review; approval freezes them.
EDITABLE_STATES = (ReportState.DRAFT, ReportState.REVIEW)


class ReportQuerySet(models.QuerySet["Report"]):
    def published(self) -> "ReportQuerySet":
        return self.filter(state=ReportState.PUBLISHED)

    def current_versions(self) -> "ReportQuerySet":
        """Reports not replaced by a published correction."""
        # A correction links to the old version from the moment it is drafted, but the old
        # version stays current until the correction is published.
        return self.exclude(corrected_by__state=ReportState.PUBLISHED)

    def editable(self) -> "ReportQuerySet":
        return self.filter(state__in=EDITABLE_STATES)


class Report(models.Model):
    """One situation report. Published reports never change; corrections are new versions."""

    series = models.ForeignKey(Series, related_name="reports", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("nummer"))
    version = models.PositiveIntegerField(_("version"), default=1)
    kind = models.CharField(
        _("typ"), max_length=10, choices=ReportKind.choices, default=ReportKind.ORDINARY
    )
    title = models.CharField(_("titel"), max_length=300)
    compiled_at = models.DateTimeField(_("sammanställd"), default=timezone.now)
    state = models.CharField(
        _("status"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("rättar"),
        related_name="corrected_by",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    correction_reason = models.TextField(_("skäl till rättelse"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-compiled_at", "-number", "-version"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number", "version"], name="report_number_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} nr {self.number}"

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def superseded_by(self) -> "Report | None":
        """The published correction that replaces this report, if any."""
        correction = getattr(self, "corrected_by", None)
        if correction is not None and correction.state == ReportState.PUBLISHED:
            return correction
        return None


class SectionStatus(models.TextChoices):
    TO_WRITE = "to_write", _("Att skriva")
    WRITTEN = "written", _("Skriven")
    APPROVED = "approved", _("Godkänd")


class ReportSection(models.Model):
    """A section of one report. `revision` detects two people saving over each other."""

    report = models.ForeignKey(Report, related_name="sections", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    heading = models.CharField(_("rubrik"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("rubriknivå"), default=2)
    kind = models.CharField(_("typ"), max_length=20, choices=SectionKind.choices)
    body = models.TextField(_("text (Markdown)"), blank=True)
    computed = models.CharField(_("beräknat innehåll"), max_length=60, blank=True)
    actions = models.ManyToManyField(
        CommunicationAction, verbose_name=_("valda åtgärder"), blank=True
    )
    link_collection = models.ForeignKey(
        LinkCollection, null=True, blank=True, on_delete=models.SET_NULL
    )
    spokespersons = models.ManyToManyField(
        Spokesperson, verbose_name=_("talespersoner"), blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skribent"),
        related_name="assigned_sections",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SectionStatus.choices, default=SectionStatus.TO_WRITE
    )
    # Actions, links and spokespersons are shared and may change later; publishing fixes the
    # section as it read that day, so a published report never changes under its readers.
    frozen_markdown = models.TextField(_("innehåll vid publicering"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("sektion")
        verbose_name_plural = _("sektioner")

    def __str__(self) -> str:
        return self.heading or self.get_kind_display()


class ReportTransition(models.Model):
    """Who moved a report from one state to the next, and when."""

    report = models.ForeignKey(Report, related_name="transitions", on_delete=models.CASCADE)
    from_state = models.CharField(max_length=10, choices=ReportState.choices)
    to_state = models.CharField(max_length=10, choices=ReportState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    by_label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class ReportCitation(models.Model):
    """A quote or lesson a published report cites, as it read on publishing day.

    Written when the report is published, together with `ReportSection.frozen_markdown`: the
    version's footnotes, citation pages and feedback page read only these rows, so a later
    edit, redaction or deletion of the quote or lesson never changes what was published.
    """

    report = models.ForeignKey(Report, related_name="citations", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("fotnot"))
    prefix = models.CharField(_("slag"), max_length=30)  # "citat", "lärdom"
    target = models.BigIntegerField(_("nummer"))  # the coding's id, the lesson's number
    text = models.TextField(_("text"), blank=True)
    label = models.CharField(_("uppgifter"), max_length=500, blank=True)
    url = models.CharField(_("adress för staben"), max_length=500, blank=True)
    meta = models.JSONField(_("övriga uppgifter"), default=dict, blank=True)
    sections = models.JSONField(_("avsnitt som citerar"), default=list, blank=True)
    missing = models.BooleanField(_("saknades vid publicering"), default=False)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("hänvisning")
        verbose_name_plural = _("hänvisningar")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_citation_number"),
            models.UniqueConstraint(
                fields=["report", "prefix", "target"], name="report_citation_once"
            ),
        ]
        indexes = [models.Index(fields=["prefix", "target"])]

    def __str__(self) -> str:
        return f"[{self.number}] {self.prefix}:{self.target}"
