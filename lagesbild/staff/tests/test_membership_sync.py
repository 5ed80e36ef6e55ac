"""membership_sync: what single sign-on calls to turn identity-provider groups into memberships."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.accounts.permissions import EDITOR, READER, may, roles_in
from lagesbild.staff.models import StaffMember
from lagesbild.staff.services import membership_sync
from lagesbild.testing import make_member, make_staff, make_user

pytestmark = pytest.mark.django_db


def test_it_adds_updates_and_ends_the_memberships_the_idp_grants() -> None:
    vis, winter = make_staff(slug="vis"), make_staff(slug="vinter")
    user = make_user("karin", first_name="Karin", last_name="Berg")

    first = membership_sync(
        user=user, grants=[("vis", "core", "editor"), ("vinter", "core", "reader")]
    )
    assert len(first.added) == 2 and not first.unknown_staffs
    assert roles_in(user, vis) == {EDITOR} and roles_in(user, winter) == {READER}
    assert StaffMember.objects.get(staff=vis, user=user).name == "Karin Berg"
    assert (
        AuditEntry.objects.filter(action="staff.member_add", actor_label="sso: karin").count() == 2
    )

    # The same groups again change nothing.
    again = membership_sync(
        user=user, grants=[("vis", "core", "editor"), ("vinter", "core", "reader")]
    )
    assert (again.added, again.updated, again.ended) == ([], [], [])

    # Out of the winter group, reader instead of editor in VIS.
    later = membership_sync(user=user, grants=[("vis", "core", "reader")])
    assert [m.staff for m in later.ended] == [winter]
    assert [m.staff for m in later.updated] == [vis]
    assert roles_in(user, vis) == {READER}
    assert not may(user, "read_published", winter)
    ended = StaffMember.objects.get(staff=winter, user=user)
    assert ended.valid_to == timezone.localdate() - timedelta(days=1)


def test_it_leaves_memberships_added_by_hand_alone() -> None:
    vis = make_staff(slug="vis")
    user = make_user("sara")
    make_member(vis, user, staff_role="lead", access_role="editor")
    result = membership_sync(user=user, grants=[("vis", "lead", "editor")])
    assert result.added == []  # already a member, by hand
    membership_sync(user=user, grants=[])
    assert may(user, "approve_report", vis)


def test_it_reports_unknown_staffs_and_refuses_unknown_roles() -> None:
    user = make_user("omar")
    result = membership_sync(user=user, grants=[("finns-inte", "core", "editor")])
    assert result.unknown_staffs == ["finns-inte"] and result.added == []
    with pytest.raises(ValueError):
        membership_sync(user=user, grants=[("vis", "core", "superuser")])
