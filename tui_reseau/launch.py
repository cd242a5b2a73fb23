"""The ``reseau`` command's entry point: its start-up runs without the garbage collector.

Importing Peewee, our models and (for the application) Textual creates tens of thousands of
objects that live as long as the process; meanwhile Python's cyclic garbage collector runs
dozens of times and frees nothing (about 10 ms of a 120 ms ``reseau brief``, measured with
``benchmarks/bench_brief.py``). It is paused here, before any import, and
:func:`tui_reseau.cli.main` turns it back on as soon as the command is known, except for the
quick lookups (``brief``, ``search``…), which end a few milliseconds later with a bounded
amount of memory.
"""

from __future__ import annotations

import gc


def main() -> int:
    """Run ``reseau`` with the collector paused until :func:`tui_reseau.cli.main` decides."""
    gc.disable()
    from tui_reseau.cli import main as run

    return run()
