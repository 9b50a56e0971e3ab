"""spaCy pipeline construction (loaded once per process and model name)."""
from steppe.nlp.pipeline import get_nlp

__all__ = ["get_nlp"]
