"""Small dialogs of the counter."""
