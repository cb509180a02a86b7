"""bitext-archive's library: model, archive, import, search. Never imports textual.

The command line and the Textual app reach data only through ``store.api``.
"""

from importlib.metadata import PackageNotFoundError, version


def program_version() -> str:
    """The installed version, for files bitext writes; a source tree has none."""
    try:
        return version("bitext-archive")
    except PackageNotFoundError:
        return "source tree"
