"""Questions and answers: managed with versions and owners, read on a public page and a feed."""

from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, may_map, require
from lagesbild.communications import services
from lagesbild.communications.models import FaqEntry, FaqVersion
from lagesbild.communications.press_forms import FaqForm
from lagesbild.communications.press_views import chosen_staff, people_for
from lagesbild.lib.feeds import ContentAtom1Feed
from lagesbild.lib.markdown import render_markdown
from lagesbild.staff.models import Staff


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _manage_url(staff: Staff) -> str:
    return f"{reverse('communications:faq_manage')}?stab={staff.slug}"


def published_entries(staff: Staff) -> list[tuple[FaqEntry, FaqVersion]]:
    entries = staff.faq_entries.prefetch_related("versions")
    return [(e, v) for e in entries if (v := e.current()) is not None]


@require("manage_faq")
def faq_manage(request: HttpRequest) -> HttpResponse:
    """Every answer with its owner and review date; stale ones flagged, the owner's own first."""
    staff, staffs = chosen_staff(request, "manage_faq")
    if staff is None:
        return render(request, "communications/faq_manage.html", {"staff": None})
    now, days = timezone.now(), settings.FAQ_STALE_DAYS
    entries = staff.faq_entries.select_related("owner").prefetch_related("versions")
    rows = [(e, e.current(), e.is_stale(now, days)) for e in entries]
    mine_stale = [r for r in rows if r[2] and r[0].owner_id == request.user.pk]
    return render(
        request,
        "communications/faq_manage.html",
        {
            "staff": staff,
            "staffs": staffs,
            "rows": rows,
            "mine_stale": mine_stale,
            "stale_days": days,
            "may": may_map(request.user, staff),
        },
    )


def _faq_form_page(request: HttpRequest, entry: FaqEntry, title: str) -> HttpResponse:
    current = entry.current() if entry.pk else None
    initial: dict[str, Any] = {"group": entry.group, "owner": entry.owner_id or request.user.pk}
    if current:
        initial.update(question=current.question, answer=current.answer)
    form = FaqForm(
        request.POST or None, initial=initial, owners=people_for(entry.staff, "manage_faq")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry.group, entry.owner = data["group"], data["owner"]
        try:
            version = services.faq_save(
                entry=entry,
                question=data["question"],
                answer=data["answer"],
                change_note=data["change_note"],
                by=_actor(request),
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field, errors)
        else:
            if version:
                messages.success(
                    request, _("Svaret är publicerat som version %(n)d.") % {"n": version.number}
                )
            else:
                messages.success(request, _("Ändringarna är sparade. Svaret är oförändrat."))
            return redirect(_manage_url(entry.staff))
    versions = list(entry.versions.order_by("-number")) if entry.pk else []
    return render(
        request,
        "communications/faq_form.html",
        {"form": form, "title": title, "cancel": _manage_url(entry.staff), "versions": versions},
    )


@require("manage_faq")
def faq_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "manage_faq", staff)
    return _faq_form_page(request, FaqEntry(staff=staff), _("Ny fråga"))


@require("manage_faq")
def faq_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(FaqEntry.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_faq", entry.staff)
    return _faq_form_page(request, entry, _("Ändra fråga och svar"))


@require_POST
@require("manage_faq")
def faq_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(FaqEntry.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_faq", entry.staff)
    services.faq_mark_reviewed(entry=entry, by=_actor(request))
    messages.success(request, _("Svaret är markerat som granskat."))
    return redirect(_manage_url(entry.staff))


def faq_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The staff's questions and answers for everyone, each with when it was last updated."""
    staff = get_object_or_404(Staff, slug=slug)
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry, version in published_entries(staff):
        groups.setdefault(entry.group, []).append(
            {"entry": entry, "version": version, "html": render_markdown(version.answer)}
        )
    return render(request, "communications/faq_public.html", {"staff": staff, "groups": groups})


class FaqFeed(Feed):
    """One Atom entry per question; a new version updates the entry (readers see the change)."""

    feed_type = ContentAtom1Feed

    def get_object(self, request: Any, slug: str) -> Staff:  # type: ignore[override]
        return get_object_or_404(Staff, slug=slug)

    def title(self, obj: Staff) -> str:
        return _("Frågor och svar – %(staff)s") % {"staff": obj.name}

    def link(self, obj: Staff) -> str:
        return reverse("communications:faq_public", args=[obj.slug])

    def feed_url(self, obj: Staff) -> str:
        return reverse("communications:faq_feed", args=[obj.slug])

    def items(self, obj: Staff) -> list[tuple[FaqEntry, FaqVersion]]:
        return sorted(published_entries(obj), key=lambda p: p[1].published_at, reverse=True)

    def item_title(self, item: tuple[FaqEntry, FaqVersion]) -> str:
        return item[1].question

    def item_link(self, item: tuple[FaqEntry, FaqVersion]) -> str:
        return (
            reverse("communications:faq_public", args=[item[0].staff.slug]) + f"#fraga-{item[0].pk}"
        )

    def item_guid(self, item: tuple[FaqEntry, FaqVersion]) -> str:
        return f"faq-{item[0].pk}"

    def item_description(self, item: tuple[FaqEntry, FaqVersion]) -> str:
        return item[1].change_note or item[1].question

    def item_pubdate(self, item: tuple[FaqEntry, FaqVersion]) -> datetime:
        return item[0].versions.order_by("number").first().published_at  # type: ignore[union-attr]

    def item_updateddate(self, item: tuple[FaqEntry, FaqVersion]) -> datetime:
        return item[1].published_at

    def item_extra_kwargs(self, item: tuple[FaqEntry, FaqVersion]) -> dict[str, Any]:
        return {"content": render_markdown(item[1].answer)}
