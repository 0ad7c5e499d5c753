"""Git: the data as committed at a revision or date, and what changed between two.

Builds on core, read, state and checks.
"""
