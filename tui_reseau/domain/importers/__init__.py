"""Bringing a whole network in: LinkedIn « Connections.csv », vCards, any CSV with a header.

Each reader turns a file's text into :class:`~.records.IncomingPerson` records (plus the lines it
could not read); :mod:`.matching` finds who is already known; :mod:`.apply` writes everything in
one transaction and returns an :class:`~.records.ImportReport`. Nothing here knows about Textual.
"""
