"""Forms validate shape; the services decide the rules (so the CLI and views agree)."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.models import User
from lagesbild.records import linking
from lagesbild.records.decision_text import DEFAULT_APPEAL_NOTICE
from lagesbild.records.models import Channel, DocumentKind, Outcome, Review

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class HandlerField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name())


class RequestForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Inkom (datum och klockslag)"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": _("Ange när begäran kom in."),
            "invalid": _("Skriv tiden som ÅÅÅÅ-MM-DD TT:MM."),
        },
    )
    channel = forms.ChoiceField(label=_("Hur begäran kom in"), choices=Channel.choices)
    description = forms.CharField(
        label=_("Vad som begärs"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Beskriv vad som begärs.")},
    )
    requester_name = forms.CharField(
        label=_("Sökandens namn"),
        required=False,
        help_text=_("Frivilligt: den som begär ut en handling får vara anonym."),
    )
    requester_contact = forms.CharField(
        label=_("Sökandens kontaktuppgifter"),
        required=False,
        help_text=_("Frivilligt. Tas bort när lagringstiden gått ut."),
    )
    handler = HandlerField(label=_("Handläggare"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, handlers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(HandlerField, self.fields["handler"])
        field.queryset = handlers if handlers is not None else User.objects.none()
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class AssignForm(forms.Form):
    handler = HandlerField(label=_("Handläggare"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, handlers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(HandlerField, self.fields["handler"])
        field.queryset = handlers if handlers is not None else User.objects.none()


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Handling"),
        max_length=300,
        error_messages={"required": _("Ange vilken handling det gäller.")},
    )
    kind = forms.ChoiceField(label=_("Typ"), choices=DocumentKind.choices)
    original = forms.FileField(
        label=_("Fil (original)"),
        required=False,
        help_text=_("E-post, protokoll eller avtal. Visas bara för handläggare."),
    )
    link_kind = forms.ChoiceField(label=_("Länkad handling: typ"), required=False)
    link_id = forms.IntegerField(
        label=_("Länkad handling: id"),
        required=False,
        min_value=1,
        help_text=_("Numret i adressen, t.ex. 12 i /rapporter/rapport/12/."),
        error_messages={"invalid": _("Ange ett nummer.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["link_kind"]).choices = [("", "–")] + linking.choices()


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Sekretessprövning"),
        choices=Review.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj utfallet av sekretessprövningen.")},
    )
    legal_ground = forms.CharField(
        label=_("Lagrum i OSL"),
        required=False,
        help_text=_(
            "Krävs vid maskering och när handlingen inte lämnas ut, t.ex. 21 kap. 7 § OSL."
        ),
    )
    released_file = forms.FileField(
        label=_("Utlämnad version (maskerad)"),
        required=False,
        help_text=_("Sparas bredvid originalet."),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beslut"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj beslut.")},
    )
    grounds = forms.CharField(
        label=_("Skäl"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Krävs vid avslag och delvis utlämnande."),
    )
    appeal_notice = forms.CharField(
        label=_("Överklagandehänvisning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        initial=DEFAULT_APPEAL_NOTICE,
        help_text=_("Krävs vid avslag och delvis utlämnande."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Komplettering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv vad kompletteringen gäller.")},
    )


class ReleasedSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök bland utlämnade handlingar"), required=False)
