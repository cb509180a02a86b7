"""bitext-archive's front ends, in four rooms.

- ``cli/``: the command line ``bitext``; no Textual (a contract), the app loads when it runs.
- ``app/``: the Textual reader: ``main`` (the app), ``search``, ``review``, ``commands`` (the
  palette), ``screens/``, ``widgets/``, ``messages`` (what workers post).
- ``text/``: what both print: date and line labels, paragraphs with their marks, concordance.
- ``serve/``: ``bitext serve``, the app in a browser, and the guard in front of it.

Everything here reaches data through ``store.api``, with the types of ``store.model`` and
the errors of ``store.errors``; import-linter contracts in pyproject.toml hold it, and that
no two modules import each other (``tests/test_layers.py`` runs them).
"""
