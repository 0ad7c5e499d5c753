"""Writing files: atomic writes, and the templates of `init` and `new`.

Builds on the layers below.
"""
