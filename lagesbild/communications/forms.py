from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from lagesbild.communications.models import CommunicationAction, Link, LinkCollection
from lagesbild.lib.markdown import is_protocol_relative

URL_ERROR = _("Skriv en fullständig adress som börjar med https:// (eller / för en sida här).")


class CommunicationActionForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Länk"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Adressen till nyheten, brevet eller sidan."),
        error_messages={"invalid": URL_ERROR},
    )

    class Meta:
        model = CommunicationAction
        fields = ["date", "title", "url", "channel", "description"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("Visas i rapporten som ”26/2: Rubrik”."),
        }
        error_messages = {
            "date": {
                "required": _("Ange datum."),
                "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
            },
            "title": {"required": _("Skriv en rubrik.")},
        }


class MonthFilterForm(forms.Form):
    manad = forms.ChoiceField(label=_("Månad"), required=False)

    def __init__(self, *args: Any, months: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["manad"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alla månader")), *months]


class LinkCollectionForm(forms.ModelForm):
    class Meta:
        model = LinkCollection
        fields = ["title"]
        error_messages = {"title": {"required": _("Skriv en rubrik för länksamlingen.")}}


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ["title", "url", "position"]
        labels = {"title": _("Länktext"), "url": _("Adress"), "position": _("Ordning")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A blank extra row is fine; a row with only one of text and address is not.
        self.fields["title"].required = False
        self.fields["url"].required = False
        self.fields["position"].required = False

    def clean_url(self) -> str:
        url: str = (self.cleaned_data.get("url") or "").strip()
        if url and not url.startswith(("https://", "http://", "/", "mailto:")):
            raise forms.ValidationError(URL_ERROR)
        if is_protocol_relative(url):
            # "//host/path" looks like a page here but leads to another site.
            raise forms.ValidationError(URL_ERROR)
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        title, url = (data.get("title") or "").strip(), data.get("url") or ""
        if title and not url and "url" not in self.errors:
            self.add_error("url", _("Skriv adressen till länken."))
        if url and not title:
            self.add_error("title", _("Skriv länktexten."))
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("title") or data.get("url"))


LinkFormSet = inlineformset_factory(
    LinkCollection, Link, form=LinkForm, extra=3, can_delete=True, can_delete_extra=False
)
