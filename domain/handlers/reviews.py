"""Handlers of the reviews area (issue 16)."""

from __future__ import annotations
