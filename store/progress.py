"""What long work tells its caller while it runs, for a bar on the command line or in the app."""

from __future__ import annotations

from collections.abc import Callable

#: ``(what, done, total)``: ``what`` is a file name, ``INDEXING``, ``"exporting"`` or
#: ``"checking"``.
Progress = Callable[[str, int, int], None]
#: What long operations report to a ``Progress`` callback while they update the index.
INDEXING = "updating the search index"
