"""The vocabulary: dates and periods, the data model, problems and their codes, provenance.

Imports nothing else of styrning: every other layer builds on it.
"""
