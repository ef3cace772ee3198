"""The central sync server: stations push their changes and pull their region's postings here."""
