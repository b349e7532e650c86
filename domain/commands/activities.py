"""Commands of the activities area (issue 16)."""

from __future__ import annotations

__all__: list[str] = []
