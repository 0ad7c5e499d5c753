"""The validation rules over a loaded dataset, and validation as a whole.

Builds on core, read and state.
"""
