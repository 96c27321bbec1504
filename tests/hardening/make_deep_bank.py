#!/usr/bin/python3
"""Writes a very deeply nested JSON "bank" at test time (never committed: 200,000 levels are
400 KB). Usage: make_deep_bank.py OUT [DEPTH [array|object]]."""
import sys


def write(path, depth=200000, shape="array"):
    """A bank object whose "questions" value nests `depth` arrays (or objects) deep."""
    if shape == "array":
        inner = "[" * depth + "]" * depth
    else:
        inner = '{"a":' * depth + "null" + "}" * depth
    with open(path, "w", encoding="ascii") as f:
        f.write('{"format": 1, "id": "deep", "questions": ' + inner + "}\n")


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200000,
          sys.argv[3] if len(sys.argv) > 3 else "array")
