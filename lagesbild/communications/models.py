from django.db import models
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff


class Channel(models.TextChoices):
    INTRANET = "intranet", _("Intranät")
    EMAIL = "email", _("E-post")
    PRESS = "press", _("Press")
    MEETING = "meeting", _("Möte")
    SOCIAL = "social", _("Sociala medier")
    WEB = "web", _("Webbplats")
    OTHER = "other", _("Annat")


class CommunicationAction(models.Model):
    """A dated thing the staff communicated: a news item, a letter, an FAQ update."""

    staff = models.ForeignKey(Staff, related_name="communication_actions", on_delete=models.CASCADE)
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=300)
    url = models.URLField(_("länk"), max_length=500, blank=True)
    channel = models.CharField(
        _("kanal"), max_length=20, choices=Channel.choices, default=Channel.INTRANET
    )
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("kommunikativ åtgärd")
        verbose_name_plural = _("kommunikativa åtgärder")

    def __str__(self) -> str:
        return f"{self.short_date()}: {self.title}"

    def short_date(self) -> str:
        """The house style's day/month, e.g. 26/2."""
        return f"{self.date.day}/{self.date.month}"


class LinkCollection(models.Model):
    """Collected information (samlad information): a named list of links."""

    staff = models.ForeignKey(Staff, related_name="link_collections", on_delete=models.CASCADE)
    title = models.CharField(_("rubrik"), max_length=200)

    class Meta:
        ordering = ["title"]
        verbose_name = _("länksamling")
        verbose_name_plural = _("länksamlingar")

    def __str__(self) -> str:
        return self.title


class Link(models.Model):
    collection = models.ForeignKey(LinkCollection, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("länk"), max_length=500)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")

    def __str__(self) -> str:
        return self.title
