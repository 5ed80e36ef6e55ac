import pytest

from lagesbild.accounts.models import Role
from lagesbild.accounts.permissions import ANALYST, DECIDER, MATRIX, role_may


def test_every_action_names_only_known_roles() -> None:
    known = set(Role.values) | {ANALYST, DECIDER}
    for action, roles in MATRIX.items():
        assert roles <= known, action


@pytest.mark.parametrize("role", Role.values)
def test_only_the_administrator_sees_personal_data(role: str) -> None:
    assert role_may(role, "view_personal_data") is (role == Role.ADMIN)


def test_readers_may_only_read_published_reports() -> None:
    allowed = {action for action in MATRIX if role_may(Role.READER, action)}
    assert allowed == {"read_published"}


def test_an_unknown_action_is_an_error_not_a_silent_refusal() -> None:
    with pytest.raises(KeyError):
        role_may(Role.ADMIN, "fly")
