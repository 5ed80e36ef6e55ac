import pytest

from lagesbild.lib.numbers import approximately, thousands


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0, "0"),
        (7, "7"),
        (19, "19"),
        (78, "närmare 80"),
        (80, "80"),
        (83, "drygt 80"),
        (412, "drygt 400"),
        (448, "närmare 450"),
        (1234, "drygt 1\u00a0200"),
        (1290, "närmare 1\u00a0300"),
        (15_400, "drygt 15\u00a0000"),
    ],
)
def test_it_rounds_counts_as_a_writer_would(number: int, text: str) -> None:
    assert approximately(number) == text


def test_thousands_are_separated_by_a_no_break_space() -> None:
    assert thousands(1234567) == "1\u00a0234\u00a0567"
