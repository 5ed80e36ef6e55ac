"""Managing distribution lists, importing recipients, and which lists a series goes to."""

from dataclasses import asdict

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.permissions import check_staff, require, staffs_for
from lagesbild.distribution.forms import (
    DistributionListForm,
    ImportForm,
    RecipientForm,
    SeriesDistributionForm,
)
from lagesbild.distribution.models import DistributionList, Recipient
from lagesbild.distribution.services import series_distribution_get
from lagesbild.distribution.services.lists import (
    ImportFileError,
    ImportRow,
    distribution_list_create,
    recipient_add,
    recipients_import,
    recipients_parse,
    series_distribution_update,
)
from lagesbild.distribution.services.lists import recipient_remove as remove_recipient
from lagesbild.reports.models import Series

SESSION_KEY = "distribution_import"


def _list_form(request: HttpRequest) -> DistributionListForm:
    form = DistributionListForm(request.POST if request.method == "POST" else None)
    # A list can be made only in a staff where the person manages distribution.
    form.fields["staff"].queryset = staffs_for(request.user, "manage_distribution")  # type: ignore[attr-defined]
    return form


def _list(request: HttpRequest, pk: int) -> DistributionList:
    lst = get_object_or_404(DistributionList.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_distribution", lst.staff)
    return lst


@require("manage_distribution")
def index(request: HttpRequest) -> HttpResponse:
    allowed = staffs_for(request.user, "manage_distribution")
    lists = (
        DistributionList.objects.filter(staff__in=allowed)
        .select_related("staff")
        .order_by("staff__name", "name")
    )
    series = (
        Series.objects.filter(staff__in=allowed)
        .select_related("staff", "distribution")
        .prefetch_related("distribution__lists")
    )
    return render(
        request,
        "distribution/index.html",
        {"lists": lists, "series_list": series, "form": _list_form(request)},
    )


@require("manage_distribution")
@require_POST
def list_create(request: HttpRequest) -> HttpResponse:
    form = _list_form(request)
    if form.is_valid():
        lst = distribution_list_create(
            staff=form.cleaned_data["staff"],
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Sändlistan ”%(name)s” är skapad.") % {"name": lst.name})
        return redirect("distribution:list_detail", pk=lst.pk)
    allowed = staffs_for(request.user, "manage_distribution")
    lists = DistributionList.objects.filter(staff__in=allowed).select_related("staff")
    series = Series.objects.filter(staff__in=allowed).select_related("staff")
    return render(
        request,
        "distribution/index.html",
        {"lists": lists, "series_list": series, "form": form},
        status=400,
    )


@require("manage_distribution")
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lst = _list(request, pk)
    form = RecipientForm(request.POST or None, distribution_list=lst)
    if request.method == "POST" and form.is_valid():
        recipient = recipient_add(
            distribution_list=lst,
            by=request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )
        messages.success(request, _("%(who)s är tillagd.") % {"who": recipient})
        return redirect("distribution:list_detail", pk=lst.pk)
    return render(
        request,
        "distribution/list_detail.html",
        {
            "list": lst,
            "recipients": lst.recipients.all()[:2000],
            "count": lst.recipients.count(),
            "form": form,
            "import_form": ImportForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require("manage_distribution")
def list_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → a preview with every problem and its row number → confirm imports all valid rows."""
    lst = _list(request, pk)
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("list") != lst.pk:
            messages.error(request, _("Inläsningen har gått ut. Välj filen igen."))
            return redirect("distribution:list_import", pk=lst.pk)
        rows = [ImportRow(**row) for row in pending["rows"]]
        count = recipients_import(distribution_list=lst, rows=rows, by=request.user)  # type: ignore[arg-type]
        del request.session[SESSION_KEY]
        messages.success(request, _("%(n)s mottagare är inlästa.") % {"n": count})
        return redirect("distribution:list_detail", pk=lst.pk)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = recipients_parse(
                filename=upload.name, content=upload.read(), distribution_list=lst
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            request.session[SESSION_KEY] = {
                "list": lst.pk,
                "rows": [asdict(row) for row in preview.valid],
            }
    return render(
        request,
        "distribution/list_import.html",
        {"list": lst, "form": form, "preview": preview},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require("manage_distribution")
@require_POST
def recipient_remove(request: HttpRequest, pk: int) -> HttpResponse:
    recipient = get_object_or_404(Recipient.objects.select_related("distribution_list"), pk=pk)
    check_staff(request, "manage_distribution", recipient.distribution_list.staff)
    list_pk = recipient.distribution_list_id
    remove_recipient(recipient=recipient, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Mottagaren är borttagen."))
    return redirect("distribution:list_detail", pk=list_pk)


@require("manage_distribution")
def series_settings(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_distribution", series.staff)
    config = series_distribution_get(series_id=series.pk)
    form = SeriesDistributionForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        series_distribution_update(
            config=config,
            lists=list(form.cleaned_data["lists"]),
            attach_pdf=form.cleaned_data["attach_pdf"],
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Utskicksinställningarna är sparade."))
        return redirect("distribution:index")
    return render(request, "distribution/series_settings.html", {"series": series, "form": form})
