from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administratör")
    STAFF_LEAD = "staff_lead", _("Stabschef")
    EDITOR = "editor", _("Redaktör")
    CONTRIBUTOR = "contributor", _("Skribent")
    READER = "reader", _("Läsare")


class User(AbstractUser):
    """A person who logs in; what they may do follows from their staff memberships.

    `role` decides only one thing now: whether the person is an installation administrator
    (Role.ADMIN). The other values are kept from before per-staff access and grant nothing.
    """

    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.READER)
    title = models.CharField(_("titel"), max_length=200, blank=True)

    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def can(self, action: str) -> bool:
        """May this person perform the action in some staff (permissions.may without a staff)."""
        from lagesbild.accounts.permissions import may

        return may(self, action)


class AuditEntry(models.Model):
    """One change by one person: who, when, what. Written by services, never edited."""

    at = models.DateTimeField(_("tid"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("vem"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("vem (text)"), max_length=200, blank=True)
    action = models.CharField(_("vad"), max_length=100)
    object_type = models.CharField(_("objekttyp"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    summary = models.TextField(_("sammanfattning"), blank=True)
    details = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("granskningspost")
        verbose_name_plural = _("granskningslogg")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"
