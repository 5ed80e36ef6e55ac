import pytest

from lagesbild.accounts.permissions import ADMIN, MATRIX, ROLES, role_may
from lagesbild.staff.models import AccessRole


def test_every_action_names_only_known_roles() -> None:
    for action, roles in MATRIX.items():
        assert roles <= set(ROLES), action


def test_every_product_role_a_membership_can_give_is_a_role() -> None:
    assert set(AccessRole.values) <= set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_administrator_sees_personal_data(role: str) -> None:
    assert role_may(role, "view_personal_data") is (role == ADMIN)


def test_readers_may_only_read_published_reports_and_lessons() -> None:
    allowed = {action for action in MATRIX if role_may("reader", action)}
    assert allowed == {"read_published", "lesson_view"}


def test_the_administrator_administers_and_writes_nothing() -> None:
    allowed = {action for action in MATRIX if role_may(ADMIN, action)}
    assert allowed == {
        "read_published",
        "read_drafts",
        "read_decisions",
        "read_records",
        "lesson_view",
        "manage_series",
        "manage_staff",
        "create_staff",
        "make_series_public",
        "view_personal_data",
    }


def test_only_the_staff_lead_and_designated_decision_makers_record_decisions() -> None:
    assert MATRIX["record_decision"] == {"staff_lead", "decision_maker"}


def test_lessons_are_read_by_everyone_written_by_analysts_published_by_lead_and_editors() -> None:
    assert MATRIX["lesson_view"] == set(ROLES)
    assert MATRIX["lesson_edit"] == {"staff_lead", "editor", "analyst"}
    assert MATRIX["lesson_publish"] == {"staff_lead", "editor"}


def test_an_unknown_action_is_an_error_not_a_silent_refusal() -> None:
    with pytest.raises(KeyError):
        role_may(ADMIN, "fly")


def test_the_documented_table_is_the_matrix() -> None:
    from pathlib import Path

    doc = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"
    rows = [line for line in doc.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    documented = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        action = cells[0].strip("`")
        documented[action] = frozenset(r for r, c in zip(ROLES, cells[1:], strict=True) if c)
    assert documented == MATRIX


@pytest.mark.django_db
def test_a_django_superuser_is_an_administrator_without_any_membership() -> None:
    from lagesbild.accounts.permissions import may, roles_in
    from lagesbild.testing import make_staff, make_user

    staff = make_staff()
    root = make_user("root", is_superuser=True)
    assert roles_in(root, staff) == {ADMIN}
    assert may(root, "manage_staff", staff) and not may(root, "publish_report", staff)
