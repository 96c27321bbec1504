#!/usr/bin/python3
"""Runs a command and checks its exit code and output.

Usage: expect_exit.py CODE REGEX COMMAND [ARG...]
Passes (exit 0) when COMMAND exits with CODE and REGEX matches its standard output or error.
"""
import re
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    code, pattern, command = int(argv[0]), argv[1], argv[2:]
    run = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=60)
    output = run.stdout + run.stderr
    ok = True
    if run.returncode != code:
        print(f"exit code {run.returncode}, expected {code}")
        ok = False
    if not re.search(pattern, output):
        print(f"output does not match {pattern!r}")
        ok = False
    if not ok:
        print("--- stdout\n" + run.stdout + "--- stderr\n" + run.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
