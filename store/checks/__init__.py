"""Checks that compare the two languages of an entry and point at what differs."""
