"""The error of an index file that is not what ``indexfile.Tables.save`` wrote."""


class Damaged(ValueError):
    """An index file that is not what ``save`` wrote; its text says what is wrong, in one line.

    The index is derived data: a damaged one is treated as absent and built again.
    """
