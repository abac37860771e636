#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the measurements of bench/compare.sh (called by it; reads the
results TSV and the run description from environment variables set by the script)."""
import csv
import os
import statistics
from collections import defaultdict

E = os.environ
ROUNDS = int(E["rounds"])
SMALL_FILES, SMALL_BYTES = int(E["small_files"]), int(E["small_bytes"])
SUBSET_FILES, SUBSET_BYTES = int(E["subset_files"]), int(E["subset_bytes"])
BIG_BYTES = int(E["big_bytes"])

runs = defaultdict(list)  # (dataset, tool) -> [(round, wall, rss_kb, cpu)]
with open(E["results"], newline="") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        runs[row["dataset"], row["tool"]].append(
            (
                int(row["round"]),
                float(row["wall"]),
                int(row["rss_kb"]),
                float(row["user"]) + float(row["sys"]),
            )
        )


def wall(d, t):
    return statistics.median(r[1] for r in runs[d, t])


def cpu(d, t):
    return statistics.median(r[3] for r in runs[d, t])


def rss_mb(d, t):
    """Highest peak RSS over the rounds, in MB (10^6 bytes)."""
    return max(r[2] for r in runs[d, t]) * 1024 / 1e6


def per_round(d, t):
    return {r[0]: r[1] for r in runs[d, t]}


def files_bytes(d, t):
    if d == "big":
        return 1, BIG_BYTES
    if t in ("xmlschema", "li707-subset"):
        return SUBSET_FILES, SUBSET_BYTES
    return SMALL_FILES, SMALL_BYTES


def ratio_range(d, slow, fast):
    """min-max over rounds of wall(slow)/wall(fast), same round."""
    a, b = per_round(d, slow), per_round(d, fast)
    rs = [a[r] / b[r] for r in a if r in b and b[r] > 0]
    return f"{min(rs):.1f}–{max(rs):.1f}" if rs else "n/a"


def div(a, b):
    return a / b if b > 0 else float("inf")


def fmt_x(x):
    return "∞" if x == float("inf") else (f"{x:.0f}×" if x >= 100 else f"{x:.1f}×")


def fmt_s(x):
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def fmt_rate(x):
    return f"{x:.3f}" if x < 1 else f"{x:.1f}"


LABELS = {
    "li707": "li707 validate (read + validate + TS 103 707 rules)",
    "xmllint-stream": "xmllint --stream --schema",
    "xmllint": "xmllint --schema",
    "xmlschema": "Python xmlschema",
    "li707-subset": "li707 validate, same files as xmlschema",
    "raw-scan": "raw quick-xml NsReader scan, no validation",
}
ORDER = ["li707", "xmllint-stream", "xmllint", "xmlschema", "li707-subset", "raw-scan"]
SMALL_SUBSET_NOTE = (
    f"first {SUBSET_FILES} of {SMALL_FILES} files ({SUBSET_BYTES / 1e6:.1f} MB)"
)


def table(d):
    lines = [
        "| Tool | Files | Wall s (median) | CPU s (user+sys, median) | Peak RSS MB | MB/s | documents/s | li707 faster by (wall) | li707 faster by (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in ORDER:
        if (d, t) not in runs:
            continue
        n, b = files_bytes(d, t)
        w, c = wall(d, t), cpu(d, t)
        ref = "li707-subset" if (d == "small" and t == "xmlschema") else "li707"
        if t in ("li707", "li707-subset"):
            rw = rc = "—"
        else:
            rw = f"{fmt_x(div(w, wall(d, ref)))} ({ratio_range(d, t, ref)})"
            rc = fmt_x(div(c, cpu(d, ref)))
        name = LABELS[t]
        if d == "small" and t in ("xmlschema", "li707-subset"):
            name += f" — {SMALL_SUBSET_NOTE}"
        lines.append(
            f"| {name} | {n} | {fmt_s(w)} | {fmt_s(c)} | {rss_mb(d, t):.0f} | "
            f"{div(b, w) / 1e6:.1f} | {fmt_rate(div(n, w))} | {rw} | {rc} |"
        )
    return "\n".join(lines)


def targets():
    out = [
        "| Target | Data set | Measured (wall, median) | By CPU time (median) | Result (wall) |",
        "|---|---|---:|---:|---|",
    ]
    for d, name in (("small", f"{SMALL_FILES} deliveries"), ("big", "big delivery")):
        li = wall(d, "li707")
        faster = min(("xmllint", "xmllint-stream"), key=lambda t: wall(d, t))
        r = div(wall(d, faster), li)
        faster_cpu = min(("xmllint", "xmllint-stream"), key=lambda t: cpu(d, t))
        rc = div(cpu(d, faster_cpu), cpu(d, "li707"))
        out.append(
            f"| li707 ≥ 5× the faster xmllint mode | {name} | {fmt_x(r)} vs `{faster}` | "
            f"{fmt_x(rc)} vs `{faster_cpu}` | {'met' if r >= 5 else 'missed'} |"
        )
        ref = "li707-subset" if d == "small" else "li707"
        r = div(wall(d, "xmlschema"), wall(d, ref))
        note = f" (same {SUBSET_FILES} files)" if d == "small" else ""
        rt = div(div(SMALL_FILES, li), div(SUBSET_FILES, wall(d, "xmlschema"))) if d == "small" else None
        extra = f"; by documents/s on the full set: {fmt_x(rt)}" if rt else ""
        rc = div(cpu(d, "xmlschema"), cpu(d, ref))
        out.append(
            f"| li707 ≥ 100× xmlschema | {name} | {fmt_x(r)}{note}{extra} | {fmt_x(rc)} | "
            f"{'met' if r >= 100 else 'missed'} |"
        )
        r = div(wall(d, "raw-scan"), li)
        rc = div(cpu(d, "raw-scan"), cpu(d, "li707"))
        out.append(
            f"| li707 ≥ 60% of the raw NsReader scan | {name} | {r * 100:.0f}% | {rc * 100:.0f}% | "
            f"{'met' if r >= 0.6 else 'missed'} |"
        )
    rss = max(x[2] for x in runs["big", "li707"]) * 1024
    r = rss / BIG_BYTES
    out.append(
        f"| li707 peak RSS ≤ 3× the size, reading the big delivery | big delivery | "
        f"{rss / 1e6:.0f} MB = {r:.2f}× {BIG_BYTES / 1e6:.0f} MB | | {'met' if r <= 3 else 'missed'} |"
    )
    return "\n".join(out)


def rounds_table():
    lines = ["| Data set | Tool | " + " | ".join(f"round {i}" for i in range(1, ROUNDS + 1)) + " |",
             "|---|---|" + "---:|" * ROUNDS]
    for d in ("small", "big"):
        for t in ORDER:
            if (d, t) not in runs:
                continue
            pr = per_round(d, t)
            lines.append(
                f"| {d} | {t} | " + " | ".join(fmt_s(pr[i]) if i in pr else "" for i in range(1, ROUNDS + 1)) + " |"
            )
    return "\n".join(lines)


batches_note = ""
if E["small_batches"] != "1" or E["subset_batches"] != "1":
    batches_note = (
        f"\n**Note:** the file list did not fit one command line: xargs ran xmllint in "
        f"{E['small_batches']} processes on the small set.\n"
    )

doc = f"""# Benchmarks: li707 against the reference validators

