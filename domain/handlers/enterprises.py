"""Handlers for enterprises commands."""

from __future__ import annotations
