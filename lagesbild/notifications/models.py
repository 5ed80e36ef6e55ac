"""What a person is told about the report cycle and the staff's work, on the start page and
by e-mail."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.staff.models import Staff


class Kind(models.TextChoices):
    ASSIGNED = "assigned", gettext_lazy("Ett avsnitt har tilldelats mig")
    SENT_BACK = "sent_back", gettext_lazy("Något har skickats tillbaka till mig")
    SUBMITTED = "submitted", gettext_lazy("En rapport väntar på godkännande")
    APPROVED = "approved", gettext_lazy("En rapport är godkänd och kan publiceras")
    DEADLINE = "deadline", gettext_lazy("Deadline närmar sig och avsnitt saknas")
    TASK_ASSIGNED = "task_assigned", gettext_lazy("En fråga eller uppgift har lagts på mig")
    TASK_DUE = "task_due", gettext_lazy("En fråga eller uppgift ska vara klar snart")
    OBLIGATION_DUE = "obligation_due", gettext_lazy("Ett åtagande i ett avtal förfaller snart")


class MailState(models.TextChoices):
    NONE = "none", gettext_lazy("Inget e-brev")
    PENDING = "pending", gettext_lazy("Väntar")
    SENDING = "sending", gettext_lazy("Skickas")
    SENT = "sent", gettext_lazy("Skickat")
    FAILED = "failed", gettext_lazy("Misslyckades")


class Notification(models.Model):
    """One thing one person is told. `key` makes telling twice impossible (idempotency)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="notifications", on_delete=models.CASCADE
    )
    staff = models.ForeignKey(Staff, related_name="+", on_delete=models.CASCADE)
    kind = models.CharField(gettext_lazy("typ"), max_length=20, choices=Kind.choices)
    # Facts, not sentences: the text is built when shown, in the reader's language.
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=500)
    key = models.CharField(max_length=200)
    on_start_page = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    mail_state = models.CharField(max_length=10, choices=MailState.choices, default=MailState.NONE)
    mail_response = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("avisering")
        verbose_name_plural = gettext_lazy("aviseringar")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_user_key_unique")
        ]

    def __str__(self) -> str:
        return self.subject()

    def subject(self) -> str:
        p: dict[str, Any] = {
            "report": "",
            "number": "",
            "section": "",
            "hours": "",
            "task": "",
            "due": "",
            "agreement": "",
            "obligation": "",
        } | self.params
        texts = {
            Kind.ASSIGNED: _("Du skriver ”%(section)s” i %(report)s nr %(number)s"),
            Kind.SENT_BACK: _("Tillbaka till dig: %(report)s nr %(number)s"),
            Kind.SUBMITTED: _("%(report)s nr %(number)s väntar på ditt godkännande"),
            Kind.APPROVED: _("%(report)s nr %(number)s är godkänd och kan publiceras"),
            Kind.DEADLINE: _("Deadline för %(report)s nr %(number)s närmar sig, avsnitt saknas"),
            Kind.TASK_ASSIGNED: _("Du är ansvarig för ”%(task)s”"),
            Kind.TASK_DUE: _("”%(task)s” ska vara klar senast %(due)s"),
            Kind.OBLIGATION_DUE: _("Åtagande i ”%(agreement)s” förfaller %(due)s"),
        }
        return texts.get(self.kind, "%(report)s") % p  # type: ignore[call-overload]

    def details(self) -> list[str]:
        """Further lines: the note sent back, the deadline, the sections still missing, the task
        or obligation."""
        lines = []
        if self.params.get("obligation"):
            lines.append(_("Åtagande: %(text)s") % {"text": self.params["obligation"]})
        if self.params.get("party"):
            lines.append(_("Part: %(party)s") % {"party": self.params["party"]})
        if self.params.get("owner"):
            lines.append(_("Ansvarig: %(owner)s") % {"owner": self.params["owner"]})
        if self.params.get("due") and self.kind == Kind.TASK_ASSIGNED:
            lines.append(_("Klart senast: %(due)s") % {"due": self.params["due"]})
        if self.params.get("section") and self.kind == Kind.SENT_BACK:
            lines.append(_("Avsnitt: %(section)s") % {"section": self.params["section"]})
        if self.params.get("note"):
            lines.append(_("Kommentar: %(note)s") % {"note": self.params["note"]})
        if self.params.get("deadline"):
            lines.append(_("Deadline: %(deadline)s") % {"deadline": self.params["deadline"]})
        if self.params.get("missing"):
            lines.append(
                _("Saknas: %(sections)s") % {"sections": ", ".join(self.params["missing"])}
            )
        if self.params.get("by"):
            lines.append(_("Av: %(who)s") % {"who": self.params["by"]})
        return lines


class Preference(models.Model):
    """A person's choice for one kind; no row means both channels are on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="notification_preferences", on_delete=models.CASCADE
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by_email = models.BooleanField(gettext_lazy("e-post"), default=True)
    on_start_page = models.BooleanField(gettext_lazy("på startsidan"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
