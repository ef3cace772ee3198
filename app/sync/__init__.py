"""Offline-first sync: clocks now; outbox and the push/pull client with the central server."""
