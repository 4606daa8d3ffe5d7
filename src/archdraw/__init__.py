"""archdraw: a desktop editor for system-design diagrams that understands what it draws."""

__version__ = "0.1.0"
FORMAT_VERSION = 1
