"""What other apps say before a code or coding goes away, so themes imports none of them.

An app that cites codes or codings (lessons) registers, in its AppConfig.ready():
- a deletion guard: given the codes and codings about to be deleted or retired, the messages
  of why not (empty: no objection); `check()` raises them as one ValidationError;
- a release: called once the guards agree, in the same transaction, to let go of citations
  that do not stop the change (a draft's evidence);
- a merge listener: a merged code's citations move to the code it was merged into.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError

Guard = Callable[[Sequence[Any]], list[str]]
Release = Callable[[Sequence[Any], Any], None]
MergeListener = Callable[[Any, Any, Any], None]

GUARDS: list[Guard] = []
RELEASES: list[Release] = []
MERGE_LISTENERS: list[MergeListener] = []


def deletion_guard(fn: Guard) -> Guard:
    if fn not in GUARDS:
        GUARDS.append(fn)
    return fn


def deletion_release(fn: Release) -> Release:
    if fn not in RELEASES:
        RELEASES.append(fn)
    return fn


def merge_listener(fn: MergeListener) -> MergeListener:
    if fn not in MERGE_LISTENERS:
        MERGE_LISTENERS.append(fn)
    return fn


def check(objs: Sequence[Any]) -> None:
    """Raise every guard's objection to deleting or retiring these codes or codings."""
    problems = [message for guard in GUARDS for message in guard(objs)]
    if problems:
        raise ValidationError(problems)


def release(objs: Sequence[Any], actor: Any) -> None:
    for fn in RELEASES:
        fn(objs, actor)


def merged(code: Any, into: Any, actor: Any) -> None:
    for fn in MERGE_LISTENERS:
        fn(code, into, actor)
