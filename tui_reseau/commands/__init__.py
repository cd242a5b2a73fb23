"""Shell commands of ``reseau`` beyond the core ones of ``tui_reseau.cli``, one module each.

Each module listed in ``COMMAND_MODULES`` exposes:

- ``register(command)``: declares its sub-command(s) through ``command(name, help, **options)``,
  which returns the argparse sub-parser (``--db`` already added);
- ``HANDLERS``: ``{name: handler}`` with ``handler(args, target) -> exit code``.

Modules import only the standard library at their top: the heavy imports (Peewee, the domain)
happen inside the handlers, so that ``reseau brief`` does not pay for ``reseau import``.
"""

from __future__ import annotations

COMMAND_MODULES: tuple[str, ...] = (
    "tui_reseau.commands.imports",
    "tui_reseau.commands.exports",
    "tui_reseau.commands.backup",
    "tui_reseau.commands.privacy",
    "tui_reseau.commands.doctor",
)
