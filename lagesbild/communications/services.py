"""Changes to communication actions and link collections; each leaves an audit entry."""

from django.db import transaction

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.communications.models import CommunicationAction, Link, LinkCollection


@transaction.atomic
def action_save(
    *, action: CommunicationAction, by: User, changed: list[str]
) -> CommunicationAction:
    created = action.pk is None
    action.save()
    audit_record(
        actor=by,
        action="communications.action_create" if created else "communications.action_update",
        obj=action,
        summary=str(action),
        details={"staff": action.staff_id, "changed": changed},
    )
    return action


@transaction.atomic
def action_remove(*, action: CommunicationAction, by: User) -> None:
    audit_record(
        actor=by,
        action="communications.action_remove",
        obj=action,
        summary=str(action),
        details={"staff": action.staff_id, "date": action.date.isoformat(), "url": action.url},
    )
    action.delete()


@transaction.atomic
def collection_save(
    *, collection: LinkCollection, links: list[Link], removed: list[Link], by: User
) -> LinkCollection:
    """Save a collection and its links in the given order; positions become 0, 1, 2 …"""
    created = collection.pk is None
    collection.save()
    for link in removed:
        if link.pk:
            link.delete()
    for position, link in enumerate(links):
        link.collection = collection
        link.position = position
        link.save()
    audit_record(
        actor=by,
        action="communications.collection_create"
        if created
        else "communications.collection_update",
        obj=collection,
        summary=collection.title,
        details={
            "links": [{"title": link.title, "url": link.url} for link in links],
            "removed": [link.title for link in removed],
        },
    )
    return collection
