"""The Rich renderer: the only code that uses Rich, one module per kind of output."""
