"""The demo's decision basis in words, one module per kind: risks, the external review,
options and criteria, the agreement's obligations."""

from lagesbild.demo.scenario.decisions_texts.agreement import OBLIGATIONS
from lagesbild.demo.scenario.decisions_texts.options import CRITERIA, OPTIONS, RISKS_PER_OPTION
from lagesbild.demo.scenario.decisions_texts.review import FINDINGS
from lagesbild.demo.scenario.decisions_texts.risks import RISKS

__all__ = ["CRITERIA", "FINDINGS", "OBLIGATIONS", "OPTIONS", "RISKS", "RISKS_PER_OPTION"]
