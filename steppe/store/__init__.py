"""The store: the only code that writes the database."""
from steppe.store.db import Store
from steppe.store.export import export, format_actors, format_events

__all__ = ["Store", "export", "format_actors", "format_events"]
