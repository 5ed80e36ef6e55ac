"""Forms of the analysis workspace; they validate input, services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Channel, Collection, ParticipantCategory, Prompt
from lagesbild.themes.models import Code, Codebook, ThemeRun

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _codes(codebook: Codebook) -> Any:
    return codebook.codes.active().order_by("position", "name")


class CodeForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("När koden ska användas – och när inte."),
    )
    colour = forms.CharField(
        label=_("Färg"), initial="#1d5fa8", widget=forms.TextInput(attrs={"type": "color"})
    )
    is_theme = forms.BooleanField(label=_("Det här är ett tema (inte en underkod)"), required=False)
    parent = forms.ModelChoiceField(
        label=_("Placera under"),
        queryset=Code.objects.none(),
        required=False,
        empty_label=_("– överst i kodboken –"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, codebook: Codebook, exclude: Code | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        codes = _codes(codebook)
        if exclude is not None:
            codes = codes.exclude(pk=exclude.pk)
        self.fields["parent"].queryset = codes  # type: ignore[attr-defined]

    def clean_colour(self) -> str:
        colour = str(self.cleaned_data["colour"])
        if not COLOUR.match(colour):
            raise forms.ValidationError(_("Ange färgen som #rrggbb."))
        return colour.lower()


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Slå ihop med"), queryset=Code.objects.none())

    def __init__(self, *args: Any, codebook: Codebook, code: Code, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = _codes(codebook).exclude(pk=code.pk)  # type: ignore[attr-defined]


class CodingForm(forms.Form):
    codes = forms.ModelMultipleChoiceField(
        label=_("Koder"), queryset=Code.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    start = forms.IntegerField(label=_("Från tecken"), required=False, min_value=0)
    end = forms.IntegerField(label=_("Till tecken"), required=False, min_value=1)
    phrase = forms.CharField(
        label=_("…eller skriv in texten som ska kodas"),
        required=False,
        max_length=5000,
        help_text=_("Den första förekomsten i texten kodas."),
    )

    def __init__(self, *args: Any, codebook: Codebook, text: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.text = text
        self.fields["codes"].queryset = _codes(codebook)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, phrase = data.get("start"), data.get("end"), (data.get("phrase") or "").strip()
        if self.data.get("whole"):
            data["start"], data["end"] = 0, len(self.text)
        elif start is None and end is None and phrase:
            at = self.text.find(phrase)
            if at < 0:
                raise forms.ValidationError(
                    _("Texten finns inte i källan. Kontrollera stavningen.")
                )
            data["start"], data["end"] = at, at + len(phrase)
        elif start is None or end is None:
            raise forms.ValidationError(
                _("Markera text i källan, ange från och till, eller skriv in texten som ska kodas.")
            )
        if not self.text:
            raise forms.ValidationError(_("Källan har ingen text att koda."))
        return data


class MemoForm(forms.Form):
    text = forms.CharField(label=_("Memo"), widget=forms.Textarea(attrs={"rows": 3}))


class RunForm(forms.Form):
    prompt = forms.ModelChoiceField(
        label=_("Fråga"),
        queryset=Prompt.objects.none(),
        required=False,
        empty_label=_("– alla frågor –"),
    )
    channel = forms.ChoiceField(label=_("Kanal"), required=False)
    backend = forms.ChoiceField(
        label=_("Metod"),
        choices=[
            ("tfidf", _("Ordbaserad (snabb, standard)")),
            ("e5", _("Språkmodell (e5, långsammare)")),
        ],
        initial="tfidf",
    )

    def __init__(self, *args: Any, collection: Collection, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["prompt"].queryset = collection.prompts.all()  # type: ignore[attr-defined]
        self.fields["channel"].choices = [("", _("– alla kanaler –")), *Channel.choices]  # type: ignore[attr-defined]


class GridFilterForm(forms.Form):
    SORTS = [
        ("-id", _("Nyast först")),
        ("id", _("Äldst först")),
        ("kategori", _("Deltagarkategori")),
        ("fraga", _("Fråga")),
    ]
    code = forms.ModelChoiceField(
        label=_("Kod"), queryset=Code.objects.none(), required=False, empty_label=_("– alla –")
    )
    category = forms.ModelChoiceField(
        label=_("Deltagarkategori"),
        queryset=ParticipantCategory.objects.none(),
        required=False,
        empty_label=_("– alla –"),
    )
    prompt = forms.ModelChoiceField(
        label=_("Fråga"), queryset=Prompt.objects.none(), required=False, empty_label=_("– alla –")
    )
    uncoded = forms.BooleanField(label=_("Bara okodade"), required=False)
    sort = forms.ChoiceField(label=_("Sortera"), choices=SORTS, required=False)

    def __init__(self, *args: Any, collection: Collection, codebook: Codebook, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["code"].queryset = _codes(codebook)  # type: ignore[attr-defined]
        self.fields["category"].queryset = collection.categories.all()  # type: ignore[attr-defined]
        self.fields["prompt"].queryset = collection.prompts.all()  # type: ignore[attr-defined]


class RenameForm(forms.Form):
    label = forms.CharField(label=_("Ny etikett"), max_length=200)


class RunChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("Temasökning #%(run)d, %(date)s (%(n)d bekräftade teman)") % {
            "run": obj.pk,
            "date": date_format(timezone.localtime(obj.created_at), "j F Y"),
            "n": getattr(obj, "n_confirmed", 0),
        }


class SampleForm(forms.Form):
    title = forms.CharField(label=_("Namn på provet"), max_length=200)
    size = forms.IntegerField(label=_("Antal källor"), min_value=2, max_value=500, initial=30)
    coder_a = forms.ModelChoiceField(label=_("Första kodaren"), queryset=User.objects.none())
    coder_b = forms.ModelChoiceField(
        label=_("Andra kodaren"), queryset=User.objects.none(), required=False
    )
    engine_run = RunChoiceField(
        label=_("…eller motorn som andra kodare"),
        help_text=_(
            "Motorn kodar provet direkt med de teman i temasökningen som är bekräftade som koder."
        ),
        queryset=ThemeRun.objects.none(),
        required=False,
        empty_label=_("Nej, två personer"),
    )

    def __init__(self, *args: Any, coders: Any, runs: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["coder_a"].queryset = coders  # type: ignore[attr-defined]
        self.fields["coder_b"].queryset = coders  # type: ignore[attr-defined]
        engine = self.fields["engine_run"]
        engine.queryset = runs if runs is not None else ThemeRun.objects.none()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("coder_b") and data.get("engine_run"):
            raise forms.ValidationError(_("Välj antingen en andra person eller motorn, inte båda."))
        if not data.get("coder_b") and not data.get("engine_run") and not self.errors:
            raise forms.ValidationError(_("Välj en andra kodare eller motorn."))
        return data
