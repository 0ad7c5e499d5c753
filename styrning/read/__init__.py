"""From bytes to models: YAML with positions (source), the parallel reader, the loader.

Builds on core.
"""
