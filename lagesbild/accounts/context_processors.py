from typing import Any

from django.http import HttpRequest

from lagesbild.accounts.permissions import may_map


def role(request: HttpRequest) -> dict[str, Any]:
    """Expose `may.<action>` so menus and buttons show only what the user can do.

    Scoped to the staff the view last checked with permissions.check_staff (the page's staff),
    otherwise "in any staff". A view's own `may` in its context wins over this one.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}}
    return {"may": may_map(user, getattr(request, "permission_staff", None))}
