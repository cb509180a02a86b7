"""Screens pushed over the reader: help, findings, concordance, export."""
