"""The one error bad input raises: every problem, each with file, line and column."""

from __future__ import annotations

from archdraw.source import Problem, SourceError


class DesignError(SourceError):
    """A design file that cannot be used; `problems` lists everything wrong with it."""


__all__ = ["DesignError", "Problem"]
