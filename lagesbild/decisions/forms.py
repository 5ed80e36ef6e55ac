from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.permissions import users_with
from lagesbild.decisions import scales
from lagesbild.decisions.models import (
    Agreement,
    ConsequenceArea,
    Criterion,
    Decision,
    Finding,
    FindingAction,
    Mitigation,
    Obligation,
    Option,
    Review,
    Risk,
)
from lagesbild.decisions.models.options import score_max
from lagesbild.decisions.services.lessons import lessons_citable
from lagesbild.experiences.services.files import FileRefused, detect_type
from lagesbild.lessons.models import Lesson
from lagesbild.staff.models import Staff

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _field(form: forms.BaseForm, name: str) -> Any:
    """A form field whose choices or queryset depend on the staff (typed loosely on purpose)."""
    return form.fields[name]


def _document_clean(upload: Any) -> Any:
    """A review report or an agreement must really be the PDF or Word file it claims to be."""
    if not upload or not hasattr(upload, "read"):
        return upload
    data = upload.read()
    upload.seek(0)
    try:
        detect_type(upload.name, data, {"pdf", "docx"})
    except FileRefused as exc:
        raise forms.ValidationError(str(exc)) from exc
    return upload


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(label=_("Sannolikhet"), coerce=int, choices=())
    consequence = forms.TypedChoiceField(label=_("Konsekvens (grad)"), coerce=int, choices=())

    class Meta:
        model = Risk
        fields = [
            "title",
            "cause",
            "consequence_text",
            "areas",
            "likelihood",
            "consequence",
            "owner",
            "status",
            "next_review",
        ]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "next_review": DATE,
            "cause": forms.Textarea(attrs={"rows": 3}),
            "consequence_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "likelihood").choices = scales.likelihood_choices()
        _field(self, "consequence").choices = scales.consequence_choices()
        _field(self, "areas").queryset = ConsequenceArea.objects.filter(
            staff_id=self.instance.staff_id
        )
        if self.instance.pk:
            # An assessment changes only with a reason, through the assessment form.
            del self.fields["likelihood"]
            del self.fields["consequence"]


