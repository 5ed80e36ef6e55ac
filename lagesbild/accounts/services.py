from typing import Any

from django.db import models

from lagesbild.accounts.models import AuditEntry, User


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    summary: str = "",
    details: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEntry:
    """Write one audit entry; command-line actions pass actor=None and an actor_label."""
    label = actor_label or (actor.display_name() if actor else "system")
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary,
        details=details or {},
    )


def audit_trail(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
