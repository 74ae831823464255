"""The core: the data model, periods, quantities, the ledger's rules and the assessment.

Pure and typed: nothing here reads a file, the clock (bar `clock`) or the terminal, and
nothing here imports from the floors above it (store, fast, present, commands).
"""
