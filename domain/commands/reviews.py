"""Commands of the reviews area (issue 16)."""

from __future__ import annotations

__all__: list[str] = []
