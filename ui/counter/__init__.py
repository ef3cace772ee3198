"""The counter's pages."""
