"""Qt item models over the services' rows."""
