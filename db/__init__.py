"""Database layer: SQLAlchemy models shared by the counter and the server, sessions, migrations."""
