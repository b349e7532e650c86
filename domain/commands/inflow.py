"""Commands about inflow members (流入党员): members of other counties who live or work here."""

from __future__ import annotations

__all__: list[str] = []
