"""The permission matrix: which role may do which action, enforced by every view."""

from collections.abc import Callable
from functools import wraps
from typing import Any

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
