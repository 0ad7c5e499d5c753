"""styrning: governance processes of a municipality as version-controlled YAML."""

__version__ = "0.2.0"
