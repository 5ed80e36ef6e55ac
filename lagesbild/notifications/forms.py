from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lagesbild.notifications.models import Kind


class PreferencesForm(forms.Form):
    """Two checkboxes per kind: by e-mail and on the start page."""

    def __init__(self, *args: Any, current: dict[str, tuple[bool, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            by_email, on_page = current[kind.value]
            self.fields[f"{kind.value}_email"] = forms.BooleanField(
                label=_("E-post"), required=False, initial=by_email
            )
            self.fields[f"{kind.value}_page"] = forms.BooleanField(
                label=_("Startsidan"), required=False, initial=on_page
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": kind.label,
                "email": self[f"{kind.value}_email"],
                "page": self[f"{kind.value}_page"],
            }
            for kind in Kind
        ]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind.value: (
                bool(self.cleaned_data[f"{kind.value}_email"]),
                bool(self.cleaned_data[f"{kind.value}_page"]),
            )
            for kind in Kind
        }
