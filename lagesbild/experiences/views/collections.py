"""The area's start page, collections and their dashboard."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require, staffs_for
from lagesbild.experiences.forms import CollectionForm
from lagesbild.experiences.models import Attendance, Channel, Collection, Source
from lagesbild.experiences.services import collection_create, collection_set_categories
from lagesbild.experiences.views import collection_for


@require("analyse_experiences")
def index(request: HttpRequest) -> HttpResponse:
    collections = (
        Collection.objects.filter(staff__in=staffs_for(request.user, "analyse_experiences"))
        .select_related("staff")
        .annotate(n=Count("sources"))
    )
    return render(request, "experiences/index.html", {"collections": collections})


@require("manage_experiences")
def collection_new(request: HttpRequest) -> HttpResponse:
    # The collection belongs to the first staff where the person may manage experiences.
    staff = staffs_for(request.user, "manage_experiences").first()
    form = CollectionForm(request.POST or None)
    if staff is None:
        messages.error(request, _("Det finns ingen stab ännu. Skapa staben först."))
        return redirect("experiences:index")
    if request.method == "POST" and form.is_valid():
        collection = collection_create(
            staff=staff,
            actor=request.user,  # type: ignore[arg-type]
            categories=form.category_names(),
            **{k: form.cleaned_data[k] for k in form.Meta.fields},
        )
        return redirect("experiences:dashboard", slug=collection.slug)
    return render(request, "experiences/collection_form.html", {"form": form})


@require("manage_experiences")
def collection_edit(request: HttpRequest, slug: str) -> HttpResponse:
    collection = collection_for(request, slug, "manage_experiences")
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST" and form.is_valid():
        form.save()
        collection_set_categories(collection=collection, names=form.category_names())
        messages.success(request, _("Insamlingen är sparad."))
        return redirect("experiences:dashboard", slug=form.instance.slug)
    return render(
        request, "experiences/collection_form.html", {"form": form, "collection": collection}
    )


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@require("analyse_experiences")
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """What has come in: counts per channel and category, and per week."""
    collection = collection_for(request, slug, "analyse_experiences")
    sources = Source.objects.filter(collection=collection)
    by_channel = dict(
        sources.values_list("channel").annotate(n=Count("id")).values_list("channel", "n")
    )
    respondents = dict(
        sources.filter(respondent__isnull=False)
        .values("channel")
        .annotate(n=Count("respondent", distinct=True))
        .values_list("channel", "n")
    )
    categories = list(collection.categories.all())
    cells: Counter[tuple[str, int | None]] = Counter(
        (row["channel"], row["category_id"]) for row in sources.values("channel", "category_id")
    )
    channel_rows = [
        {
            "label": label,
            "value": value,
            "count": by_channel.get(value, 0),
            "respondents": respondents.get(value),
            "per_category": [cells.get((value, c.pk), 0) for c in categories],
            "unknown": cells.get((value, None), 0),
        }
        for value, label in Channel.choices
    ]
    weeks: dict[date, Counter[str]] = defaultdict(Counter)
    for day, channel in sources.exclude(date=None).values_list("date", "channel").iterator():
        if day is not None:
            weeks[_week_start(day)][channel] += 1
    peak = max((sum(c.values()) for c in weeks.values()), default=0)
    week_rows = [
        {
            "start": start,
            "week": start.isocalendar()[1],
            "counts": [weeks[start].get(v, 0) for v, _label in Channel.choices],
            "total": sum(weeks[start].values()),
            "percent": round(100 * sum(weeks[start].values()) / peak) if peak else 0,
        }
        for start in sorted(weeks)
    ]
    participants = (
        Attendance.objects.filter(source__collection=collection)
        .values("category__name")
        .annotate(n=Sum("count"))
        .order_by("category__position")
    )
    context = {
        "collection": collection,
        "categories": categories,
        "channel_rows": channel_rows,
        "channels": Channel.choices,
        "week_rows": week_rows,
        "total": sum(by_channel.values()),
        "participants": participants,
        "duplicates": sources.duplicated().count(),
        "manual": sources.filter(needs_manual_text=True).count(),
        "web_questions": collection.web_questions.all(),
        "imports": collection.imports.filter(imported_at__isnull=False)[:5],
    }
    return render(request, "experiences/dashboard.html", context)


@require("analyse_experiences")
def duplicates(request: HttpRequest, slug: str) -> HttpResponse:
    """Sources with the same normalised text, shown as groups so none is counted twice unseen."""
    collection = collection_for(request, slug, "analyse_experiences")
    groups: dict[str, list[Source]] = defaultdict(list)
    for source in (
        Source.objects.filter(collection=collection)
        .duplicated()
        .select_related("category")
        .order_by("text_hash", "date", "id")[:2000]
    ):
        groups[source.text_hash].append(source)
    ordered = sorted(groups.values(), key=len, reverse=True)
    return render(
        request, "experiences/duplicates.html", {"collection": collection, "groups": ordered}
    )
