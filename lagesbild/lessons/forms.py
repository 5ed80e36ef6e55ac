"""Forms for lessons, their moves, evidence and actions; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import users_with
from lagesbild.lessons.models import ActionStatus, Area, Lesson, LessonState
from lagesbild.staff.models import Staff

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    area = forms.ChoiceField(label=_("Område"), choices=Area.choices, initial=Area.OTHER)
    observation = forms.CharField(
        label=_("Vad hände (observation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    statement = forms.CharField(
        label=_("Lärdomen, skriven för en läsare"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown. Behövs innan lärdomen markeras som identifierad."),
    )
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Varför lärdomen står utan belägg, om den gör det."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MoveForm(forms.Form):
    note = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    into = forms.ModelChoiceField(
        label=_("Slå ihop med"), queryset=Lesson.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, lesson: Lesson, to: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if to == LessonState.MERGED:
            self.fields["into"].queryset = (  # type: ignore[attr-defined]
                Lesson.objects.filter(staff=lesson.staff).open().exclude(pk=lesson.pk)
            )
            self.fields["into"].required = True
        else:
            del self.fields["into"]
        if to == LessonState.REJECTED:
            self.fields["note"].label = _("Varför avfärdas lärdomen?")
            self.fields["note"].required = True
        if to == LessonState.MERGED:
            self.fields["note"].label = _("Varför slås den ihop?")


class NoteEvidenceForm(forms.Form):
    note = forms.CharField(
        label=_("En persons iakttagelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel vad en verksamhetschef berättade på ett möte."),
    )


def _owners(staff: Staff) -> Any:
    return users_with("lesson_view", staff).order_by("first_name", "last_name", "username")


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.display_name()


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Åtgärd"), widget=forms.Textarea(attrs={"rows": 3}))
    owner_user = OwnerChoice(
        label=_("Ansvarig person"), queryset=User.objects.none(), required=False
    )
    owner_org = forms.CharField(
        label=_("Ansvarig organisation"),
        max_length=300,
        required=False,
        help_text=_("Till exempel ”Region Västra Götaland, IT-avdelningen”."),
    )
    due = forms.DateField(label=_("Klart senast"), required=False, widget=DATE)
    note = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, staff: Staff, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = _owners(staff)  # type: ignore[attr-defined]


class ActionStatusForm(forms.Form):
    note = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, to: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if to == ActionStatus.VERIFIED:
            self.fields["note"].label = _("Hur kontrollerades att åtgärden fungerade?")
        if to == ActionStatus.DROPPED:
            self.fields["note"].label = _("Varför stryks åtgärden?")
            self.fields["note"].required = True
