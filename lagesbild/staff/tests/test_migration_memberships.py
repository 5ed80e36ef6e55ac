"""The data migration that turns global roles into memberships, run on an older database."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("staff", "0002_member_access_role"), ("accounts", "0001_initial")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    """Migrate to the targets, or forward to the latest state (which runs 0003 on the way)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.fixture
def old_apps(transactional_db: None):  # type: ignore[no-untyped-def]
    """The apps as they were before per-staff access; the latest schema is restored after."""
    executor = _migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    _migrate()


def _user(apps, username: str, role: str, **fields):  # type: ignore[no-untyped-def]
    return apps.get_model("accounts", "User").objects.create(
        username=username, role=role, password="!", **fields
    )


def test_existing_users_keep_their_rights_in_the_one_staff(old_apps) -> None:  # type: ignore[no-untyped-def]
    staff = old_apps.get_model("staff", "Staff").objects.create(name="VIS-staben", slug="vis")
    member = old_apps.get_model("staff", "StaffMember")
    lead = _user(old_apps, "chef", "staff_lead", first_name="Sara", last_name="Lind")
    editor = _user(old_apps, "red", "editor")
    contributor = _user(old_apps, "skr", "contributor")
    _user(old_apps, "las", "reader")
    admin = _user(old_apps, "adm", "admin")
    _user(old_apps, "gammal", "editor", is_active=False)
    # Already listed as core member: keeps the row, which now carries the product role.
    member.objects.create(staff=staff, user=editor, name="Karin Berg", staff_role="core")
    # Listed once for an event long over: still gets access today.
    member.objects.create(
        staff=staff,
        user=contributor,
        name="Johan Ek",
        staff_role="added",
        event="Driftstörning",
        valid_from=date(2020, 1, 1),
        valid_to=date(2020, 1, 14),
    )

    _migrate()

    from lagesbild.accounts.models import User
    from lagesbild.accounts.permissions import ADMIN, EDITOR, LEAD, READER, roles_in
    from lagesbild.staff.models import Staff, StaffMember

    now = Staff.objects.get(slug="vis")
    users = {u.username: u for u in User.objects.all()}
    assert roles_in(users["chef"], now) == {LEAD, EDITOR}
    assert StaffMember.objects.get(user_id=lead.pk).name == "Sara Lind"
    assert roles_in(users["red"], now) == {EDITOR}
    assert StaffMember.objects.filter(user_id=editor.pk).count() == 1
    assert roles_in(users["skr"], now) == {"contributor"}
    assert StaffMember.objects.filter(user_id=contributor.pk).count() == 2
    assert roles_in(users["las"], now) == {READER}
    assert roles_in(users["adm"], now) == {ADMIN}
    assert not StaffMember.objects.filter(user_id=admin.pk).exists()
    assert not StaffMember.objects.filter(user__username="gammal").exists()


def test_with_several_staffs_it_guesses_nothing(old_apps) -> None:  # type: ignore[no-untyped-def]
    staffs = old_apps.get_model("staff", "Staff").objects
    staffs.create(name="A", slug="a")
    staffs.create(name="B", slug="b")
    _user(old_apps, "red", "editor")

    _migrate()

    from lagesbild.staff.models import StaffMember

    assert not StaffMember.objects.exists()
