"""Handlers of the dues area (issue 16)."""

from __future__ import annotations