class AssessmentForm(forms.Form):
    option = forms.ModelChoiceField(
        label=_("Under vägval"),
        queryset=Option.objects.none(),
        required=False,
        empty_label=_("Samlad bedömning (inget särskilt vägval)"),
    )
    likelihood = forms.TypedChoiceField(label=_("Sannolikhet"), coerce=int, choices=())
    consequence = forms.TypedChoiceField(label=_("Konsekvens (grad)"), coerce=int, choices=())
    reason = forms.CharField(
        label=_("Varför ändras bedömningen?"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, risk: Risk, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "option").queryset = Option.objects.filter(staff_id=risk.staff_id)
        _field(self, "likelihood").choices = scales.likelihood_choices()
        _field(self, "consequence").choices = scales.consequence_choices()
        self.initial.setdefault("likelihood", risk.likelihood)
        self.initial.setdefault("consequence", risk.consequence)


class FollowUpFormMixin:
    class Meta:
        fields = ["description", "owner", "due_date", "status"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class MitigationForm(forms.ModelForm):
    class Meta(FollowUpFormMixin.Meta):
        model = Mitigation


class FindingActionForm(forms.ModelForm):
    class Meta(FollowUpFormMixin.Meta):
        model = FindingAction


class ObligationForm(forms.ModelForm):
    class Meta(FollowUpFormMixin.Meta):
        model = Obligation
        fields = ["party", *FollowUpFormMixin.Meta.fields, "followed_by"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only someone who may open the agreement can follow it up (a choice outside this
        # list, crafted or stale, is refused by the field).
        people = _field(self, "followed_by")
        people.queryset = users_with("read_decisions", self.instance.agreement.staff).order_by(
            "first_name", "last_name", "username"
        )
        people.label_from_instance = lambda u: u.get_full_name() or u.username
        people.empty_label = _("Ingen särskild – stabschefen och beslutsfattarna")


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = [
            "title",
            "reviewer",
            "commissioned_by",
            "started_on",
            "delivered_on",
            "summary",
            "document",
        ]
        widgets = {"started_on": DATE, "delivered_on": DATE}

    def clean_document(self) -> Any:
        return _document_clean(self.cleaned_data.get("document"))


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = [
            "title",
            "is_recommendation",
            "text",
            "severity",
            "response",
            "response_reason",
            "status",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "response_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("response") in ("partly", "disagree")
            and not (data.get("response_reason") or "").strip()
        ):
            self.add_error("response_reason", _("Motivera varför staben inte instämmer helt."))
        return data


class OptionForm(forms.ModelForm):
    class Meta:
        model = Option
        fields = ["short_name", "title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


def lessons_field(form: forms.BaseForm, staff: Staff, cited: Any) -> None:
    """The staff's lessons to choose from (those already cited stay even if since rejected)."""
    field = _field(form, "lessons")
    field.queryset = lessons_citable(staff=staff, keep=list(cited or []))
    field.label_from_instance = lambda lesson: (
        f"{lesson.code} {lesson.title} ({lesson.get_state_display().lower()})"
    )


class LessonLinkForm(forms.Form):
    lessons = forms.ModelMultipleChoiceField(
        label=_("Lärdomar"),
        help_text=_("Lärdomar ur erfarenhetsinsamlingen som det här vilar på."),
        queryset=Lesson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, staff: Staff, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lessons_field(self, staff, self.initial.get("lessons"))


class ScoreForm(forms.Form):
    value = forms.TypedChoiceField(label=_("Poäng"), coerce=int, choices=())
    justification = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))
    risks = forms.ModelMultipleChoiceField(
        label=_("Risker som underlag"),
        queryset=Risk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = forms.ModelMultipleChoiceField(
        label=_("Iakttagelser som underlag"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lessons = forms.ModelMultipleChoiceField(
        label=_("Lärdomar som underlag"),
        queryset=Lesson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, option: Option, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "value").choices = [(i, str(i)) for i in range(1, score_max() + 1)]
        _field(self, "risks").queryset = Risk.objects.filter(staff_id=option.staff_id).active()
        _field(self, "findings").queryset = Finding.objects.filter(
            review__staff_id=option.staff_id
        ).select_related("review")
        lessons_field(self, option.staff, self.initial.get("lessons"))


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "title",
            "decision_text",
            "reasons",
            "decided_on",
            "decision_makers",
            "decided_by_body",
            "mandate",
            "registration_number",
            "what_follows",
            "relation",
            "previous",
            "options",
            "risks",
            "findings",
            "agreements",
        ]
        widgets = {
            "decided_on": DATE,
            "decision_text": forms.Textarea(attrs={"rows": 4}),
            "reasons": forms.Textarea(attrs={"rows": 4}),
            "what_follows": forms.Textarea(attrs={"rows": 3}),
            "decision_makers": forms.CheckboxSelectMultiple,
            "options": forms.CheckboxSelectMultiple,
            "risks": forms.CheckboxSelectMultiple,
            "findings": forms.CheckboxSelectMultiple,
            "agreements": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = self.instance.staff
        _field(self, "decision_makers").queryset = users_with("record_decision", staff)
        _field(self, "previous").queryset = Decision.objects.filter(staff=staff)
        _field(self, "options").queryset = Option.objects.filter(staff=staff)
        _field(self, "risks").queryset = Risk.objects.filter(staff=staff)
        _field(self, "findings").queryset = Finding.objects.filter(review__staff=staff)
        _field(self, "agreements").queryset = Agreement.objects.filter(staff=staff)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("decision_makers") and not (data.get("decided_by_body") or "").strip():
            self.add_error(
                "decided_by_body",
                _(
                    "Ange vem som fattade beslutet: beslutsfattare i staben eller ett beslutande organ."
                ),
            )
        if data.get("relation") and not data.get("previous"):
            self.add_error("previous", _("Välj det beslut som ändras eller upphävs."))
        return data


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "parties",
            "signed_on",
            "ends_on",
            "registration_number",
            "summary",
            "document",
        ]
        widgets = {"signed_on": DATE, "ends_on": DATE}

    def clean_document(self) -> Any:
        return _document_clean(self.cleaned_data.get("document"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        signed, ends = data.get("signed_on"), data.get("ends_on")
        if signed and ends and ends < signed:
            self.add_error("ends_on", _("Avtalet kan inte upphöra innan det undertecknades."))
        return data


class BasisScopeForm(forms.Form):
    """Which options, risks and findings one decision basis report covers."""

    options = forms.ModelMultipleChoiceField(
        label=_("Vägval som underlaget jämför"),
        queryset=Option.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett vägval.")},
    )
    risks = forms.ModelMultipleChoiceField(
        label=_("Risker"),
        help_text=_("Välj inga för att ta med alla aktiva risker."),
        queryset=Risk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = forms.ModelMultipleChoiceField(
        label=_("Iakttagelser från den externa granskningen"),
        help_text=_("Välj inga för att ta med alla iakttagelser."),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, staff_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = _field(self, "options")
        options.queryset = Option.objects.filter(staff_id=staff_id)
        options.label_from_instance = lambda o: f"{o.short_name}: {o.title}"
        risks = _field(self, "risks")
        risks.queryset = Risk.objects.filter(staff_id=staff_id).active()
        risks.label_from_instance = lambda r: f"{r.code} {r.title} ({r.level_label.lower()})"
        findings = _field(self, "findings")
        findings.queryset = Finding.objects.filter(review__staff_id=staff_id).select_related(
            "review"
        )
        findings.label_from_instance = lambda f: f"{f.code} {f.title} ({f.review.title})"
