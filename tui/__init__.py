"""bitext-archive's front ends: the command line ``bitext`` and the Textual reader.

Everything here reaches data through ``store.api``, with the types of
``store.model`` and the errors of ``store.errors``: an import-linter contract
in pyproject.toml holds it (``tests/test_layers.py`` runs it).
"""
