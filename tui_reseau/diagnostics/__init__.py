"""``reseau doctor``: checks of an installation, and the proofs behind ``--selftest``.

No Textual here. ``checks`` looks at the user's database and terminal without changing them;
``crash``, ``concurrency``, ``bad_files`` and ``hostile_cli`` run the real ``reseau`` in child
processes on throw-away files of a private temporary folder, and return their figures;
``selftest`` runs them all. The tests reuse these functions and assert on what they return.
"""
