"""Exports of the network: vCard 4.0 (:mod:`.vcard`), CSV for French spreadsheets
(:mod:`.csv_table`), and the private files they are written to (:mod:`.files`).

The complete JSON export, which an import gives back table for table, is
:mod:`tui_reseau.domain.network_json`.
"""
