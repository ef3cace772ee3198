"""Services: the rules of the counter, called by the UI and the headless commands."""
