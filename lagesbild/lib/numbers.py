"""Swedish round figures for running text: "närmare 80 dialogmöten", "drygt 1 200 svar"."""

NBSP = "\u00a0"


def thousands(number: int) -> str:
    """An integer with a no-break space between thousands, the Swedish way: 1 234."""
    return f"{number:,}".replace(",", NBSP)


def _step(number: int) -> int:
    if number < 100:
        return 10
    if number < 1000:
        return 50
    if number < 10_000:
        return 100
    return 1000


def approximately(number: int) -> str:
    """A count as a writer would round it in a report.

    1. Under 20 the number is exact ("7").
    2. Otherwise it is rounded to a step that grows with it (10, 50, 100, 1 000).
    3. A round number is given as it is ("80"); one just below the nearest step reads
       "närmare 80", one above reads "drygt 1 200".
    """
    if number < 20:
        return str(number)
    step = _step(number)
    below = number - number % step
    if below == number:
        return thousands(number)
    above = below + step
    if above - number < number - below:
        return f"närmare {thousands(above)}"
    return f"drygt {thousands(below)}"
