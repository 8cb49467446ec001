"""Presentation: French wording, finder options, addresses of pages."""
