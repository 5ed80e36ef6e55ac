from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.permissions import users_with
from lagesbild.journal.models import Category, Meeting, Task
from lagesbild.staff.models import Staff

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def _field(form: forms.BaseForm, name: str) -> Any:
    """A form field whose queryset depends on the staff (typed loosely on purpose)."""
    return form.fields[name]


def staff_members(staff: Staff) -> Any:
    """People who may keep the journal in this staff today: who tasks can be given to."""
    return users_with("write_journal", staff).order_by("first_name", "last_name", "username")


class EntryForm(forms.Form):
    event_at = forms.DateTimeField(
        label=_("Händelsens tid"),
        widget=DATETIME,
        help_text=_("När det hände; anteckningens egen tid sätts när du sparar."),
    )
    category = forms.ChoiceField(label=_("Kategori"), choices=Category.choices)
    text = forms.CharField(label=_("Vad hände?"), widget=forms.Textarea(attrs={"rows": 4}))
    key_event = forms.BooleanField(label=_("Nyckelhändelse (visas på tidslinjen)"), required=False)
    attachment = forms.FileField(label=_("Bilaga"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("event_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("Bilagan är för stor (högst 20 MB)."))
        return upload


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Rättad text"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Originalet står kvar och visar att det är rättat."),
    )


class JournalFilterForm(forms.Form):
    start = forms.DateField(label=_("Från"), required=False, widget=DATE)
    end = forms.DateField(label=_("Till"), required=False, widget=DATE)
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Alla"))] + Category.choices
    )
    key = forms.BooleanField(label=_("Bara nyckelhändelser"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Slutdatum ligger före startdatum."))
        return data


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "horizon",
            "owner",
            "due_date",
            "priority",
            "status",
            "drop_reason",
            "decisions",
            "risks",
            "findings",
        ]
        widgets = {
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "drop_reason": forms.Textarea(attrs={"rows": 2}),
            "decisions": forms.CheckboxSelectMultiple,
            "risks": forms.CheckboxSelectMultiple,
            "findings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = self.instance.staff
        _field(self, "owner").queryset = staff_members(staff)
        # The linked apps' models are reached through the relations, so the journal imports none.
        for name, lookup in (
            ("decisions", "staff"),
            ("risks", "staff"),
            ("findings", "review__staff"),
        ):
            related: Any = Task._meta.get_field(name).related_model
            _field(self, name).queryset = related._default_manager.filter(**{lookup: staff})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == "dropped" and not (data.get("drop_reason") or "").strip():
            self.add_error("drop_reason", _("Skriv varför frågan avförs."))
        return data


class TaskProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    text = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Dropping needs a reason, so it is done from the full form.
        _field(self, "status").choices = [
            c for c in Task._meta.get_field("status").choices or [] if c[0] != "dropped"
        ]
        self.initial.setdefault("status", task.status)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "held_at", "minutes"]
        widgets = {"held_at": DATETIME, "minutes": forms.Textarea(attrs={"rows": 10})}
