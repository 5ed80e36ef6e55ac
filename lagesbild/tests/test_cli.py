import subprocess
import sys

import pytest
from django.core.management import get_commands

from lagesbild import cli


def test_every_verb_in_the_help_is_a_command_that_exists() -> None:
    commands = get_commands()
    for verb in cli.VERBS:
        if verb == "themes":
            continue  # the theme engine needs no Django, so it is not a management command
        assert verb.replace("-", "_") in commands, verb


def test_the_help_lists_the_verbs_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "användning: lagesbild KOMMANDO" in out
    for verb in cli.VERBS:
        assert verb in out


def test_themes_reaches_the_theme_engine_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["themes", "--help"]) == 0
    assert "--text-column" in capsys.readouterr().out


def test_a_verb_with_a_hyphen_reaches_its_django_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lagesbild.cli", "import-report", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--series" in result.stdout
