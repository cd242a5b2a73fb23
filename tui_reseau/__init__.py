"""tui_reseau: a keyboard-driven terminal application to build and tend a professional network."""

__version__ = "0.1.0"
