#!/usr/bin/env python3
"""Summarises a bench/run.sh output directory: medians of wall time and peak RSS per tool, ratios
side by side, correctness of Strata's diff against changes.json. Usage: summarize.py OUTDIR"""
import csv
import os
import statistics
import sys
from collections import defaultdict

out = sys.argv[1]
rows = defaultdict(list)
for r in csv.DictReader(open(os.path.join(out, "results.tsv")), delimiter="\t"):
    if r["wall_s"] != "NA":
        rows[(r["dialect"], int(r["size"]), r["tool"])].append((float(r["wall_s"]), int(r["rss_kib"])))


def med(key, i):
    v = [x[i] for x in rows.get(key, [])]
    return statistics.median(v) if v else None


def fs(x):
    return "—" if x is None else ("%.2f s" % x if x < 60 else "%d min %04.1f s" % (x // 60, x % 60))


def fm(kib):
    return "—" if kib is None else "%.0f MiB" % (kib / 1024)


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else "%.1f×" % (a / b)


def check(d, n):
    w = os.path.join(out, "%s-%d" % (d, n))
    res = []
    for f in sorted(os.listdir(w)) if os.path.isdir(w) else []:
        if f.startswith("check-") and f.endswith(".txt"):
            p = open(os.path.join(w, f)).read().split()
            if len(p) == 3:
                res.append(p)
    if not res:
        return "—"
    worst = min(res, key=lambda p: int(p[0]))
    return "%s/%s (extra %s)" % tuple(worst)


keys = sorted({(d, n) for d, n, _ in rows}, key=lambda k: (k[0] != "pg", k[1]))
print("| DB | tables | Strata wall | Strata RSS | Liquibase wall | Liquibase RSS | Liquibase / Strata "
      "| 2× dump wall | Strata / 2× dump | Strata diff correct (found/expected) | runs |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for d, n in keys:
    s, l, m = (d, n, "strata"), (d, n, "liquibase"), (d, n, "dump2x")
    print("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d |" % (
        "PostgreSQL" if d == "pg" else "MariaDB", n, fs(med(s, 0)), fm(med(s, 1)), fs(med(l, 0)),
        fm(med(l, 1)), ratio(med(l, 0), med(s, 0)), fs(med(m, 0)), ratio(med(s, 0), med(m, 0)),
        check(d, n), len(rows.get(s, []))))
print()
for d in ("pg", "my"):
    a, b = med((d, 1000, "strata"), 0), med((d, 5000, "strata"), 0)
    if a and b:
        print("Scaling %s 1,000 → 5,000 tables (5× the tables): Strata wall %s, RSS %s" % (
            d, ratio(b, a), ratio(med((d, 5000, "strata"), 1), med((d, 1000, "strata"), 1))))
print()
print("All runs (wall s, RSS KiB):")
for k in sorted(rows, key=lambda k: (k[0] != "pg", k[1], k[2])):
    print("- %s %d %s: %s" % (k[0], k[1], k[2], ", ".join("%.2f/%d" % x for x in rows[k])))
