"""The reader app: the entry list, the side-by-side reader, search, findings and edits.

``main`` holds the app and its panes; ``search`` the search state and the worker
that runs queries; ``review`` the findings, review marks and alignment edits;
``screens/`` the screens pushed on top; ``widgets/`` the panes; ``messages`` what
workers post back. Workers only post messages: the handlers own every state change.
"""

from tui.app.main import BitextApp, make_app

__all__ = ["BitextApp", "make_app"]
