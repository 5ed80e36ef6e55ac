"""The permission matrix: which role may do which action, in which staff, enforced by every view.

The one question every view and CLI verb asks is `may(user, action, staff)`. Lists ask
`staffs_for(user, action)` and filter their querysets by it. How a person comes to hold a
role in a staff is answered in one place, `roles_in()`: from their memberships in that staff
(staff.StaffMember) on the day asked about, plus ADMIN for installation administrators.
The table in docs/permissions.md is this MATRIX in words; keep the two together.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from lagesbild.accounts.roles import Role

ADMIN, LEAD, EDITOR, CONTRIB, READER = (
    Role.ADMIN,
    Role.STAFF_LEAD,
    Role.EDITOR,
    Role.CONTRIBUTOR,
    Role.READER,
)
# Roles held in a staff beside the ones above (StaffRole.DECISION_MAKER, AccessRole.ANALYST).
DECIDER = "decision_maker"
ANALYST = "analyst"
ROLES = (ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB, READER)

# Each action names the roles allowed to perform it, in the staff the object belongs to.
# ADMIN is installation-wide and administrative: staffs and memberships, series set-up and
# whether a series is public, reading everything for support, and the audited path to
# personal data. It writes, approves, publishes and sends nothing; an administrator who also
# works in a staff gets those rights from a membership like everyone else.
MATRIX: dict[str, frozenset[str]] = {
    "read_published": frozenset({ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB, READER}),
    "read_drafts": frozenset({ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "write_assigned_section": frozenset({LEAD, EDITOR, ANALYST, CONTRIB}),
    "write_any_section": frozenset({LEAD, EDITOR}),
    "create_report": frozenset({LEAD, EDITOR}),
    "assign_sections": frozenset({LEAD, EDITOR}),
    "submit_for_review": frozenset({LEAD, EDITOR}),
    "approve_report": frozenset({LEAD}),
    "publish_report": frozenset({LEAD, EDITOR}),
    "correct_report": frozenset({LEAD, EDITOR}),
    "import_report": frozenset({LEAD, EDITOR}),
    "manage_series": frozenset({ADMIN, LEAD, EDITOR}),
    "manage_staff": frozenset({ADMIN, LEAD}),
    "manage_communications": frozenset({LEAD, EDITOR}),
    "make_series_public": frozenset({ADMIN}),
    "manage_distribution": frozenset({LEAD, EDITOR}),
    "read_deliveries": frozenset({LEAD, EDITOR}),
    "manage_experiences": frozenset({LEAD, EDITOR}),
    "analyse_experiences": frozenset({LEAD, EDITOR, ANALYST, CONTRIB}),
    "view_personal_data": frozenset({ADMIN}),
    # The decision basis: everyone in the staff reads it; editors and contributors prepare it;
    # the staff lead and the designated decision makers record decisions.
    "read_decisions": frozenset({ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "prepare_decisions": frozenset({LEAD, DECIDER, EDITOR, CONTRIB}),
    "record_decision": frozenset({LEAD, DECIDER}),
    # The staff's own work: every member with a working role keeps the journal and its tasks;
    # the lead, decision makers and editors assign tasks and run meetings.
    "read_journal": frozenset({LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "write_journal": frozenset({LEAD, DECIDER, EDITOR, ANALYST, CONTRIB}),
    "manage_tasks": frozenset({LEAD, DECIDER, EDITOR}),
    "run_meetings": frozenset({LEAD, DECIDER, EDITOR}),
    # access (issue #16): coding experiences; starting a staff.
    "code_experiences": frozenset({LEAD, EDITOR, ANALYST}),
    "create_staff": frozenset({ADMIN, LEAD}),
    # themes: the analysis workspace (codebook edits; coding itself is code_experiences above).
    "manage_codebook": frozenset({LEAD, EDITOR, ANALYST}),
    # lessons (issue 12): everyone in the staff reads the published ones (those not published
    # also need read_drafts, as report drafts: lessons/access.py); those who analyse write them and
    # their actions; the lead and editors decide what is published.
    "lesson_view": frozenset({ADMIN, LEAD, DECIDER, EDITOR, ANALYST, CONTRIB, READER}),
    "lesson_edit": frozenset({LEAD, EDITOR, ANALYST}),
    "lesson_publish": frozenset({LEAD, EDITOR}),
    # records and press (issue 14): handlers see requester details; press and FAQ are the
    # communicators' work; decision makers follow the records requests.
    "read_records": frozenset({ADMIN, LEAD, DECIDER, EDITOR}),
    "handle_records": frozenset({LEAD, EDITOR}),
    "manage_press": frozenset({LEAD, EDITOR}),
    "manage_faq": frozenset({LEAD, EDITOR}),
}


def role_may(role: str, action: str) -> bool:
    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}")
    return role in MATRIX[action]


def _signed_in(user: Any) -> bool:
    return bool(
        user is not None
        and not isinstance(user, AnonymousUser)
        and user.is_authenticated
        and user.is_active
    )


def is_admin(user: Any) -> bool:
    """Installation administrator: role "admin" (the one thing the account's role still
    decides), or a Django superuser, so `lagesbild createsuperuser` gives a working admin."""
    return _signed_in(user) and (user.role == ADMIN or bool(user.is_superuser))


def membership_roles(staff_role: str, access_role: str) -> frozenset[str]:
    """The roles one membership gives: its place in the staff plus its product role."""
    from lagesbild.staff.models import StaffRole

    place = {StaffRole.LEAD: LEAD, StaffRole.DECISION_MAKER: DECIDER}.get(staff_role)  # type: ignore[call-overload]
    return frozenset({access_role} | ({place} if place else set()))


def roles_in(user: Any, staff: Any, *, on: date | None = None) -> frozenset[str]:
    """The roles a person holds in one staff on a day (today by default).

    With staff=None: the roles held in some staff that day. Memberships count only between
    their valid_from and valid_to (both inclusive, either may be open).
    """
    if not _signed_in(user):
        return frozenset()
    from lagesbild.staff.models import StaffMember

    memberships = StaffMember.objects.active_on(on or timezone.localdate()).filter(user=user)
    if staff is not None:
        memberships = memberships.filter(staff=staff)
    roles: set[str] = {ADMIN} if is_admin(user) else set()
    for staff_role, access_role in memberships.values_list("staff_role", "access_role"):
        roles |= membership_roles(staff_role, access_role)
    return frozenset(roles)


def may(user: Any, action: str, staff: Any = None) -> bool:
    """May this person perform the action in this staff (or, with no staff, in some staff)?"""
    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}")
    if not _signed_in(user):
        return False
    return bool(roles_in(user, staff) & MATRIX[action])


def _membership_filter(roles: frozenset[str]) -> Q:
    """Memberships that give at least one of the roles."""
    from lagesbild.staff.models import StaffRole

    found = Q(access_role__in=roles)
    if LEAD in roles:
        found |= Q(staff_role=StaffRole.LEAD)
    if DECIDER in roles:
        found |= Q(staff_role=StaffRole.DECISION_MAKER)
    return found


def staffs_for(user: Any, action: str) -> Any:
    """The staffs in which this person may perform the action: filter lists by it.

    One lazy queryset (a subquery on today's memberships), so `.filter(staff__in=...)` costs
    no extra round trip and no loop over all staffs.
    """
    from lagesbild.staff.models import Staff, StaffMember

    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}")
    roles = MATRIX[action]
    if not _signed_in(user):
        return Staff.objects.none()
    if ADMIN in roles and is_admin(user):
        return Staff.objects.all()
    memberships = (
        StaffMember.objects.active_on(timezone.localdate())
        .filter(user=user)
        .filter(_membership_filter(roles))
    )
    return Staff.objects.filter(pk__in=memberships.values("staff_id"))


def users_with(action: str, staff: Any) -> Any:
    """The active users who may perform the action in the staff today (e.g. assignees)."""
    from lagesbild.staff.models import StaffMember

    # get_user_model, not an import: accounts.models imports this module (User.can).
    User = get_user_model()
    roles = MATRIX[action]
    memberships = (
        StaffMember.objects.active_on(timezone.localdate())
        .filter(staff=staff)
        .filter(_membership_filter(roles))
    )
    found = Q(pk__in=memberships.values("user_id"))
    if ADMIN in roles:
        found |= Q(role=ADMIN) | Q(is_superuser=True)
    return User.objects.filter(found, is_active=True)


def require(action: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: anonymous users go to the login page, others without the right get 403.

    This asks "in any staff"; a view on one staff's object must also call check_staff().
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may(user, action):
                raise PermissionDenied(action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check(request: HttpRequest, action: str) -> None:
    """Raise PermissionDenied unless the logged-in user may perform the action in some staff."""
    if not may(request.user, action):
        raise PermissionDenied(action)


def check_staff(request: HttpRequest, action: str, staff: Any) -> None:
    """Raise PermissionDenied (403) unless the logged-in user may perform the action in this staff.

    On success the page is about that staff: templates' `may` is scoped to it (see
    context_processors.role), so buttons show what the person may do there, not elsewhere.
    """
    if not may(request.user, action, staff):
        raise PermissionDenied(action)
    request.permission_staff = staff  # type: ignore[attr-defined]


def may_map(user: Any, staff: Any = None) -> dict[str, bool]:
    """Every action this person may perform in the staff, for templates (`may.<action>`)."""
    roles = roles_in(user, staff)
    return {action: bool(roles & allowed) for action, allowed in MATRIX.items()}


def person_for_cli(username: str | None, action: str, staff: Any) -> Any:
    """For a CLI verb's `--as USERNAME`: that person, if they may perform the action in the staff.

    Without --as a verb acts for the installation's operator (who has the shell and the
    database anyway) and is audited as a command-line action. With --as it acts for the
    person, and the matrix decides exactly as in the web; a refusal is a CommandError.
    """
    if not username:
        return None
    from django.core.management.base import CommandError
    from django.utils.translation import gettext as _

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("Det finns inget aktivt konto ”%(name)s”.") % {"name": username})
    if not may(user, action, staff):
        raise CommandError(
            _("%(name)s har inte rätt till %(action)s i %(staff)s.")
            % {"name": username, "action": action, "staff": staff}
        )
    return user


def add_as_argument(parser: Any) -> None:
    """The `--as USERNAME` option of the verbs that act in a staff (see person_for_cli)."""
    from django.utils.translation import gettext as _

    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="ANVÄNDARNAMN",
        help=_("agera som den här personen; hennes behörighet i staben prövas och loggas"),
    )
