"""Helpers with no models: markdown, dates, files."""
