"""Installation-wide roles; apart from models so the permission matrix can import them alone."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administratör")
    STAFF_LEAD = "staff_lead", _("Stabschef")
    EDITOR = "editor", _("Redaktör")
    CONTRIBUTOR = "contributor", _("Skribent")
    READER = "reader", _("Läsare")
