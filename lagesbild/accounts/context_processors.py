from typing import Any

from django.http import HttpRequest

from lagesbild.accounts.permissions import MATRIX


def role(request: HttpRequest) -> dict[str, Any]:
    """Expose `may.<action>` to templates so menus show only what the user can do."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}}
    return {"may": {action: user.can(action) for action in MATRIX}}
