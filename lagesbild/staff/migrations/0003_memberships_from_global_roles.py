"""Existing users keep what they could do: their global role becomes a membership in the staff.

Before per-staff access every user had one role for the whole installation. When exactly one
staff exists, each active non-admin user gets that role in it: a staff lead leads it (with
editor rights), editors, contributors and readers get the same product role. A user already
linked to a current member row keeps it, now carrying the product role (a former staff lead
listed in another place also gets a lead row, to keep approving); one whose rows have all
ended gets a new open-ended row, so nobody loses access the day they upgrade.
With no staff or several, nothing is created (which staff each person belongs to cannot be
guessed); the administrator adds memberships on the staff pages. Administrators stay
administrators through their account role.
"""

from django.db import migrations
from django.db.models import Q

ACCESS = {"staff_lead": "editor", "editor": "editor", "contributor": "contributor", "reader": "reader"}


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    Staff = apps.get_model("staff", "Staff")
    StaffMember = apps.get_model("staff", "StaffMember")
    User = apps.get_model("accounts", "User")
    staffs = list(Staff.objects.all()[:2])
    if len(staffs) != 1:
        return
    staff = staffs[0]
    import datetime

    today = datetime.date.today()
    current = Q(valid_from__isnull=True) | Q(valid_from__lte=today)
    current &= Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    for user in User.objects.filter(is_active=True, role__in=ACCESS):
        access = ACCESS[user.role]
        rows = StaffMember.objects.filter(staff=staff, user=user)
        active = rows.filter(current)
        lead_missing = user.role == "staff_lead" and not active.filter(staff_role="lead").exists()
        if active.exists():
            active.update(access_role=access)
            if not lead_missing:
                continue
        name = f"{user.first_name} {user.last_name}".strip() or user.username
        StaffMember.objects.create(
            staff=staff,
            user=user,
            name=name,
            staff_role="lead" if user.role == "staff_lead" else "core",
            access_role=access,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("staff", "0002_member_access_role"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
