"""bitext-archive's front ends: the command line ``bitext`` and the Textual reader.

Everything here reaches data through ``store.api`` only.
"""
