"""The extension points, one registry each (spaCy's ``catalogue``):

- ``commands``: CLI commands, each a ``Command(add_parser, run)``: ``add_parser(sub)`` adds its
  subparser to the ``argparse`` subparsers ``sub`` and returns it; ``run(args, out, err)`` returns
  the exit status. ``steppe.cli`` builds its parser from this registry.
- ``export_formats``: ``steppe export --format NAME``: a function ``(store, path, *, dedup,
  memory_limit, **filters) -> rows written`` (``steppe.store.export``); the CLI's choices come from here.
- ``scorers``: ``steppe eval NAME``: a ``Scorer`` naming the module and function that score a gold
  set (imported when it is run), its default folder under ../shared/eval and its kind.

Adding one is one function and one registration, e.g.::

    from steppe.registry import export_formats

    @export_formats.register("tsv")
    def export_tsv(store, path, *, dedup=False, memory_limit="1GB", **filters) -> int: ...

A registry is filled when the module holding the registrations is imported: the CLI imports
``steppe.cli`` (commands) and, for export and eval, ``steppe.store.export`` and ``steppe.eval``.
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

import catalogue

commands = catalogue.create("steppe", "commands", entry_points=False)
export_formats = catalogue.create("steppe", "export_formats", entry_points=False)
scorers = catalogue.create("steppe", "scorers", entry_points=False)


class Command(NamedTuple):
    add_parser: Callable[[Any], Any]  # (argparse subparsers) -> the command's parser
    run: Callable[[Any, Any, Any], int]  # (args, out, err) -> exit status


class Scorer(NamedTuple):
    module: str  # imported when the scorer runs
    function: str
    folder: str  # default gold folder under ../shared/eval
    kind: str  # events | geo


def names(registry: catalogue.Registry) -> list[str]:
    """The registered names, in the order they were registered."""
    return list(registry.get_all())


__all__ = ["Command", "Scorer", "commands", "export_formats", "names", "scorers"]
