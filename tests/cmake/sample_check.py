#!/usr/bin/python3
"""Checks `wegwijzer sample` end to end: line count, record shape, seeds."""
import json
import subprocess
import sys

binary = sys.argv[1]


def sample(*args):
    run = subprocess.run([binary, "sample", *args], capture_output=True, check=False)
    if run.returncode != 0:
        sys.exit(f"sample {args} exited with {run.returncode}: {run.stderr!r}")
    return run.stdout


out = sample("--count", "1000", "--seed", "3")
lines = out.decode("utf-8").splitlines()
if len(lines) != 1000:
    sys.exit(f"expected 1000 lines, got {len(lines)}")
for number, line in enumerate(lines, start=1):
    record = json.loads(line)
    if record.get("id") != f"sample-{number:06d}" or not isinstance(record.get("answers"), dict):
        sys.exit(f"bad record on line {number}")
    if not record["answers"]:
        sys.exit(f"no answers on line {number}")
if sample("--count", "1000", "--seed", "3") != out:
    sys.exit("the same seed gave different output")
if sample("--count", "1000", "--seed", "4") == out:
    sys.exit("different seeds gave the same output")
if sample("--count", "50") == sample("--count", "50"):
    sys.exit("without --seed two runs gave the same output")
print("sample ok")
