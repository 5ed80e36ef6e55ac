"""`lagesbild import-report FILE.md [--series SLUG] [--staff SLUG]` on the command line."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lagesbild import cli, testing
from lagesbild.accounts.models import AuditEntry
from lagesbild.reports.models import Report, ReportState, Series

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "example.md"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_new_reports_id_on_the_last_line(db: None) -> None:
    series = testing.make_series()
    out, err = run(str(EXAMPLE), "--series", series.slug)
    report = Report.objects.get()
    assert out.strip().splitlines()[-1] == str(report.pk)
    assert "nr 1" in err
    assert (report.series, report.state) == (series, ReportState.DRAFT)
    run(str(EXAMPLE), "--series", series.slug, "--publish")
    published = Report.objects.get(number=2)
    assert published.state == ReportState.PUBLISHED
    assert published.transitions.get().by_label == "kommandoraden"


def test_it_records_the_command_line_as_the_actor(db: None) -> None:
    run(str(EXAMPLE), "--series", testing.make_series().slug)
    entry = AuditEntry.objects.get(action="report.import")
    assert (entry.actor, entry.actor_label) == (None, "kommandoraden")


def test_without_series_it_creates_one_from_the_title_in_the_given_staff(db: None) -> None:
    testing.make_staff()
    staff = testing.make_staff()
    run(str(EXAMPLE), "--staff", staff.slug)
    run(str(EXAMPLE), "--staff", staff.slug)
    series = Series.objects.get()
    assert (series.title, series.staff) == ("Lägesrapport Exempelstaben", staff)
    assert list(series.reports.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_it_refuses_when_several_staffs_could_hold_the_new_series(db: None) -> None:
    testing.make_staff()
    testing.make_staff()
    with pytest.raises(CommandError, match="flera staber"):
        run(str(EXAMPLE))
    assert not Report.objects.exists()


def test_it_names_the_file_and_line_of_a_bad_report(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "fel.md"
    bad.write_text("# Rapport\n\nSammanställd: 2025-02-30\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run(str(bad), "--series", testing.make_series().slug)
    assert str(caught.value) == f"{bad}: Rad 3: Datumet 2025-02-30 finns inte."
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["saknas.md"], "Filen saknas.md finns inte"),
        ([str(EXAMPLE), "--series", "ingen"], "ingen serie med kortnamnet ”ingen”"),
        ([str(EXAMPLE), "--staff", "ingen"], "ingen stab med kortnamnet ”ingen”"),
    ],
)
def test_it_explains_wrong_arguments_in_swedish(db: None, args: list[str], words: str) -> None:
    with pytest.raises(CommandError, match=words):
        run(*args)


def test_the_lagesbild_command_imports_and_exports(
    transactional_db: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Django closes the database connection when a command run from argv ends, which a test
    # transaction would not survive; so this test commits and is flushed afterwards.
    series = testing.make_series()
    cli.main(["import-report", str(EXAMPLE), "--series", series.slug, "--skip-checks"])
    printed = capsys.readouterr().out.strip().splitlines()[-1]
    report = Report.objects.get()
    assert printed == str(report.pk)
    target = tmp_path / "ut.md"
    cli.main(["export-report", printed, "--format", "md", "-o", str(target), "--skip-checks"])
    assert target.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def test_the_help_is_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    for verb in ("import-report", "export-report"):
        with pytest.raises(SystemExit):
            cli.main([verb, "--help"])
    text = capsys.readouterr().out
    assert "Läs in en rapport i husstil" in text
    assert "seriens kortnamn" in text and "stabens kortnamn" in text
    assert "Skriv ut en rapport i husstil" in text and "rapportens id" in text
