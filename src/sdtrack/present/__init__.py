"""Presentation: every word a user reads, the JSON documents, the computed report and the
briefing, the status view, the Rich renderer and the export formats.
"""
