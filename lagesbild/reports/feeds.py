"""An Atom feed of a series' published reports, each entry carrying the whole report."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.lib.dates import compiled_at_text
from lagesbild.lib.feeds import ContentAtom1Feed
from lagesbild.reports.models import Report, ReportKind, Series
from lagesbild.reports.rendering import report_render

FEED_LENGTH = 30


class SeriesFeed(Feed):
    """Access is checked by the reading view that calls this feed."""

    feed_type = ContentAtom1Feed

    def get_object(self, request: Any, slug: str) -> Series:  # type: ignore[override]
        return get_object_or_404(Series.objects.select_related("staff"), slug=slug)

    def title(self, obj: Series) -> str:
        return obj.title

    def subtitle(self, obj: Series) -> str:
        return obj.description or obj.staff.name

    # Absolute from LAGESBILD_SITE_URL: behind a proxy the request's host is not the public one.
    def link(self, obj: Series) -> str:
        return settings.SITE_URL + reverse("reports:archive", args=[obj.slug])

    def feed_url(self, obj: Series) -> str:
        return settings.SITE_URL + reverse("reports:feed", args=[obj.slug])

    def items(self, obj: Series) -> list[Report]:
        reports = Report.objects.filter(series=obj).published().current_versions()
        return list(reports.order_by("-number", "-version")[:FEED_LENGTH])

    def item_title(self, item: Report) -> str:
        title = f"{item.title} nr {item.number} – {_('Sammanställd')} {compiled_at_text(item.compiled_at)}"
        if item.kind == ReportKind.EXTRA:
            title = f"EXTRA: {title}"
        if item.corrects_id:
            title += f" ({_('rättad version')})"
        return title

    def item_link(self, item: Report) -> str:
        return settings.SITE_URL + reverse("reports:report_detail", args=[item.pk])

    def item_description(self, item: Report) -> str:
        return f"{_('Sammanställd')}: {compiled_at_text(item.compiled_at)}"

    def item_pubdate(self, item: Report) -> datetime:
        return item.published_at or item.compiled_at

    def item_updateddate(self, item: Report) -> datetime:
        return item.published_at or item.compiled_at

    def item_extra_kwargs(self, item: Report) -> dict[str, Any]:
        html = render_to_string("reports/_report_body.html", {"rendered": report_render(item)})
        return {"content": html}
