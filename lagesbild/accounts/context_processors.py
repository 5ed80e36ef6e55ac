from typing import Any

from django.http import HttpRequest

from lagesbild.accounts.permissions import may_map


def role(request: HttpRequest) -> dict[str, Any]:
    """Expose `may.<action>` for buttons and `may_any.<action>` for the main menu.

    `may` is scoped to the staff the view last checked with permissions.check_staff (the
    page's staff), otherwise "in any staff"; a view's own `may` in its context wins.
    `may_any` is always "in any staff", so the menu stays the same on every page.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}, "may_any": {}}
    staff = getattr(request, "permission_staff", None)
    anywhere = may_map(user)
    return {"may": may_map(user, staff) if staff is not None else anywhere, "may_any": anywhere}
