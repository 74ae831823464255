"""Speed: caches that spare a large workspace its parse, never a source of truth.

The status cache, the validated-targets cache, the ledger index and the help cache each
wrap an uncached operation of the store or the presentation from outside.
"""
