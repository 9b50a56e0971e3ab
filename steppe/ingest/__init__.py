"""Readers: the only code that touches input files."""
from steppe.ingest.readers import ReadOptions, content_hash, read_inputs

__all__ = ["ReadOptions", "content_hash", "read_inputs"]
