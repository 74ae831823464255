"""sdtrack: track declared public targets against recorded, sourced progress."""

__version__ = "0.1.0"
