#!/usr/bin/env python3
"""Validate XML files with the Python xmlschema package, all in one process.

Usage: xmlschema_validate.py SCHEMA LISTFILE [LIMIT]

SCHEMA is an XSD (bench/compare.sh passes the wrapper that imports the official TS 103 120
V1.12.1 schemas and li707's TS 103 707 schema); LISTFILE holds one document path per line;
only the first LIMIT paths are validated when LIMIT is given. The schema is compiled once.
Documents are loaded whole (xmlschema's default, non-lazy mode); its limit of 10^6 elements
per document is raised to 2 * 10^7, li707's default `Limits::max_elements`, so that the big
delivery can be read at all.
Prints "N valid, M invalid" (and the first errors on stderr); exits 0 when all are valid.
"""
import sys

import xmlschema
import xmlschema.limits


def main() -> int:
    schema_path, list_path = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    with open(list_path, encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    if limit is not None:
        paths = paths[:limit]
    xmlschema.limits.MAX_XML_ELEMENTS = 20_000_000
    schema = xmlschema.XMLSchema(schema_path)
    valid = invalid = 0
    for path in paths:
        error = next(schema.iter_errors(path), None)
        if error is None:
            valid += 1
        else:
            invalid += 1
            if invalid <= 5:
                print(f"{path}: {error.reason}", file=sys.stderr)
    print(f"{valid} valid, {invalid} invalid")
    return 0 if invalid == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
