from typing import Any, TypeVar

from django.db import models, transaction

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


M = TypeVar("M", bound=models.Model)


def audit_save(
    *,
    obj: M,
    by: User | None,
    action: str,
    created_action: str = "",
    summary: str | None = None,
    details: dict[str, Any] | None = None,
    update_fields: list[str] | None = None,
    about: models.Model | None = None,
) -> M:
    """Save a model and write its audit entry, in one transaction.

    A new object's entry is named `created_action` when given (else `action`); the entry is
    about `about` when the change belongs to another object's history (a request's document),
    else about the object; the summary is the object's str() unless given."""
    with transaction.atomic(savepoint=False):
        name = created_action if created_action and obj.pk is None else action
        obj.save(update_fields=update_fields)
        audit_record(
            actor=by,
            action=name,
            obj=about or obj,
            summary=str(obj) if summary is None else summary,
            details=details,
        )
    return obj


def audit_delete(
    *,
    obj: models.Model,
    by: User | None,
    action: str,
    summary: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Write the audit entry and delete the object, in one transaction (the entry first: it
    needs the object's id, which delete() clears)."""
    with transaction.atomic(savepoint=False):
        audit_record(
            actor=by,
            action=action,
            obj=obj,
            summary=str(obj) if summary is None else summary,
            details=details,
        )
        obj.delete()
