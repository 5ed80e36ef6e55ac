"""Published reports as static HTML pages, an index and an Atom feed for the intranet."""

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe

from lagesbild.reports.footnotes import footnotes_outside
from lagesbild.reports.models import Report, Series
from lagesbild.reports.rendering import report_render


@dataclass
class StaticResult:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0


def _write_if_changed(path: Path, content: str, result: StaticResult) -> None:
    """Write only changed files, so the intranet's web server and caches see real changes only."""
    data = content.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        result.unchanged += 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    result.written.append(path)


def report_static_name(report: Report) -> str:
    return f"rapport-{report.number}-v{report.version}.html"


def _report_page(report: Report, superseded: Report | None) -> str:
    rendered = report_render(report)
    return render_to_string(
        "distribution/static/report.html",
        {
            "report": report,
            "rendered": rendered,
            "sections": [
                {
                    "heading": s.heading,
                    "level": min(max(s.level, 2), 6),
                    "anchor": s.anchor,
                    "html": mark_safe(s.html),
                }  # noqa: S308 - sanitised by nh3
                for s in rendered.sections
            ],
            "footnotes": footnotes_outside(rendered.footnotes),
            "superseded_by": superseded,
            "superseded_name": report_static_name(superseded) if superseded else "",
        },
    )


def static_publish(
    *, directory: Path, series: Series | None = None, base_url: str = ""
) -> StaticResult:
    """Write every published report of the series (or all series), an index and a feed per series."""
    result = StaticResult()
    base_url = (base_url or settings.SITE_URL).rstrip("/") + "/"
    all_series = [series] if series is not None else list(Series.objects.all())
    with translation.override(settings.LANGUAGE_CODE):
        for s in all_series:
            _publish_series(s, directory / s.slug, base_url + s.slug + "/", result)
        if series is None:
            _write_if_changed(
                directory / "index.html",
                render_to_string("distribution/static/root.html", {"series_list": all_series}),
                result,
            )
    return result


def _publish_series(series: Series, target: Path, url: str, result: StaticResult) -> None:
    reports = list(
        Report.objects.published()
        .filter(series=series)
        .select_related("corrected_by")
        .order_by("-compiled_at", "-number", "-version")
    )
    for report in reports:
        superseded = report.superseded_by
        _write_if_changed(
            target / report_static_name(report), _report_page(report, superseded), result
        )
    current = [r for r in reports if r.superseded_by is None]
    _write_if_changed(
        target / "index.html",
        render_to_string(
            "distribution/static/index.html",
            {"series": series, "reports": [(r, report_static_name(r)) for r in current]},
        ),
        result,
    )
    feed = Atom1Feed(
        title=series.title,
        link=url,
        description=series.description,
        language="sv",
        feed_url=url + "flode.atom",
        feed_guid=url,
    )
    for report in current[:50]:
        rendered = report_render(report)
        link = url + report_static_name(report)
        feed.add_item(
            title=f"{report.title} nr {report.number}"
            + (f" (rättelse, version {report.version})" if report.version > 1 else ""),
            link=link,
            description="".join(
                (f"<h2>{s.heading}</h2>" if s.heading else "") + s.html for s in rendered.sections
            ),
            unique_id=link,
            pubdate=report.published_at or report.compiled_at,
            updateddate=report.published_at or report.compiled_at,
        )
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    _write_if_changed(target / "flode.atom", buffer.getvalue(), result)
