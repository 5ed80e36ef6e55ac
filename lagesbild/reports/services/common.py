"""Errors and small helpers shared by the report services."""

from typing import Any

from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.reports.models import (
    Report,
    ReportSection,
)


class ReportError(Exception):
    """A refused change; the message is Swedish and shown to the user as it is."""


class ReportLocked(ReportError):
    pass


class IllegalTransition(ReportError):
    pass


class SectionConflict(ReportError):
    """Someone saved the section after the editor opened it; `current` is their version."""

    def __init__(self, current: ReportSection) -> None:
        super().__init__(
            _(
                "Någon annan har sparat avsnittet medan du skrev. Ingenting har skrivits över: "
                "jämför deras version med din, för ihop dem och spara igen."
            )
        )
        self.current = current


def _actor(by: User | None, by_label: str) -> dict[str, Any]:
    return {"actor": by, "actor_label": by_label}


def _ensure_editable(report: Report) -> None:
    if not report.is_editable:
        if report.is_published:
            raise ReportLocked(
                _("Rapporten är publicerad och kan inte ändras. Gör en rättelse i stället.")
            )
        raise ReportLocked(
            _("Rapporten är godkänd och kan inte ändras. Skicka tillbaka den till utkast först.")
        )
