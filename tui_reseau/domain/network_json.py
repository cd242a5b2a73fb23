"""The whole network as JSON: every table, every field, read back identically by an import.

The tables and columns come from ``store.models.ALL_MODELS`` (a field added to a model with its
migration is exported and imported with no change here). The document::

    {"format": "tui-reseau/reseau", "format_version": 1,
     "schema": ["0001_initial", …], "exported_at": "2026-11-26T14:05:09",
     "tables": {"contact": {"columns": ["id", "first_name", …], "rows": [[1, "Élodie", …], …]}, …}}

Values are JSON's own (numbers, text, booleans, null) except dates and times (ISO 8601 text) and
decimal amounts (text, so that ``12.10`` stays exact). Ids are kept, so that the references
between tables (who introduced whom, who was at which lunch) come back as they were.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import peewee

from tui_reseau.domain.exporters.files import write_private
from tui_reseau.errors import ReseauError
from tui_reseau.store.database import known_migrations, schema_status
from tui_reseau.store.models import ALL_MODELS, BaseModel, database_proxy

FORMAT = "tui-reseau/reseau"
FORMAT_VERSION = 1

CHUNK_ROWS = 250
"""Rows per INSERT statement when loading."""

_NOT_OURS_HINT = "Donnez un fichier écrit par « reseau export json »."


def _models() -> list[type[BaseModel]]:
    """The models in an order where every referenced row is written before its references."""
    return peewee.sort_models(ALL_MODELS)


def json_value(value: object) -> object:
    """``value`` as JSON holds it: dates and times in ISO 8601, decimals as exact text."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decimal_text(field: peewee.Field):  # -> Callable[[object], object] | None
    """Amounts with the field's decimal places (« 2.50 » from SQLite and PostgreSQL alike)."""
    places = getattr(field, "decimal_places", None)
    if not isinstance(field, peewee.DecimalField) or places is None:
        return None
    return lambda v: None if v is None else format(Decimal(v), f".{places}f")


