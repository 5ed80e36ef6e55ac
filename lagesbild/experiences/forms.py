"""Forms of the experience collection; every field has a Swedish label and clear errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lagesbild.experiences.models import (
    DEFAULT_CATEGORIES,
    Channel,
    Collection,
    ParticipantCategory,
    Source,
    WebQuestion,
)

RESERVED_SLUGS = {"ny", "fraga"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class CollectionForm(forms.ModelForm):
    categories = forms.CharField(
        label=_("Deltagarkategorier"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("En kategori per rad."),
        initial="\n".join(DEFAULT_CATEGORIES),
    )

    class Meta:
        model = Collection
        fields = ["title", "slug", "purpose", "period_start", "period_end"]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["categories"] = "\n".join(c.name for c in self.instance.categories.all())

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("Kortnamnet är reserverat. Välj ett annat."))
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Perioden kan inte sluta före den börjar."))
        return data

    def category_names(self) -> list[str]:
        return _lines(self.cleaned_data["categories"])


class WebQuestionForm(forms.ModelForm):
    prompts = forms.CharField(
        label=_("Frågor"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En fråga per rad. Varje fråga får ett eget svarsfält."),
    )

    class Meta:
        model = WebQuestion
        fields = [
            "title",
            "slug",
            "introduction",
            "ask_category",
            "consent_text",
            "opens_on",
            "closes_on",
            "max_length",
        ]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "consent_text": _("Lämna tomt om inget samtycke behövs."),
            "slug": _("Frågan nås på /erfarenheter/fraga/<kortnamn>/."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["prompts"] = "\n".join(
                p.text for p in self.instance.prompts.filter(position__lt=1000)
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("Frågan kan inte stänga före den öppnar."))
        return data

    def prompt_texts(self) -> list[str]:
        return _lines(self.cleaned_data["prompts"])


class AnswerForm(forms.Form):
    """The public form: one text field per prompt, an optional category, a hidden honeypot."""

    # Bots fill every field; people never see this one (hidden by CSS, skipped by keyboard).
    website = forms.CharField(label=_("Lämna detta fält tomt"), required=False)

    def __init__(self, *args: Any, question: WebQuestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        self.prompts = list(question.prompts.filter(position__lt=1000))
        for prompt in self.prompts:
            self.fields[f"answer_{prompt.pk}"] = forms.CharField(
                label=prompt.text,
                required=False,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        if question.ask_category:
            choices = [(str(c.pk), c.name) for c in question.collection.categories.all()]
            self.fields["category"] = forms.ChoiceField(
                label=_("Var arbetar du?"),
                required=False,
                choices=[*choices, ("", _("Vill inte ange"))],
                widget=forms.RadioSelect,
                initial="",
            )
        if question.consent_text:
            self.fields["consent"] = forms.BooleanField(
                label=question.consent_text,
                error_messages={"required": _("Du behöver godkänna texten för att skicka svaret.")},
            )

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{p.pk}"] for p in self.prompts]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        limit = self.question.max_length
        for prompt in self.prompts:
            name = f"answer_{prompt.pk}"
            text = data.get(name, "")
            if len(text) > limit:
                self.add_error(
                    name,
                    _("Svaret får vara högst %(limit)d tecken – ditt är %(n)d. Korta det lite.")
                    % {"limit": limit, "n": len(text)},
                )
        if not any(data.get(f"answer_{p.pk}") for p in self.prompts):
            raise ValidationError(_("Skriv ett svar innan du skickar."))
        return data

    def answers(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"answer_{p.pk}", "") for p in self.prompts}

    def category(self) -> ParticipantCategory | None:
        value = self.cleaned_data.get("category")
        return self.question.collection.categories.filter(pk=value).first() if value else None


class SourceForm(forms.ModelForm):
    """Register or edit a meeting, letter or interview; the text is typed or uploaded."""

    document = forms.FileField(
        label=_("Dokument (DOCX, PDF eller TXT)"),
        required=False,
        help_text=_("Texten hämtas ur dokumentet. Originalet sparas."),
    )
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )

    FIELDS: dict[str, list[str]] = {
        Channel.MEETING: ["title", "date", "place", "online", "organiser", "category"],
        Channel.LETTER: ["title", "date", "sender", "addressee", "registration_number", "category"],
        Channel.INTERVIEW: ["title", "date", "interviewee_role", "category", "organiser"],
    }
    LABELS: dict[str, dict[str, Any]] = {
        Channel.MEETING: {"organiser": _("Arrangör"), "date": _("Datum för mötet")},
        Channel.LETTER: {
            "date": _("Inkom"),
            "sender": _("Avsändare (person eller grupp, eller ”anonym”)"),
        },
        Channel.INTERVIEW: {
            "organiser": _("Intervjuare"),
            "category": _("Den intervjuades kategori"),
        },
    }

    class Meta:
        model = Source
        fields = [
            "title",
            "date",
            "category",
            "place",
            "online",
            "organiser",
            "sender",
            "addressee",
            "registration_number",
            "interviewee_role",
        ]
        widgets = {"date": DATE}

    def __init__(self, *args: Any, collection: Collection, channel: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel = channel
        keep = self.FIELDS.get(channel, ["title", "date", "category"])
        for name in list(self.Meta.fields):
            if name not in keep:
                del self.fields[name]
        for name, label in self.LABELS.get(channel, {}).items():
            if name in self.fields:
                self.fields[name].label = label
        self.fields["date"].required = True
        self.fields["category"].queryset = collection.categories.all()  # type: ignore[attr-defined]
        self.fields["category"].empty_label = _("Okänd eller blandad")  # type: ignore[attr-defined]
        if channel == Channel.INTERVIEW:
            self.fields["interviewee_role"].help_text = _(
                "Roll, till exempel ”sjuksköterska, akutmottagning”. Aldrig namn."
            )
            self.fields["interviewee_role"].required = True
        if self.instance.pk:
            # The redacted text: the original is for the administrator's audited view only.
            self.initial["text"] = self.instance.text
            self.fields["text"].help_text = _(
                "Maskerade uppgifter visas som till exempel [personnummer] och förblir maskerade."
            )
        self.attendance_fields: list[str] = []
        if channel == Channel.MEETING:
            current = (
                {a.category_id: a.count for a in self.instance.attendance.all()}
                if self.instance.pk
                else {}
            )
            for category in collection.categories.all():
                name = f"attendance_{category.pk}"
                self.fields[name] = forms.IntegerField(
                    label=category.name,
                    required=False,
                    min_value=0,
                    initial=current.get(category.pk),
                )
                self.attendance_fields.append(name)

    def attendance_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.attendance_fields]

    def attendance(self) -> dict[int, int]:
        return {
            int(name.split("_")[1]): self.cleaned_data.get(name) or 0
            for name in self.attendance_fields
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.instance.pk and not data.get("text") and not data.get("document"):
            raise ValidationError(_("Skriv texten eller ladda upp ett dokument."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class DocumentsForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Kanal"),
        choices=[(c.value, c.label) for c in (Channel.MEETING, Channel.LETTER, Channel.INTERVIEW)],
    )
    date = forms.DateField(label=_("Datum"), widget=DATE)
    category = forms.ModelChoiceField(
        label=_("Deltagarkategori"),
        queryset=ParticipantCategory.objects.none(),
        required=False,
        empty_label=_("Okänd eller blandad"),
    )
    documents = MultipleFileField(
        label=_("Dokument (DOCX, PDF eller TXT; flera går bra)"),
        help_text=_("Varje dokument blir en källa. Skannade PDF:er markeras för inskrivning."),
    )

    def __init__(self, *args: Any, collection: Collection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = collection.categories.all()  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Enkätexport (CSV eller XLSX)"),
        help_text=_("Till exempel från Microsoft Forms, Netigate eller LimeSurvey."),
    )


class MappingForm(forms.Form):
    text_columns = forms.MultipleChoiceField(
        label=_("Svarskolumner (text)"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Varje vald kolumn blir en källa per svarande, kopplad till frågan."),
        error_messages={"required": _("Välj minst en kolumn med svarstext.")},
    )
    category_column = forms.ChoiceField(label=_("Kolumn med deltagarkategori"), required=False)
    date_column = forms.ChoiceField(label=_("Kolumn med datum"), required=False)
    attribute_columns = forms.MultipleChoiceField(
        label=_("Övriga kolumner att spara"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.ChoiceField(
        label=_("Kanal"),
        choices=[(c.value, c.label) for c in (Channel.SURVEY, Channel.WEB)],
        initial=Channel.SURVEY,
    )

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(h, h) for h in headers]
        optional = [("", _("(ingen)")), *choices]
        self.fields["text_columns"].choices = choices  # type: ignore[attr-defined]
        self.fields["attribute_columns"].choices = choices  # type: ignore[attr-defined]
        self.fields["category_column"].choices = optional  # type: ignore[attr-defined]
        self.fields["date_column"].choices = optional  # type: ignore[attr-defined]


class MarkPersonalForm(forms.Form):
    phrase = forms.CharField(
        label=_("Exakt fras att maskera (till exempel ett namn)"),
        max_length=300,
        help_text=_("Alla förekomster i källan ersätts med [personuppgift]."),
    )


class SourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök i texten"), required=False)
    channel = forms.ChoiceField(
        label=_("Kanal"), required=False, choices=[("", _("Alla")), *Channel.choices]
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        required=False,
        queryset=ParticipantCategory.objects.none(),
        empty_label=_("Alla"),
    )
    date_from = forms.DateField(label=_("Från"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Till"), required=False, widget=DATE)

    def __init__(self, *args: Any, collection: Collection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = collection.categories.all()  # type: ignore[attr-defined]
