from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import AccessRole, Spokesperson, Staff, StaffMember, StaffRole

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")}
# These words are the staff area's own addresses, so a staff cannot be named after them.
RESERVED_SLUGS = {"ny", "medlem", "talesperson"}


class StaffForm(forms.ModelForm):
    class Meta:
        model = Staff
        fields = ["name", "slug", "purpose", "working_method"]
        help_texts = {
            "slug": _("Används i adresser. Små bokstäver, siffror och bindestreck."),
            "purpose": _("Varför staben finns och vad den ska åstadkomma."),
            "working_method": _("Hur staben arbetar: möten, rapportering, beslutsvägar."),
        }
        error_messages = {
            "name": {"required": _("Skriv stabens namn.")},
            "slug": {
                "required": _("Skriv ett kortnamn."),
                "invalid": _(
                    "Kortnamnet får bara innehålla små bokstäver, siffror och bindestreck."
                ),
                "unique": _("Det finns redan en stab med det kortnamnet."),
            },
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "working_method": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Kortnamnet är upptaget av systemet. Välj ett annat."))
        return slug


class StaffMemberForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = [
            "name",
            "staff_role",
            "access_role",
            "function",
            "organisation",
            "user",
            "event",
            "valid_from",
            "valid_to",
        ]
        help_texts = {
            "user": _("Koppla till ett konto om personen loggar in i Lägesbild."),
            "access_role": _(
                "Vad personen får göra i Lägesbild för den här staben, mellan från- och "
                "till-datum. Stabschef och utsedd beslutsfattare får dessutom sina rättigheter."
            ),
            "event": _("För den som är adjungerad: vilken händelse personen är med för."),
            "valid_from": _("Lämna tomt om personen ingår tills vidare."),
            "valid_to": _("Sista dagen personen ingår i staben."),
        }
        error_messages = {"name": {"required": _("Skriv personens namn.")}}
        widgets = {"valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("valid_from", "valid_to"):
            self.fields[name].error_messages.update(DATE_ERRORS)
        # Left out, a member only reads: the least a membership can give.
        self.fields["access_role"].required = False

    def clean_access_role(self) -> str:
        return self.cleaned_data.get("access_role") or AccessRole.READER

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Till-datumet kan inte vara före från-datumet."))
        if data.get("staff_role") == StaffRole.ADDED:
            if not (data.get("event") or "").strip():
                self.add_error("event", _("Skriv vilken händelse personen är adjungerad för."))
            if not start:
                self.add_error("valid_from", _("Ange från vilket datum personen är adjungerad."))
        return data


class SpokespersonForm(forms.ModelForm):
    class Meta:
        model = Spokesperson
        fields = ["name", "title", "phone", "email", "position"]
        help_texts = {"position": _("Lägre tal visas först.")}
        error_messages = {
            "name": {"required": _("Skriv talespersonens namn.")},
            "email": {"invalid": _("Skriv en giltig e-postadress, t.ex. namn@region.se.")},
        }