Measured by `bench/compare.sh` on {E['started']} (li707 {E['commit']}{E['dirty']}).

Exact command (from the repository root):

```sh
{E['invocation']}
```

## Machine

| | |
|---|---|
| CPU | {E['cpu']}, `nproc` = {E['nproc_']} |
| RAM | {E['ram']} |
| Kernel | {E['kernel']} |
| Load average (1/5/15 min) before | {E['load_before']} |
| Load average (1/5/15 min) after | {E['load_after']} |
| Toolchain | {E['rustc_version']}, release profile (thin LTO) |
| References | xmllint {E['xmllint_version']}; {E['python_version']} with xmlschema {E['xmlschema_version']} |

The machine is shared with other jobs (builds, fuzzers): the load average above says how
busy it was. Every tool ran on the same files in the same run, alternating: {ROUNDS} rounds,
the order of the tools rotated by one each round; the tables give the median wall time of the
rounds (measured around `/usr/bin/time` to the microsecond), the median user+sys CPU time and
the highest peak RSS (`/usr/bin/time -f "%e %M %U %S"`).
Files were in the page cache (read once before the first round).

## Corpus

Generated by `li707-corpus` (`src/bin/li707-corpus.rs`), deterministic from the seed, every
document built by `li707::build::sample::sample_delivery` and written compact (as the library
writes it): `{E['corpus_summary'].strip()}`.

