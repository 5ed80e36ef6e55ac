"""The basis for the decision on the way forward: risks, external reviews, options, decisions and
agreements, each belonging to one staff."""

from lagesbild.decisions.models.agreements import Agreement, AgreementKind, Obligation
from lagesbild.decisions.models.basis import BasisScope
from lagesbild.decisions.models.common import FollowUp, FollowUpStatus
from lagesbild.decisions.models.decisions import Decision, DecisionRelation
from lagesbild.decisions.models.options import Criterion, Option, Score
from lagesbild.decisions.models.reviews import (
    Finding,
    FindingAction,
    FindingResponse,
    FindingStatus,
    Review,
    Severity,
)
from lagesbild.decisions.models.risks import (
    ConsequenceArea,
    Mitigation,
    Risk,
    RiskAssessment,
    RiskOptionAssessment,
    RiskStatus,
)

__all__ = [
    "Agreement",
    "AgreementKind",
    "BasisScope",
    "ConsequenceArea",
    "Criterion",
    "Decision",
    "DecisionRelation",
    "Finding",
    "FindingAction",
    "FindingResponse",
    "FindingStatus",
    "FollowUp",
    "FollowUpStatus",
    "Mitigation",
    "Obligation",
    "Option",
    "Review",
    "Risk",
    "RiskAssessment",
    "RiskOptionAssessment",
    "RiskStatus",
    "Score",
    "Severity",
]
