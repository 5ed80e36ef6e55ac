"""Forms for press inquiries, media coverage and the FAQ."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.models import User
from lagesbild.communications.forms import URL_ERROR
from lagesbild.communications.models import MediaCoverage, PressInquiry

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DATETIME_ERRORS = {"invalid": _("Skriv tiden som ÅÅÅÅ-MM-DD TT:MM.")}


class PeopleField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name())


class PressInquiryForm(forms.ModelForm):
    received_at = forms.DateTimeField(
        label=_("Inkom"),
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        error_messages={"required": _("Ange när frågan kom in."), **DATETIME_ERRORS},
    )
    deadline = forms.DateTimeField(
        label=_("Deras deadline"),
        required=False,
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        error_messages=DATETIME_ERRORS,
    )
    handler = PeopleField(label=_("Handläggare"), queryset=User.objects.none(), required=False)

    class Meta:
        model = PressInquiry
        fields = [
            "journalist",
            "outlet",
            "contact",
            "received_at",
            "deadline",
            "question",
            "handler",
            "spokesperson",
            "line",
            "answer",
            "status",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "line": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "line": _("Det budskap staben står för i svaret."),
            "contact": _("Telefon eller e-post. Visas bara för dem som hanterar press."),
        }
        error_messages = {
            "journalist": {"required": _("Skriv journalistens namn.")},
            "outlet": {"required": _("Skriv redaktionen.")},
            "question": {"required": _("Skriv frågan.")},
        }

    def __init__(self, *args: Any, handlers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PeopleField, self.fields["handler"]).queryset = (
            handlers if handlers is not None else User.objects.none()
        )
        spokesperson = cast(forms.ModelChoiceField, self.fields["spokesperson"])  # type: ignore[type-arg]
        spokesperson.queryset = self.instance.staff.spokespersons.all()
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        received, deadline = data.get("received_at"), data.get("deadline")
        if received and deadline and deadline < received:
            self.add_error("deadline", _("Deadline kan inte vara före att frågan kom in."))
        if data.get("status") == "answered" and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Skriv svaret innan frågan markeras som besvarad."))
        return data


class MediaCoverageForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Länk"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": URL_ERROR},
    )

    class Meta:
        model = MediaCoverage
        fields = [
            "date",
            "outlet",
            "kind",
            "spread",
            "headline",
            "url",
            "reach",
            "tone",
            "quoted",
            "topic",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "reach": _("Läsare, lyssnare eller visningar, om det är känt."),
            "quoted": _("Namn, åtskilda med kommatecken."),
            "topic": _(
                "Samma ämne samlar inslagen i veckosammanställningen, t.ex. Pausöverenskommelsen."
            ),
        }
        error_messages = {
            "date": {"required": _("Ange datum."), "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
            "outlet": {"required": _("Skriv mediet.")},
            "headline": {"required": _("Skriv rubriken.")},
            "topic": {"required": _("Ange ämnet.")},
        }


class FaqForm(forms.Form):
    group = forms.CharField(
        label=_("Grupp"), max_length=200, error_messages={"required": _("Ange en grupp.")}
    )
    question = forms.CharField(
        label=_("Fråga"), max_length=400, error_messages={"required": _("Skriv frågan.")}
    )
    answer = forms.CharField(
        label=_("Svar"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Ett publicerat svar ändras aldrig: en ändring blir en ny version."),
        error_messages={"required": _("Skriv svaret.")},
    )
    change_note = forms.CharField(
        label=_("Vad som ändrats"),
        max_length=300,
        required=False,
        help_text=_("Visas för läsarna. Krävs när ett publicerat svar ändras."),
    )
    owner = PeopleField(label=_("Ansvarig"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PeopleField, self.fields["owner"]).queryset = (
            owners if owners is not None else User.objects.none()
        )
