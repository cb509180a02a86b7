"""bitext-archive's library: model, archive, import, search. Never imports textual.

The command line and the Textual app reach data only through ``store.api``.
"""
