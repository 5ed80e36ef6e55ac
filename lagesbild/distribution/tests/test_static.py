"""publish-static: self-contained pages, index and Atom feed; a rerun writes only what changed."""

import io
from pathlib import Path
from xml.etree import ElementTree

from django.core.management import call_command

from lagesbild.distribution.services.static import static_publish
from lagesbild.distribution.tests.helpers import make_published_report
from lagesbild.testing import make_report, make_series

ATOM = "{http://www.w3.org/2005/Atom}"


def test_it_writes_pages_an_index_and_a_feed_for_published_reports(
    db: None, tmp_path: Path
) -> None:
    series = make_series(slug="regional", title="Regional rapport")
    first = make_published_report(series, sections=[("Läget", "- Allt <b>lugnt</b> & stilla")])
    make_report(series)  # a draft: never published outside the app

    result = static_publish(directory=tmp_path, series=series, base_url="https://intra.example/r")

    names = sorted(p.name for p in result.written)
    assert names == ["flode.atom", "index.html", f"rapport-{first.number}-v1.html"]
    page = (tmp_path / "regional" / f"rapport-{first.number}-v1.html").read_text()
    assert '<html lang="sv">' in page and "<style>" in page and "Sammanställd:" in page
    assert "&lt;b&gt;lugnt&lt;/b&gt; &amp; stilla" in page and "<script" not in page
    feed = ElementTree.parse(tmp_path / "regional" / "flode.atom").getroot()
    links = [e.get("href") for e in feed.iter(f"{ATOM}link")]
    assert f"https://intra.example/r/regional/rapport-{first.number}-v1.html" in links


def test_running_again_writes_only_what_changed(db: None, tmp_path: Path) -> None:
    series = make_series(slug="regional")
    make_published_report(series)
    static_publish(directory=tmp_path, series=series)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "regional").iterdir()}

    again = static_publish(directory=tmp_path, series=series)
    assert again.written == [] and again.unchanged == 3
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "regional").iterdir()} == before

    second = make_published_report(series)
    third = static_publish(directory=tmp_path, series=series)
    assert sorted(p.name for p in third.written) == [
        "flode.atom",
        "index.html",
        f"rapport-{second.number}-v1.html",
    ]


def test_a_correction_replaces_the_old_version_in_the_index(db: None, tmp_path: Path) -> None:
    series = make_series(slug="regional")
    old = make_published_report(series)
    new = make_published_report(
        series, number=old.number, version=2, corrects=old, correction_reason="Fel siffra"
    )
    static_publish(directory=tmp_path, series=series)
    index = (tmp_path / "regional" / "index.html").read_text()
    assert f"rapport-{new.number}-v2.html" in index and "-v1.html" not in index
    assert (
        "ersatt av en rättelse"
        in (tmp_path / "regional" / f"rapport-{old.number}-v1.html").read_text()
    )


def test_the_command_reports_what_it_wrote(db: None, tmp_path: Path) -> None:
    series = make_series(slug="regional")
    make_published_report(series)
    out = io.StringIO()
    call_command("publish_static", str(tmp_path), "--series", "regional", stdout=out)
    assert "3 filer skrivna, 0 oförändrade." in out.getvalue()
    call_command("publish_static", str(tmp_path), stdout=out)
    assert "1 filer skrivna, 3 oförändrade." in out.getvalue()  # the root index is new
