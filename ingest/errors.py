"""The one exception readers raise for bad input; ``read_inputs`` turns it into InputFailure."""

from __future__ import annotations


class ReadError(Exception):
    """Input that cannot be read; the message is one line naming the reason, not the input."""
