"""Offline Swedish theme discovery; plain Python, never imports Django."""

from .operations import assign, merge_themes, move_text, rename_theme, split_theme
from .representations import BackendUnavailable
from .similar import similar
from .themes import SeedTheme, Theme, ThemeModel, discover_themes

__all__ = [
    "BackendUnavailable",
    "SeedTheme",
    "Theme",
    "ThemeModel",
    "assign",
    "discover_themes",
    "merge_themes",
    "move_text",
    "rename_theme",
    "similar",
    "split_theme",
]
