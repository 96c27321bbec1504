#!/usr/bin/python3
"""Validates JSON files against a JSON Schema (draft 2020-12).

Usage: validate_schema.py SCHEMA FILE...
       validate_schema.py --expect-invalid SCHEMA FILE...   (each FILE must fail; the flag may come anywhere)
Prints one line per problem as FILE: /json/pointer: message. Exit 0 when every file gives the
expected result, 1 otherwise, 2 on bad usage. Run with the system Python (/usr/bin/python3),
which has python3-jsonschema.
"""
import json
import sys

import jsonschema


def pointer(path):
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path) if path else "/"


def main(argv):
    expect_invalid = "--expect-invalid" in argv
    argv = [arg for arg in argv if arg != "--expect-invalid"]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    ok = True
    for path in argv[1:]:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if expect_invalid:
            if errors:
                print(f"{path}: invalid, as expected ({len(errors)} problems)")
            else:
                print(f"{path}: valid, but it should not be")
                ok = False
            continue
        for error in errors:
            print(f"{path}: {pointer(error.absolute_path)}: {error.message[:300]}")
        if errors:
            ok = False
        else:
            print(f"{path}: valid")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
