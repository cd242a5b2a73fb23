"""Unexpected errors go to a private log file with their traceback, never to the user's screen."""

from __future__ import annotations

import datetime as dt
import sys

from tui_reseau.locations import log_dir, make_private_dir, make_private_file

LOG_NAME = "erreurs.log"


def log_exception(exc: BaseException) -> str:
    """Append ``exc`` and its traceback to the log; return the log's path ("" if impossible)."""
    import traceback  # only when something went wrong: every command imports this module

    try:
        folder = make_private_dir(log_dir())
        path = folder / LOG_NAME
        make_private_file(path)
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {sys.argv!r}\n")
            log.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return ""