def dump_network(now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything in the bound database as a JSON-ready dict (see the module's docstring)."""
    tables: dict[str, Any] = {}
    for model in _models():
        fields = model._meta.sorted_fields
        query = model.select(*fields).order_by(model._meta.primary_key).tuples()
        out = [_decimal_text(field) or json_value for field in fields]
        tables[model._meta.table_name] = {
            "columns": [field.column_name for field in fields],
            "rows": [[f(v) for f, v in zip(out, row, strict=True)] for row in query],
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": list(schema_status(database_proxy.obj).applied),
        "exported_at": (now or dt.datetime.now()).replace(microsecond=0).isoformat(),
        "tables": tables,
    }


def network_json(now: dt.datetime | None = None) -> str:
    """:func:`dump_network` as JSON text (UTF-8 characters kept, one table row per line)."""
    data = dump_network(now)
    tables = data.pop("tables")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # without the closing "\n}"
    parts = [head + ',\n "tables": {']
    for t_index, (name, table) in enumerate(tables.items()):
        rows = ",\n".join("   " + json.dumps(row, ensure_ascii=False) for row in table["rows"])
        columns = json.dumps(table["columns"], ensure_ascii=False)
        comma = "," if t_index < len(tables) - 1 else ""
        body = f"\n{rows}\n  " if rows else ""
        parts.append(f'\n  "{name}": {{"columns": {columns}, "rows": [{body}]}}{comma}')
    parts.append("\n }\n}\n")
    return "".join(parts)


def write_network(path: Path, *, force: bool = False, now: dt.datetime | None = None) -> Path:
    """Write the JSON export to ``path`` (0600, atomic); refuse to replace a file unless ``force``."""
    return write_private(path, network_json(now).encode("utf-8"), force=force)


# --------------------------------------------------------------------------------- import


def _not_ours(reason: str) -> ReseauError:
    return ReseauError(f"Ce fichier n'est pas un export JSON de reseau : {reason}.", _NOT_OURS_HINT)


def _parse(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", "?")
        raise ReseauError(
            f"Ce fichier n'est pas du JSON lisible (ligne {line}).", _NOT_OURS_HINT
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _not_ours("la marque « format » de reseau manque")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ReseauError(
            f"Cet export a été écrit par une version plus récente de reseau (format {version}).",
            "Mettez tui_reseau à jour (pip install --upgrade tui-reseau) ; rien n'a été importé.",
        )
    schema = data.get("schema")
    if not isinstance(schema, list) or not all(isinstance(n, str) for n in schema):
        raise _not_ours("la liste « schema » manque")
    unknown = sorted(set(schema) - set(known_migrations()))
    if unknown:
        raise ReseauError(
            "Cet export vient d'une version plus récente de reseau "
            f"(schéma {', '.join(unknown)} inconnu de cette version).",
            "Mettez tui_reseau à jour (pip install --upgrade tui-reseau) ; rien n'a été importé.",
        )
    if not isinstance(data.get("tables"), dict):
        raise _not_ours("la partie « tables » manque")
    return data


def _converter(field: peewee.Field):  # -> Callable[[object], object]
    if isinstance(field, peewee.ForeignKeyField):
        field = field.rel_field
    if isinstance(field, peewee.DateTimeField):
        return lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else _bad(v)
    if isinstance(field, peewee.DateField):
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else _bad(v)
    if isinstance(field, peewee.DecimalField):
        return lambda v: Decimal(str(v)) if isinstance(v, str | int | float) else _bad(v)
    if isinstance(field, peewee.BooleanField):
        return lambda v: v if isinstance(v, bool) else _bad(v)
    if isinstance(field, peewee.IntegerField | peewee.AutoField):
        return lambda v: v if isinstance(v, int) and not isinstance(v, bool) else _bad(v)
    return lambda v: v if isinstance(v, str) else _bad(v)


def _bad(value: object) -> object:
    raise ValueError(f"valeur inattendue {value!r:.40}")


def _rows(model: type[BaseModel], table: object) -> tuple[list[peewee.Field], list[list]]:
    name = model._meta.table_name
    if not isinstance(table, dict) or not isinstance(table.get("columns"), list):
        raise _not_ours(f"la table « {name} » est mal formée")
    by_column = {field.column_name: field for field in model._meta.sorted_fields}
    columns = table["columns"]
    unknown = [c for c in columns if c not in by_column]
    if unknown or len(set(columns)) != len(columns):
        raise _not_ours(f"colonnes inconnues ou en double dans « {name} » : {unknown}")
    fields = [by_column[c] for c in columns]
    convert = [_converter(field) for field in fields]
    rows = table.get("rows")
    if not isinstance(rows, list):
        raise _not_ours(f"les lignes de « {name} » manquent")
    out: list[list] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(fields):
            raise _not_ours(f"ligne {number} de « {name} » : {len(fields)} valeurs attendues")
        try:
            out.append([None if v is None else c(v) for c, v in zip(convert, row, strict=True)])
        except (ValueError, TypeError, InvalidOperation) as exc:
            raise ReseauError(
                f"Export JSON abîmé : table « {name} », ligne {number} : {exc}.",
                "Corrigez le fichier ou exportez de nouveau ; rien n'a été importé.",
            ) from exc
    return fields, out


def _refuse_if_not_empty() -> None:
    filled = [
        m._meta.table_name
        for m in ALL_MODELS
        if m._meta.table_name != "setting" and m.select().exists()
    ]
    if filled:
        raise ReseauError(
            "La base de destination n'est pas vide (tables "
            f"{', '.join(filled)}) : un export JSON ne se charge que dans une base vide, pour "
            "rendre le réseau à l'identique. Rien n'a été importé.",
            "Importez dans un nouveau fichier : --db ~/reseau-importe.db",
        )


def _max_variables() -> int:
    if isinstance(database_proxy.obj, peewee.SqliteDatabase) and sqlite3.sqlite_version_info < (
        3,
        32,
    ):
        return 999
    return 30_000


def _insert(model: type[BaseModel], fields: list[peewee.Field], rows: list[list]) -> None:
    """Insert ``rows``; a reference to the same table is set afterwards (its target may follow).

    Peewee takes far longer to write the SQL of a many-row INSERT than SQLite to run it: the
    SQL is written once per chunk length and reused, after checking on the first chunk that
    Peewee would have sent exactly our converted values.
    """
    own = [i for i, f in enumerate(fields) if getattr(f, "rel_model", None) is model]
    later: list[tuple[object, int, object]] = []
    if own:
        key = next(i for i, f in enumerate(fields) if f is model._meta.primary_key)
        for row in rows:
            for i in own:
                if row[i] is not None:
                    later.append((row[key], i, row[i]))
                    row[i] = None
    size = max(1, min(CHUNK_ROWS, _max_variables() // max(1, len(fields))))
    convert = [f.db_value for f in fields]
    templates: dict[int, str] = {}
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        params = [c(v) for row in chunk for c, v in zip(convert, row, strict=True)]
        sql = templates.get(len(chunk))
        if sql is None:
            sql, expected = model.insert_many(chunk, fields=fields).sql()
            if expected != params:  # a conversion we did not foresee: Peewee's own values
                params = expected
            else:
                templates[len(chunk)] = sql
        database_proxy.obj.execute_sql(sql, params)
    for key_value, i, value in later:
        field = fields[i]
        query = model.update({field: value}).where(model._meta.primary_key == key_value)
        sql = templates.get(-1 - i)
        if sql is None:
            sql, _params = query.sql()
            templates[-1 - i] = sql
        database_proxy.obj.execute_sql(sql, [field.db_value(value), key_value])


def _sync_sequences(models: Iterable[type[BaseModel]]) -> None:
    """PostgreSQL: move each id sequence past the ids written from the file."""
    database = database_proxy.obj
    if not isinstance(database, peewee.PostgresqlDatabase):
        return
    for model in models:
        if isinstance(model._meta.primary_key, peewee.AutoField):
            table = model._meta.table_name
            database.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
            )


def load_network(text: str, *, dry_run: bool = False) -> dict[str, int]:
    """Load a JSON export (``text``) into the bound, EMPTY database, ids preserved.

    One transaction: everything is written or nothing. Settings already in the database are
    replaced by those of the file. With ``dry_run``, everything is checked (format, values,
    references) and rolled back. Returns the rows per table name. Raises ReseauError (French)
    when the text is not our export, comes from a newer schema, holds a wrong value, or the
    database is not empty; nothing is written then.
    """
    data = _parse(text)
    tables = data["tables"]
    known = {m._meta.table_name for m in ALL_MODELS}
    extra = sorted(set(tables) - known)
    if extra:
        raise _not_ours(f"tables inconnues : {', '.join(extra)}")
    prepared = [
        (model, *_rows(model, tables[model._meta.table_name]))
        for model in _models()
        if model._meta.table_name in tables
    ]
    counts: dict[str, int] = {}
    database = database_proxy.obj
    try:
        with database.atomic() as transaction:
            _refuse_if_not_empty()
            for model, fields, rows in prepared:
                if model._meta.table_name == "setting" and rows:
                    keys = [row[fields.index(model._meta.primary_key)] for row in rows]
                    model.delete().where(model._meta.primary_key.in_(keys)).execute()
                _insert(model, fields, rows)
                counts[model._meta.table_name] = len(rows)
            _sync_sequences(m for m, _f, _r in prepared)
            if dry_run:
                transaction.rollback()
    except peewee.IntegrityError as exc:
        raise ReseauError(
            f"Export JSON incohérent : {exc} (une référence vers une ligne absente, ou un "
            "doublon). Rien n'a été importé.",
            "Exportez de nouveau depuis la base d'origine : reseau export json FICHIER",
        ) from exc
    return counts
