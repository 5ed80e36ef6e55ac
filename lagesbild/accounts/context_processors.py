from typing import Any

from django.http import HttpRequest

from lagesbild.accounts.permissions import may_map


def role(request: HttpRequest) -> dict[str, Any]:
    """Expose `may.<action>` (in any staff) so menus show only what the user can do.

    Pages about one staff pass their own `may` (permissions.may_map(user, staff)), which wins.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}}
    return {"may": may_map(user)}
