"""Uploading an archived house-style report: the file is parsed and saved in one go, or not at all."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.accounts.permissions import require, staffs_for
from lagesbild.reports.importing import ReportImportError, report_import
from lagesbild.reports.models import Series
from lagesbild.staff.models import Staff

MAX_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Rapportfil (Markdown, .md)"),
        help_text=gettext_lazy("En rapport i husstil, sparad som UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.markdown,.txt,text/markdown"}),
        error_messages={"required": gettext_lazy("Välj en fil att läsa in.")},
    )
    series = forms.ModelChoiceField(
        label=gettext_lazy("Serie"),
        queryset=Series.objects.select_related("staff"),
        required=False,
        empty_label=gettext_lazy("Hitta eller skapa serien från rapportens titel"),
    )
    staff = forms.ModelChoiceField(
        label=gettext_lazy("Stab (om serien skapas från titeln)"),
        queryset=Staff.objects.all(),
        required=False,
        empty_label=gettext_lazy("Ingen vald"),
        help_text=gettext_lazy(
            "Behövs bara när serien skapas från titeln och det finns flera staber."
        ),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            # Only into series and staffs where the person may import.
            allowed = staffs_for(user, "import_report")
            series = self.fields["series"]
            series.queryset = series.queryset.filter(staff__in=allowed)  # type: ignore[attr-defined]
            self.fields["staff"].queryset = allowed  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("series") and not data.get("staff"):
            # Finding or creating the series from the title happens in the person's staff only.
            staffs = list(self.fields["staff"].queryset[:2])  # type: ignore[attr-defined]
            if len(staffs) == 1:
                data["staff"] = staffs[0]
            else:
                self.add_error("staff", _("Välj serie eller stab."))
        return data

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Filen är för stor (högst 2 MB)."))
        return upload


@require("import_report")
def report_import_upload(request: HttpRequest) -> HttpResponse:
    bound = request.method == "POST"
    form = ImportForm(
        request.POST if bound else None, request.FILES if bound else None, user=request.user
    )
    if bound and form.is_valid():
        try:
            report = report_import(
                text=form.cleaned_data["file"].read(),
                series=form.cleaned_data["series"],
                staff=form.cleaned_data["staff"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ReportImportError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("Rapporten är inläst som nr %(number)s i %(series)s och publicerad.")
                % {"number": report.number, "series": report.series.title},
            )
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/import_upload.html", {"form": form})
