"""``python -m tui_reseau``: the same as the ``reseau`` command."""

from tui_reseau.launch import main

raise SystemExit(main())
