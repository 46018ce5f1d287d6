"""Communiqué: diplomatic news and joint statements into a tracked, searchable register."""

__version__ = "0.1.0"
