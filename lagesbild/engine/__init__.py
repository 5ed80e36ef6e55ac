"""Offline Swedish text analysis; plain Python, never imports Django."""

from __future__ import annotations

import importlib

# Exported lazily so `import lagesbild.engine.redact` does not pay for scikit-learn.
_EXPORTS = {
    "assign": "operations",
    "merge_themes": "operations",
    "move_text": "operations",
    "rename_theme": "operations",
    "split_theme": "operations",
    "sub_themes": "operations",
    "BackendUnavailable": "representations",
    "similar": "similarity",
    "SeedTheme": "themes",
    "Theme": "themes",
    "ThemeModel": "themes",
    "discover_themes": "themes",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
