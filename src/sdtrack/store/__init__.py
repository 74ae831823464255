"""The store: finding a workspace, reading its files within their limits, validating them
with located problems, and writing them safely (atomic files, one locked append).

It imports only the core. The caches in `sdtrack.fast` wrap it from outside.
"""
