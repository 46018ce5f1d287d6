"""No SQL is built by string formatting: every statement is SQLAlchemy Core or a text() with bound
parameters. This scans the source for SQL keywords inside f-strings, %-formatting or .format()."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "communique"
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIRTUAL)"
                 r"|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA\s|WHERE\s.+=)", re.IGNORECASE | re.DOTALL)


# Reviewed exceptions: statements whose interpolated parts are table names and weights from module
# constants, and ":pN" placeholders; every value the user gives is a bound parameter.
REVIEWED = {
    ("store/fulltext.py", "statement"): "FTS5 tables joined by name; values bound as :pN",
    ("store/fulltext.py", "build_sql"): "MATCH and LIKE expressions passed through Sql.param()",
    ("store/pg_search.py", "statement"): "the search table by name, rank expressions of ts_rank; values bound as :pN",
    ("store/store.py", "migrate"): "PRAGMA busy_timeout with an integer constant",
    ("store/migrations/versions/0010_change_counters.py", "upgrade"): "triggers named from the migration's constants",
    ("store/migrations/versions/0010_change_counters.py", "downgrade"): "triggers named from the migration's constants",
    ("store/migrations/versions/0011_counters_per_document.py", "downgrade"): "triggers named from constants",
    ("store/pg_vectors.py", "create_index"): "DDL takes no bound parameters: index name a sha1 hex digest, "
                                             "dimension an int, the model name quoted as an SQL literal",
    ("store/pg_vectors.py", "nearest_sql"): "vector dimension an int, filters and :skipN placeholders from "
                                            "constants; every value bound",
}


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node's enclosing function name."""
    owner: dict[ast.AST, str] = {}
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                owner.setdefault(node, func.name) if node is not func else None
    return owner


def _formatted_strings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            yield node, text
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and isinstance(side.value, str):
                    yield node, side.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            yield node, node.func.value.value


def test_no_sql_statement_is_built_by_string_formatting():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owners = _functions(tree)
        for node, text in _formatted_strings(tree):
            where = (str(path.relative_to(SOURCE)), owners.get(node, ""))
            if SQL.search(text) and where not in REVIEWED:
                found.append(f"{where[0]}:{node.lineno} in {where[1]}(): {text[:80]!r}")
    assert not found, "SQL built by string formatting:\n" + "\n".join(found)


def test_the_scan_would_catch_an_f_string_query():
    tree = ast.parse('name = "x"\nq = f"SELECT * FROM documents WHERE id = {name}"\n')
    assert any(SQL.search(text) for _, text in _formatted_strings(tree))
