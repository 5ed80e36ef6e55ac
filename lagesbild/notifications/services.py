"""Telling people: one row per person and event, shown on the start page and mailed by a task."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import ADMIN, MATRIX, is_admin, roles_in, users_with
from lagesbild.notifications.models import Kind, MailState, Notification, Preference
from lagesbild.staff.models import Staff


def users_who_may(*, action: str, staff: Staff) -> list[User]:
    """Active people who may perform the action in the staff (the ones to tell about it).

    The installation's administrators may do most things but do not take part in the
    staff's work, so their administrator role alone does not make them recipients.
    """
    allowed = MATRIX[action] - {ADMIN}
    found = list(users_with(action, staff).order_by("pk"))
    if ADMIN not in MATRIX[action]:
        return found
    # Only the (few) administrators need a second look: do they hold it as members too?
    return [u for u in found if not is_admin(u) or roles_in(u, staff) & allowed]


def preferences_for(*, user: User) -> dict[str, tuple[bool, bool]]:
    """kind -> (by e-mail, on the start page); kinds without a saved choice are on."""
    saved = {p.kind: (p.by_email, p.on_start_page) for p in user.notification_preferences.all()}  # type: ignore[attr-defined]
    return {kind: saved.get(kind, (True, True)) for kind in Kind.values}


def preferences_save(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    for kind, (by_email, on_start_page) in choices.items():
        Preference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={"by_email": by_email, "on_start_page": on_start_page},
        )


def notification_send(
    *,
    recipients: Iterable[User | None],
    kind: str,
    staff: Staff,
    params: dict[str, Any],
    url: str,
    key: str,
    actor: User | None = None,
) -> list[Notification]:
    """Tell each recipient once per key; the actor is never told about their own step.

    1. Skip duplicates, inactive people, the actor, and people who turned both channels off.
    2. Create the row (a second call with the same key finds it and does nothing).
    3. When mail is wanted, enqueue the mail task after the transaction commits.
    """
    from lagesbild.notifications.tasks import notification_mail

    made: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if actor is not None and user.pk == actor.pk:
            continue
        by_email, on_page = preferences_for(user=user)[kind]
        by_email = by_email and bool(user.email)
        if not (by_email or on_page):
            continue
        if Notification.objects.filter(user=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    user=user,
                    staff=staff,
                    kind=kind,
                    params=params,
                    url=url,
                    key=key,
                    on_start_page=on_page,
                    mail_state=MailState.PENDING if by_email else MailState.NONE,
                )
        except IntegrityError:  # a concurrent call told this person already
            continue
        made.append(note)
        if by_email:
            note_id = note.pk
            transaction.on_commit(lambda note_id=note_id: notification_mail.enqueue(note_id))  # type: ignore[misc]
    return made


def notifications_unread(*, user: User, limit: int = 10) -> list[Notification]:
    return list(
        Notification.objects.filter(user=user, on_start_page=True, read_at__isnull=True)[:limit]
    )


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own notifications read (all when no ids are given)."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
