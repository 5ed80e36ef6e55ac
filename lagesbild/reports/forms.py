"""Forms for writing reports and managing series; views validate these and call services."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.models import Role, User
from lagesbild.accounts.permissions import staffs_for, users_with
from lagesbild.communications.models import CommunicationAction, LinkCollection
from lagesbild.reports.citations import help_line, markdown_errors
from lagesbild.reports.computed import computed_choices
from lagesbild.reports.models import (
    ReportKind,
    ReportSection,
    SectionKind,
    SectionStatus,
    Series,
    SeriesKind,
    TemplateSection,
)
from lagesbild.staff.models import Spokesperson

LEVELS = [(2, _("Nivå 2 (huvudrubrik)")), (3, _("Nivå 3")), (4, _("Nivå 4"))]
WRITER_ROLES = [Role.ADMIN, Role.STAFF_LEAD, Role.EDITOR, Role.CONTRIBUTOR]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)

    def format_value(self, value: Any) -> Any:
        if hasattr(value, "tzinfo") and timezone.is_aware(value):
            value = timezone.localtime(value)
        return super().format_value(value)


def _datetime_field(label: Any, *, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H.%M"],
        error_messages={"invalid": _("Ange datum och tid, till exempel 2025-02-27 08:30.")},
    )


class NewReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ av rapport"),
        choices=ReportKind.choices,
        initial=ReportKind.ORDINARY,
        widget=forms.RadioSelect,
    )
    compiled_at = _datetime_field(_("Sammanställd"), required=False)
    deadline = _datetime_field(_("Deadline för skribenter"), required=False)


class ReportDetailsForm(forms.Form):
    compiled_at = _datetime_field(_("Sammanställd"), required=True)
    deadline = _datetime_field(_("Deadline för skribenter"), required=False)


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.short_date()}: {obj.title}"


class SectionForm(forms.Form):
    """The fields a section of this kind has; `revision` is the version the writer started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    heading = forms.CharField(label=_("Rubrik"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Punktlistor med - (dra in två mellanslag per nivå, upp till tre nivåer), "
            "**fet**, *kursiv*, [länktext](https://adress) och ### underrubrik."
        ),
    )

    def __init__(self, *args: Any, section: ReportSection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = section.report.series.staff
        self.staff = staff
        if citations_help := help_line():
            self.fields["body"].help_text = f"{self.fields['body'].help_text} {citations_help}"
        if section.kind == SectionKind.ACTIONS:
            self.fields["actions"] = ActionChoiceField(
                label=_("Urval av kommunikativa åtgärder"),
                queryset=CommunicationAction.objects.filter(staff=staff).order_by("-date", "-id"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        elif section.kind == SectionKind.LINKS:
            self.fields["link_collection"] = forms.ModelChoiceField(
                label=_("Länksamling"),
                queryset=LinkCollection.objects.filter(staff=staff),
                required=False,
                empty_label=_("(ingen)"),
            )
        elif section.kind == SectionKind.SPOKESPERSONS:
            self.fields["spokespersons"] = forms.ModelMultipleChoiceField(
                label=_("Talespersoner"),
                queryset=Spokesperson.objects.filter(staff=staff),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean_body(self) -> str:
        """Citations must name a quote or lesson of this staff; said on save, never a crash."""
        body: str = self.cleaned_data.get("body", "")
        errors = markdown_errors(body, self.staff)
        if errors:
            raise forms.ValidationError(errors)
        return body

    @staticmethod
    def initial_for(section: ReportSection) -> dict[str, Any]:
        return {
            "revision": section.revision,
            "heading": section.heading,
            "body": section.body,
            "actions": list(section.actions.all()),
            "link_collection": section.link_collection,
            "spokespersons": list(section.spokespersons.all()),
        }


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Skribent"),
        queryset=User.objects.filter(is_active=True, role__in=WRITER_ROLES).order_by(
            "first_name", "last_name", "username"
        ),
        required=False,
        empty_label=_("(ingen)"),
    )

    def __init__(self, *args: Any, staff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff is not None:
            # Only people who may write in the report's staff can be given a section.
            field = self.fields["assignee"]
            field.queryset = users_with("write_assigned_section", staff).order_by(  # type: ignore[attr-defined]
                "first_name", "last_name", "username"
            )
        self.fields["assignee"].label_from_instance = lambda u: u.display_name()  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SectionStatus.choices)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("Varför skickas rapporten tillbaka?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv varför rapporten skickas tillbaka.")},
    )


class CorrectForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till rättelsen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv skälet till rättelsen.")},
    )


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["staff", "title", "slug", "kind", "description"]
        labels = {
            "staff": _("Stab"),
            "title": _("Titel"),
            "slug": _("Kortnamn i adressen"),
            "description": _("Beskrivning"),
            "kind": _("Slag av dokument"),
        }
        help_texts = {"slug": _("Små bokstäver, siffror och bindestreck, t.ex. regional-rapport.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            # A series can be placed only in a staff where the person manages series.
            self.fields["staff"].queryset = staffs_for(user, "manage_series")  # type: ignore[attr-defined]
        if self.instance.pk:
            # A series keeps the kind it was made as: its template and sections depend on it.
            del self.fields["kind"]
        else:
            self.fields["kind"].required = False

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or SeriesKind.SITUATION)


class TemplateSectionForm(forms.ModelForm):
    level = forms.TypedChoiceField(label=_("Rubriknivå"), choices=LEVELS, coerce=int, initial=2)

    class Meta:
        model = TemplateSection
        fields = ["heading", "level", "kind", "body", "link_collection", "computed"]
        labels = {
            "heading": _("Rubrik"),
            "kind": _("Typ"),
            "body": _("Text (för stående text)"),
            "link_collection": _("Länksamling (för länkavsnitt)"),
            "computed": _("Beräknat innehåll (för beräknade avsnitt)"),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, series: Series, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["link_collection"]
        field.queryset = LinkCollection.objects.filter(staff=series.staff)  # type: ignore[attr-defined]
        field.empty_label = _("(ingen)")  # type: ignore[attr-defined]
        self.fields["computed"] = forms.ChoiceField(
            label=_("Beräknat innehåll (för beräknade avsnitt)"),
            choices=[("", _("(inget)")), *computed_choices()],
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") != SectionKind.STANDING and not data.get("heading"):
            self.add_error("heading", _("Ge avsnittet en rubrik."))
        if data.get("kind") == SectionKind.COMPUTED and not data.get("computed"):
            self.add_error("computed", _("Välj vilket innehåll avsnittet ska beräkna."))
        return data
