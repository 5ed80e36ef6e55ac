"""The analysis verbs: themes-suggest, export-qdpx, export-codebook, import-codebook."""

import io
import zipfile
from pathlib import Path

import pytest
import xmlschema
from django.core.management import CommandError, call_command

from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.themes.models import SuggestedTheme, ThemeRun
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook
from lagesbild.themes.tests.test_discovery import LOGIN, TRAINING
from lagesbild.themes.tests.test_exchange import SCHEMAS


@pytest.mark.django_db
def test_themes_suggest_stores_a_run_and_prints_it(tmp_path: Path) -> None:
    collection = make_collection()
    make_answers(collection, LOGIN + TRAINING)
    out = io.StringIO()
    call_command("themes_suggest", collection=collection.slug, stdout=out)
    run = ThemeRun.objects.get()
    assert f"Temasökning #{run.pk}" in out.getvalue()
    assert SuggestedTheme.objects.filter(run=run).count() >= 2


@pytest.mark.django_db
def test_themes_suggest_on_an_empty_collection_says_so() -> None:
    collection = make_collection()
    with pytest.raises(CommandError, match="Urvalet innehåller 0 källor"):
        call_command("themes_suggest", collection=collection.slug)
    assert not ThemeRun.objects.exists()


@pytest.mark.django_db
def test_codebook_and_project_files_from_the_command_line(tmp_path: Path) -> None:
    collection = make_collection()
    make_code(make_codebook(collection), name="Inloggning")
    make_answers(collection, ["Ett svar"])
    qdc, qdpx = tmp_path / "kodbok.qdc", tmp_path / "projekt.qdpx"
    call_command("export_codebook", collection=collection.slug, output=str(qdc))
    call_command("export_qdpx", collection=collection.slug, output=str(qdpx))
    xml = zipfile.ZipFile(qdpx).read("project.qde")
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(xml)
    other = make_collection()
    out = io.StringIO()
    call_command("import_codebook", str(qdc), collection=other.slug, stdout=out)
    assert "1 koder inlästa" in out.getvalue()
    with pytest.raises(CommandError, match="Okänd filtyp"):
        call_command("import_codebook", str(qdpx), collection=other.slug)
