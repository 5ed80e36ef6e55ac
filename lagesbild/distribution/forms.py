from django import forms
from django.utils.translation import gettext_lazy as _

from lagesbild.distribution.models import DistributionList, Recipient, SeriesDistribution

IMPORT_MAX_BYTES = 5 * 1024 * 1024


class DistributionListForm(forms.ModelForm):
    class Meta:
        model = DistributionList
        fields = ["staff", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": _("Skriv listans namn.")}}

    def clean(self) -> dict:
        data = super().clean() or {}
        if DistributionList.objects.filter(staff=data.get("staff"), name=data.get("name")).exists():
            self.add_error("name", _("Det finns redan en lista med det namnet."))
        return data


class RecipientForm(forms.ModelForm):
    class Meta:
        model = Recipient
        fields = ["name", "email", "organisation"]
        error_messages = {
            "name": {"required": _("Skriv mottagarens namn.")},
            "email": {
                "required": _("Skriv en e-postadress."),
                "invalid": _("Skriv en giltig e-postadress, t.ex. namn@region.se."),
            },
        }

    def __init__(
        self, *args: object, distribution_list: DistributionList, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.distribution_list = distribution_list

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.distribution_list.recipients.filter(email=email).exists():
            raise forms.ValidationError(_("Adressen finns redan på listan."))
        return email


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_("Kolumner: namn, e-post, organisation. Första raden får vara rubriker."),
        error_messages={"required": _("Välj en fil att läsa in.")},
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Välj en CSV- eller XLSX-fil."))
        return upload


class SeriesDistributionForm(forms.ModelForm):
    class Meta:
        model = SeriesDistribution
        fields = ["lists", "attach_pdf"]
        widgets = {"lists": forms.CheckboxSelectMultiple}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["lists"].queryset = DistributionList.objects.filter(  # type: ignore[attr-defined]
            staff_id=self.instance.series.staff_id
        )
