"""The permission matrix: which role may do which action, in which staff, enforced by every view.

The one question every view and CLI verb asks is `may(user, action, staff)`. Lists ask
`staffs_for(user, action)` and filter their querysets by it. How a person comes to hold a
role in a staff is answered in one place, `roles_in()`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from lagesbild.accounts.models import Role

ADMIN, LEAD, EDITOR, CONTRIB, READER = (
    Role.ADMIN,
    Role.STAFF_LEAD,
    Role.EDITOR,
    Role.CONTRIBUTOR,
    Role.READER,
)
# Roles held in a staff beside the installation-wide ones above.
DECIDER = "decision_maker"
ANALYST = "analyst"

# Each action names the roles allowed to perform it. Views and tests read this one table.
MATRIX: dict[str, frozenset[str]] = {
    "read_published": frozenset({ADMIN, LEAD, EDITOR, CONTRIB, READER}),
    "read_drafts": frozenset({ADMIN, LEAD, EDITOR, CONTRIB}),
    "write_assigned_section": frozenset({ADMIN, LEAD, EDITOR, CONTRIB}),
    "write_any_section": frozenset({ADMIN, LEAD, EDITOR}),
    "create_report": frozenset({ADMIN, LEAD, EDITOR}),
    "assign_sections": frozenset({ADMIN, LEAD, EDITOR}),
    "submit_for_review": frozenset({ADMIN, LEAD, EDITOR}),
    "approve_report": frozenset({ADMIN, LEAD}),
    "publish_report": frozenset({ADMIN, LEAD, EDITOR}),
    "correct_report": frozenset({ADMIN, LEAD, EDITOR}),
    "import_report": frozenset({ADMIN, LEAD, EDITOR}),
    "manage_series": frozenset({ADMIN, LEAD, EDITOR}),
    "manage_staff": frozenset({ADMIN, LEAD}),
    "manage_communications": frozenset({ADMIN, LEAD, EDITOR}),
    "make_series_public": frozenset({ADMIN}),
    "manage_distribution": frozenset({ADMIN, LEAD, EDITOR}),
    "read_deliveries": frozenset({ADMIN, LEAD, EDITOR}),
    "manage_experiences": frozenset({ADMIN, LEAD, EDITOR}),
    "analyse_experiences": frozenset({ADMIN, LEAD, EDITOR, CONTRIB}),
    "view_personal_data": frozenset({ADMIN}),
    # The decision basis: everyone in the staff reads it; editors and contributors prepare it;
    # the staff lead and the designated decision makers record decisions.
    "read_decisions": frozenset({ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "prepare_decisions": frozenset({ADMIN, LEAD, DECIDER, EDITOR, CONTRIB}),
    "record_decision": frozenset({LEAD, DECIDER}),
    # The staff's own work: every member with a working role keeps the journal and its tasks;
    # the lead, decision makers and editors assign tasks and run meetings.
    "read_journal": frozenset({ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "write_journal": frozenset({LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "manage_tasks": frozenset({LEAD, DECIDER, EDITOR}),
    "run_meetings": frozenset({LEAD, DECIDER, EDITOR}),
}


def role_may(role: str, action: str) -> bool:
    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}")
    return role in MATRIX[action]


def require(action: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: anonymous users go to the login page, others without the right get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.can(action):  # type: ignore[union-attr]
                raise PermissionDenied(action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check(request: HttpRequest, action: str) -> None:
    """Raise PermissionDenied unless the logged-in user may perform the action."""
    user = request.user
    if not (user.is_authenticated and user.can(action)):  # type: ignore[union-attr]
        raise PermissionDenied(action)


def roles_in(user: Any, staff: Any) -> frozenset[str]:
    """The roles a person holds in one staff today (the staff may be None: any staff)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset({user.role})


def may(user: Any, action: str, staff: Any = None) -> bool:
    """May this person perform the action in this staff (or, with no staff, in some staff)?"""
    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}")
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    return bool(roles_in(user, staff) & MATRIX[action])


def staffs_for(user: Any, action: str) -> Any:
    """The staffs in which this person may perform the action: filter lists by it."""
    from lagesbild.staff.models import Staff

    if not may(user, action):
        return Staff.objects.none()
    return Staff.objects.filter(pk__in=[s.pk for s in Staff.objects.all() if may(user, action, s)])


def check_staff(request: HttpRequest, action: str, staff: Any) -> None:
    """Raise PermissionDenied unless the logged-in user may perform the action in this staff."""
    if not may(request.user, action, staff):
        raise PermissionDenied(action)


def may_map(user: Any, staff: Any = None) -> dict[str, bool]:
    """Every action this person may perform in the staff, for templates (`may.<action>`)."""
    return {action: may(user, action, staff) for action in MATRIX}
