"""应发未发: eligible members away without a certificate that counts as held,
each with the reason, for a day (docs/figures.md)."""

from __future__ import annotations

__all__ = ["MissingQueries"]


class MissingQueries:
    pass
