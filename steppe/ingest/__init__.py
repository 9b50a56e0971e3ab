"""The way in: readers (the only code that touches input files), the checks every article
passes (``checks.validate``), publication dates (``dates``) and the one boundary over them
(``boundary.ingest``)."""
from steppe.ingest.boundary import Body, JsonlRange, Objects, Paths, ingest
from steppe.ingest.checks import ReadOptions, validate
from steppe.ingest.readers import content_hash, read_inputs

__all__ = ["Body", "JsonlRange", "Objects", "Paths", "ReadOptions", "content_hash", "ingest", "read_inputs",
           "validate"]
