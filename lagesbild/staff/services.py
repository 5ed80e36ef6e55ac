"""Changes to the staff, its members and spokespersons; each leaves an audit entry."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_delete, audit_record, audit_save
from lagesbild.staff.models import AccessRole, Spokesperson, Staff, StaffMember, StaffRole


def _member_label(member: StaffMember) -> str:
    return f"{member.name} ({member.get_staff_role_display()})"


@transaction.atomic
def staff_save(*, staff: Staff, by: User, changed: list[str]) -> Staff:
    """Create or update a staff from a validated form's instance."""
    return audit_save(
        obj=staff,
        by=by,
        created_action="staff.create",
        action="staff.update",
        summary=staff.name,
        details={"changed": changed},
    )


@transaction.atomic
def member_save(*, member: StaffMember, by: User, changed: list[str]) -> StaffMember:
    return audit_save(
        obj=member,
        by=by,
        created_action="staff.member_add",
        action="staff.member_update",
        summary=_member_label(member),
        details={"staff": member.staff_id, "changed": changed},
    )


@transaction.atomic
def member_remove(*, member: StaffMember, by: User) -> None:
    audit_delete(
        obj=member,
        by=by,
        action="staff.member_remove",
        summary=_member_label(member),
        details={"staff": member.staff_id},
    )


@transaction.atomic
def spokesperson_save(*, spokesperson: Spokesperson, by: User, changed: list[str]) -> Spokesperson:
    return audit_save(
        obj=spokesperson,
        by=by,
        created_action="staff.spokesperson_add",
        action="staff.spokesperson_update",
        details={"staff": spokesperson.staff_id, "changed": changed},
    )


@transaction.atomic
def spokesperson_remove(*, spokesperson: Spokesperson, by: User) -> None:
    audit_delete(
        obj=spokesperson,
        by=by,
        action="staff.spokesperson_remove",
        details={"staff": spokesperson.staff_id},
    )


# A grant from the identity provider: (staff slug, place in the staff, product role).
Grant = tuple[str, str, str]


@dataclass(frozen=True)
class SyncResult:
    added: list[StaffMember]
    updated: list[StaffMember]
    ended: list[StaffMember]
    unknown_staffs: list[str]


@transaction.atomic
def membership_sync(
    *, user: User, grants: list[Grant], source: str = "sso", today: date | None = None
) -> SyncResult:
    """Make the user's memberships that `source` manages match the grants, e.g. at SSO login.

    1. Each grant (staff_slug, staff_role, access_role), e.g. from the IdP groups
       "lagesbild:vis-staben:core:editor", names a membership the person should hold today.
       Unknown staff slugs are reported and skipped; unknown roles raise ValueError.
    2. A membership this source made earlier that is no longer granted ends yesterday (it is
       kept, so the staff page and audit show who had access until when).
    3. A granted one that is missing is added, open-ended, marked with the source; one whose
       roles changed is updated. Memberships added by hand on the staff pages
       (source "") are never touched: the IdP adds to them, it does not overrule them.
    Every change leaves an audit entry with the source as actor label.
    """
    today = today or timezone.localdate()
    for _slug, staff_role, access_role in grants:
        if staff_role not in StaffRole.values or access_role not in AccessRole.values:
            raise ValueError(f"unknown role in grant {(_slug, staff_role, access_role)!r}")
    staffs = {s.slug: s for s in Staff.objects.filter(slug__in=[g[0] for g in grants])}
    unknown = sorted({g[0] for g in grants} - staffs.keys())
    wanted = {(staffs[s].pk, r): a for s, r, a in grants if s in staffs}
    managed = list(
        StaffMember.objects.active_on(today)
        .filter(user=user, source=source)
        .select_related("staff")
    )
    label = f"{source}: {user.username}"
    added: list[StaffMember] = []
    updated: list[StaffMember] = []
    ended: list[StaffMember] = []
    for member in managed:
        key = (member.staff_id, member.staff_role)
        if key not in wanted:
            member.valid_to = today - timedelta(days=1)
            if member.valid_from and member.valid_from > member.valid_to:
                member.valid_from = member.valid_to
            ended.append(member)
        else:
            access = wanted.pop(key)
            if access != member.access_role:
                member.access_role = access
                updated.append(member)
    by_hand = set(
        StaffMember.objects.active_on(today)
        .filter(user=user, source="")
        .values_list("staff_id", "staff_role", "access_role")
    )
    for (staff_id, staff_role), access_role in wanted.items():
        if (staff_id, staff_role, access_role) in by_hand:
            continue
        added.append(
            StaffMember(
                staff_id=staff_id,
                user=user,
                name=user.display_name(),
                staff_role=staff_role,
                access_role=access_role,
                source=source,
            )
        )
    for member, action in (
        *((m, "staff.member_add") for m in added),
        *((m, "staff.member_update") for m in updated),
        *((m, "staff.member_end") for m in ended),
    ):
        member.save()
        audit_record(
            actor=None,
            actor_label=label,
            action=action,
            obj=member,
            summary=f"{member.name} ({member.get_staff_role_display()}, "
            f"{member.get_access_role_display()})",
            details={"staff": member.staff_id, "source": source},
        )
    return SyncResult(added=added, updated=updated, ended=ended, unknown_staffs=unknown)
