"""``python -m tui_reseau``: the same as the ``reseau`` command."""

from tui_reseau.cli import main

raise SystemExit(main())
