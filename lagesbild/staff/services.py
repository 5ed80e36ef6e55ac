"""Changes to the staff, its members and spokespersons; each leaves an audit entry."""

from django.db import transaction

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.staff.models import Spokesperson, Staff, StaffMember


@transaction.atomic
def staff_save(*, staff: Staff, by: User, changed: list[str]) -> Staff:
    """Create or update a staff from a validated form's instance."""
    created = staff.pk is None
    staff.save()
    audit_record(
        actor=by,
        action="staff.create" if created else "staff.update",
        obj=staff,
        summary=staff.name,
        details={"changed": changed},
    )
    return staff


@transaction.atomic
def member_save(*, member: StaffMember, by: User, changed: list[str]) -> StaffMember:
    created = member.pk is None
    member.save()
    audit_record(
        actor=by,
        action="staff.member_add" if created else "staff.member_update",
        obj=member,
        summary=f"{member.name} ({member.get_staff_role_display()})",
        details={"staff": member.staff_id, "changed": changed},
    )
    return member


@transaction.atomic
def member_remove(*, member: StaffMember, by: User) -> None:
    # The audit entry is written first: it needs the member's id, which delete() clears.
    audit_record(
        actor=by,
        action="staff.member_remove",
        obj=member,
        summary=f"{member.name} ({member.get_staff_role_display()})",
        details={"staff": member.staff_id},
    )
    member.delete()


@transaction.atomic
def spokesperson_save(*, spokesperson: Spokesperson, by: User, changed: list[str]) -> Spokesperson:
    created = spokesperson.pk is None
    spokesperson.save()
    audit_record(
        actor=by,
        action="staff.spokesperson_add" if created else "staff.spokesperson_update",
        obj=spokesperson,
        summary=str(spokesperson),
        details={"staff": spokesperson.staff_id, "changed": changed},
    )
    return spokesperson


@transaction.atomic
def spokesperson_remove(*, spokesperson: Spokesperson, by: User) -> None:
    audit_record(
        actor=by,
        action="staff.spokesperson_remove",
        obj=spokesperson,
        summary=str(spokesperson),
        details={"staff": spokesperson.staff_id},
    )
    spokesperson.delete()
