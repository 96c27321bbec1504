#!/usr/bin/python3
"""Validates JSON summaries or machine result records against wegwijzer's JSON Schemas.

usage: validate_summary_json.py SCHEMA_DIR --summary FILE...   (each file: one JSON summary)
       validate_summary_json.py SCHEMA_DIR --records FILE...   (each file: JSON Lines of result records)

Exits 0 when every document is valid, 1 otherwise (printing each problem), 2 on usage errors.
"""
import json
import pathlib
import sys

import jsonschema


def load_schemas(schema_dir):
    schemas = {}
    for name in ("result.schema.json", "summary.schema.json"):
        schema = json.loads((schema_dir / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[name] = schema
    return schemas


def validator_for(schemas, name):
    store = {schema["$id"]: schema for schema in schemas.values()}
    resolver = jsonschema.RefResolver.from_schema(schemas[name], store=store)
    return jsonschema.Draft202012Validator(schemas[name], resolver=resolver)


def main(argv):
    if len(argv) < 4 or argv[2] not in ("--summary", "--records"):
        print(__doc__, file=sys.stderr)
        return 2
    schemas = load_schemas(pathlib.Path(argv[1]))
    records = argv[2] == "--records"
    validator = validator_for(schemas, "result.schema.json" if records else "summary.schema.json")
    failures = 0
    documents = 0
    for path in argv[3:]:
        text = pathlib.Path(path).read_text(encoding="utf-8")
        chunks = [(i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip()] if records else [(1, text)]
        for line_number, chunk in chunks:
            documents += 1
            try:
                document = json.loads(chunk)
            except json.JSONDecodeError as error:
                print(f"{path}:{line_number}: not JSON: {error}")
                failures += 1
                continue
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
                location = "/".join(str(part) for part in error.path)
                print(f"{path}:{line_number}: /{location}: {error.message}")
                failures += 1
    if documents == 0:
        print("no documents to validate")
        return 1
    print(f"{documents} document(s) checked, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
