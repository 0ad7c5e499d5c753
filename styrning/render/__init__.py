"""Renderers: each turns a computed result into one output format, nothing more."""
