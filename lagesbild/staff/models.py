from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Staff(models.Model):
    """A coordination staff (stab): who it is, why it exists and how it works."""

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), unique=True)
    purpose = models.TextField(_("syfte"), blank=True)
    working_method = models.TextField(_("arbetssätt"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stab")
        verbose_name_plural = _("staber")

    def __str__(self) -> str:
        return self.name


class StaffRole(models.TextChoices):
    LEAD = "lead", _("Stabschef")
    DECISION_MAKER = "decision_maker", _("Utsedd beslutsfattare")
    CORE = "core", _("Kärngrupp")
    ADDED = "added", _("Adjungerad för händelse")


class AccessRole(models.TextChoices):
    """What a member may do in the product, beside their place in the staff (see permissions)."""

    EDITOR = "editor", _("Redaktör")
    ANALYST = "analyst", _("Analytiker")
    CONTRIBUTOR = "contributor", _("Skribent")
    READER = "reader", _("Läsare")


class StaffMemberQuerySet(models.QuerySet["StaffMember"]):
    def active_on(self, day: date) -> "StaffMemberQuerySet":
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class StaffMember(models.Model):
    """A person's place in the staff; members added for an event carry from/to dates."""

    staff = models.ForeignKey(Staff, related_name="members", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    name = models.CharField(_("namn"), max_length=200)
    function = models.CharField(_("funktion"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    staff_role = models.CharField(
        _("roll i staben"), max_length=20, choices=StaffRole.choices, default=StaffRole.CORE
    )
    access_role = models.CharField(
        _("behörighet"), max_length=20, choices=AccessRole.choices, default=AccessRole.READER
    )
    event = models.CharField(_("händelse"), max_length=200, blank=True)
    valid_from = models.DateField(_("från"), null=True, blank=True)
    valid_to = models.DateField(_("till"), null=True, blank=True)
    # Who keeps this row up to date: "" for the staff pages, "sso" for the identity provider
    # (services.membership_sync ends and updates only the rows of its own source).
    source = models.CharField(_("källa"), max_length=20, blank=True, default="")

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ["staff_role", "name"]
        verbose_name = _("stabsmedlem")
        verbose_name_plural = _("stabsmedlemmar")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_staff_role_display()})"


class Spokesperson(models.Model):
    """Who speaks for the staff to media and employees."""

    staff = models.ForeignKey(Staff, related_name="spokespersons", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("talesperson")
        verbose_name_plural = _("talespersoner")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name
