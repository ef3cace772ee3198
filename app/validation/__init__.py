"""Validators for what a clerk types: resident IDs (GB 11643), phones, names."""
