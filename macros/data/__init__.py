"""Data: read, validate and hold what data/ says."""
