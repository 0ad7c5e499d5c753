"""The status rules: which events count on a day, and the state each process is in.

Builds on core and read.
"""
