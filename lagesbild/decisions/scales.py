"""The risk method's scales: likelihood and consequence, 1..N, with the words a region uses.

The words come from settings (LAGESBILD_RISK_LIKELIHOOD_WORDS, LAGESBILD_RISK_CONSEQUENCE_WORDS);
the number of words is the size of the scale. Levels combine the two into low/medium/high/very
high bands, as on the heat maps Swedish regions use.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def likelihood_words() -> list[str]:
    return list(settings.RISK_LIKELIHOOD_WORDS)


def consequence_words() -> list[str]:
    return list(settings.RISK_CONSEQUENCE_WORDS)


def likelihood_choices() -> list[tuple[int, str]]:
    return [(i, f"{i} – {w}") for i, w in enumerate(likelihood_words(), start=1)]


def consequence_choices() -> list[tuple[int, str]]:
    return [(i, f"{i} – {w}") for i, w in enumerate(consequence_words(), start=1)]


LEVELS = [
    ("low", _("Låg")),
    ("medium", _("Medel")),
    ("high", _("Hög")),
    ("very_high", _("Mycket hög")),
]


def level(likelihood: int, consequence: int) -> str:
    """The band of a likelihood × consequence product, relative to the scales' maximum."""
    top = len(likelihood_words()) * len(consequence_words())
    share = likelihood * consequence / top
    if share > 0.6:
        return "very_high"
    if share > 0.35:
        return "high"
    if share > 0.15:
        return "medium"
    return "low"


def level_label(key: str) -> str:
    return str(dict(LEVELS)[key])