- **small**: {SMALL_FILES} deliveries, {SMALL_BYTES / 1e6:.1f} MB, 1–50 handover items each with
  0–1 binary-object record per item.
- **big**: one delivery of {BIG_BYTES / 1e6:.1f} MB, a single `handoverItemCollection`.

Schemas: the official TS 103 120 V1.12.1 files from `../shared/etsi/ts_103120_v1.12.1/schema`
plus `schemas/ts_103707_messaging.xsd`, imported by absolute path from one wrapper XSD, for
xmllint and xmlschema alike; li707 uses its generated code for the same sets and also checks the
TS 103 707 rules XSD cannot express. Every tool found every document valid in every round.
{batches_note}
## Results: {SMALL_FILES} deliveries ({SMALL_BYTES / 1e6:.1f} MB)

{table("small")}

## Results: one {BIG_BYTES / 1e6:.0f} MB delivery

{table("big")}

"li707 faster by" = the tool's time ÷ li707's time on the same files (median; in brackets the
range of the per-round ratios); below 1× li707 was the slower. MB = 10^6 bytes throughout
(sizes, MB/s and peak RSS). For Python xmlschema on the small set the comparison is with
li707 on the same {SUBSET_FILES}-file subset (xmlschema would need about
{SMALL_FILES / div(SUBSET_FILES, wall('small', 'xmlschema')) / 60:.1f} minutes for all files);
its documents/s are measured on that subset, not extrapolated from the full set.

How the tools run: `li707 validate` and `raw_scan` check files on `nproc` threads (here
{E['nproc_']}); xmllint and xmlschema use one thread. The wall-time ratios are what a user of
each command sees on this machine; the CPU-time ratios compare the work done. When other jobs
keep the cores busy (load average above `nproc`), the two-thread tools lose most of their
second core and their wall times vary most from round to round (see "Every round"); the
CPU-time ratios are the steadier comparison then. `xmllint
--stream --schema` re-reads and re-compiles the schema for every file (libxml2 2.9
`xmlTextReaderSchemaValidate` takes the schema file name), which dominates on small files;
`xmllint --schema` compiles it once and builds a DOM of every document.

## Targets

{targets()}

## Every round (wall seconds)

{rounds_table()}

## Commands timed

With `W` = the wrapper XSD, `DIR` = the small corpus directory, `LIST0` = its sorted file
list (NUL-separated), `SUBSET` = the first {SUBSET_FILES} lines of the list, `BIG` = the big file:

```sh
target/release/li707 validate DIR                                   # li707
xargs -0 -s ARGMAX xmllint --noout --stream --schema W < LIST0      # xmllint-stream
xargs -0 -s ARGMAX xmllint --noout --schema W < LIST0               # xmllint
venv/bin/python bench/xmlschema_validate.py W SUBSET                # xmlschema
xargs -0 -s ARGMAX target/release/li707 validate < SUBSET0          # li707-subset
target/release/examples/raw_scan DIR                                # raw-scan
```

and the same with `BIG` in place of the list or directory for the big delivery.
"""

# The profiles and reasons behind the figures are written by people, in bench/analysis.md, and
# appended as they are (the script cannot know why a target is missed).
analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
if os.path.exists(analysis):
    with open(analysis, encoding="utf-8") as f:
        doc += "\n" + f.read()

with open(E["output"], "w", encoding="utf-8") as f:
    f.write(doc)
