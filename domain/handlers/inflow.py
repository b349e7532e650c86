"""Handlers for inflow commands."""

from __future__ import annotations
