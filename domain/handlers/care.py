"""Handlers of the care area (issue 16)."""

from __future__ import annotations
