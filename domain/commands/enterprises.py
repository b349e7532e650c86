"""Commands about non-public enterprises (非公有制企业) and the members working there."""

from __future__ import annotations

__all__: list[str] = []
