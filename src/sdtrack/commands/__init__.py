"""The command line: one module per command, a registry of them, and the Typer app built
from that registry. Each command parses, calls the library, renders.
"""
