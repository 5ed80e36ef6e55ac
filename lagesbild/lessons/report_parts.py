"""Sections and citations the joint report draws from lessons; filled by the joint report work."""
