#!/usr/bin/env python3
"""Checks that a Strata diff (SQL on stdin or in a file) contains every change of a gen_schema.py
manifest. Prints `found expected extra` (extra = statements on tables the manifest does not name)
and, on stderr, each missing change. Usage: check_diff.py changes.json diff.sql"""
import json
import re
import sys


def statements(sql):
    sql = sql.replace('"', "").replace("`", "")
    out, cur = [], []
    for line in sql.splitlines():
        if line.startswith("--") and not cur:
            continue
        cur.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def pattern(c):
    t = re.escape(c["table"])
    q = r"(?:\w+\.)?"
    return {
        "add_column": r"ADD COLUMN\s+notes\b",
        "drop_column": r"DROP COLUMN\s+description\b",
        "change_type": r"\bamount\b.*\b(?:numeric|decimal)\(14,\s*4\)",
        "add_index": r"(?:CREATE INDEX|ADD INDEX)\s+%six_%s_amount\b" % (q, t),
        "drop_index": r"DROP INDEX\s+%six_%s_name_created\b" % (q, t),
        "change_default": r"\bis_active\b.*SET DEFAULT\s+(?:true|1)\b",
        "add_table": r"CREATE TABLE\s+%s%s\s*\(" % (q, t),
        "drop_table": r"DROP TABLE\s+%s%s\b" % (q, t),
        "add_check": r"ck_%s_name\b.*CHECK" % t,
    }[c["kind"]]


def main():
    changes = json.load(open(sys.argv[1]))["changes"]
    stmts = statements(open(sys.argv[2]).read())
    named = {c["table"] for c in changes}
    found = 0
    for c in changes:
        table = re.compile(r"\b%s\b" % re.escape(c["table"]))
        rx = re.compile(pattern(c), re.I | re.S)
        own = c["kind"] in ("add_column", "drop_column", "change_type", "change_default")
        if any((table.search(s) or not own) and rx.search(s) for s in stmts):
            found += 1
        else:
            print("missing: %s %s" % (c["kind"], c["table"]), file=sys.stderr)
    extra = 0
    for s in stmts:
        m = re.search(r"\b(?:TABLE|ON)\s+(?:\w+\.)?(t_(?:new_)?\d{5})\b", s, re.I)
        if m and m.group(1) not in named:
            extra += 1
            print("extra: %s" % s.splitlines()[0][:120], file=sys.stderr)
    print(found, len(changes), extra)


if __name__ == "__main__":
    main()
