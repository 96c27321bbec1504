#!/usr/bin/python3
"""End-to-end hardening tests of the real binary: limits, terminal safety, privacy of messages and
output files. Usage: hardening_e2e.py WEGWIJZER_BINARY CASE [ARG]. Exits 0 when the case holds,
1 with a short reason otherwise. Every case writes only inside a fresh temporary directory."""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
HARDENING = os.path.join(os.path.dirname(HERE), "hardening")
sys.path.insert(0, HARDENING)
import make_deep_bank  # noqa: E402  (tests/hardening/make_deep_bank.py)

PLACEHOLDER_BANK = os.path.join(HARDENING, "placeholder_bank.json")
HOSTILE_BANK = os.path.join(HARDENING, "hostile_bank.json")
# Piped answers that complete the placeholder bank without a red flag:
# need=goal, down=never (hides life_worth), topics=work, then the free-text remark.
PLACEHOLDER_ANSWERS = b"2\n1\n1\n"
SECRET = "S3CRET-ANSWER-TEXT"
SANITIZER_MARKS = (b"AddressSanitizer", b"runtime error:", b"LeakSanitizer", b"UndefinedBehaviorSanitizer")
BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}

BIN = None


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def run(args, stdin=b"", env_extra=None, timeout=120, cwd=None):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color"})
    if env_extra:
        env.update(env_extra)
    proc = subprocess.run([BIN] + args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          timeout=timeout, cwd=cwd)
    for mark in SANITIZER_MARKS:
        expect(mark not in proc.stderr, f"sanitizer report from {args[:1]}: {proc.stderr[-2000:]!r}")
    return proc


def unsafe_reason(data):
    """Why `data` is not safe for a terminal (None when it is): invalid UTF-8, a C0 control other
    than newline and tab, DEL, a C1 control or a bidi override."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"invalid UTF-8 at byte {error.start}"
    for index, char in enumerate(text):
        code = ord(char)
        if (code < 0x20 and char not in "\n\t") or code == 0x7F or 0x80 <= code <= 0x9F or code in BIDI:
            context = text[max(0, index - 30):index]
            return f"control U+{code:04X} at character {index} after {context!r}"
    return None


def expect_terminal_safe(data, what):
    reason = unsafe_reason(data)
    expect(reason is None, f"{what} is not terminal-safe: {reason}")


def expect_code(proc, codes, what):
    if isinstance(codes, int):
        codes = (codes,)
    expect(proc.returncode in codes,
           f"{what}: exit {proc.returncode}, expected {codes}; stderr: {proc.stderr[-600:]!r}")


# ---------------------------------------------------------------------------------------------- limits

def bank_command(command, bank, tmp):
    """The argument list that makes `command` load `bank`, with input that would otherwise be valid."""
    if command == "check":
        return ["check", "--bank", bank], b""
    if command == "ask":
        return ["ask", "--bank", bank, "--no-color"], PLACEHOLDER_ANSWERS + b"\n"
    if command == "score":
        records = os.path.join(tmp, "records.jsonl")
        with open(records, "w") as f:
            f.write('{"id":"a","answers":{"need":"goal","down":"never"}}\n')
        return ["score", "--bank", bank, records], b""
    raise Failure(f"unknown command {command}")


def case_deep_bank(command):
    """A 200,000-deep JSON bank (arrays, then objects): exit 65 with a message about nesting, no crash."""
    with tempfile.TemporaryDirectory() as tmp:
        for shape in ("array", "object"):
            path = os.path.join(tmp, f"deep-{shape}.json")
            make_deep_bank.write(path, 200000, shape)
            args, stdin = bank_command(command, path, tmp)
            proc = run(args, stdin)
            expect_code(proc, 65, f"{command} with a 200,000-deep {shape} bank")
            messages = proc.stdout + proc.stderr if command == "check" else proc.stderr
            expect(re.search(rb"nest|deep", messages, re.I) is not None,
                   f"{command}: no clear message about nesting depth: {messages[-400:]!r}")
            expect(command == "check" or proc.stdout == b"",
                   f"{command}: output before the bank was rejected: {proc.stdout[:200]!r}")


def case_big_bank(command):
    """A bank over the 4 MiB size limit: exit 65 with a message naming the limit."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.json")
        with open(PLACEHOLDER_BANK, "rb") as f:
            bank = f.read()
        with open(path, "wb") as f:  # valid JSON: the bank followed by 5 MiB of spaces
            f.write(bank + b" " * (5 * 1024 * 1024))
        args, stdin = bank_command(command, path, tmp)
        proc = run(args, stdin)
        expect_code(proc, 65, f"{command} with a 5 MiB bank")
        messages = proc.stdout + proc.stderr
        expect(re.search(rb"limit", messages) is not None, f"no message naming the limit: {messages[-400:]!r}")
        # Only limit + 1 bytes are read: the message must not pass that off as the file's size.
        expect(b"4194305" not in messages and b"larger than the limit" in messages,
               f"the message misstates the size: {messages[-400:]!r}")


def case_endless_bank(_):
    """--bank /dev/zero (an endless stream): the loader stops at the size limit, no hang or memory blow-up."""
    proc = run(["check", "--bank", "/dev/zero"], timeout=60)
    expect_code(proc, (65, 66), "check --bank /dev/zero")
    expect((proc.stdout + proc.stderr).strip() != b"", "no message for an endless bank stream")


def case_number_overflow(command):
    """A bank with a number too large for a double (1e309; found by fuzzing): exit 65, not 70."""
    with open(PLACEHOLDER_BANK, "rb") as f:
        bank = f.read().replace(b'"close_margin": 1.0', b'"close_margin": 1e309')
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "overflow.json")
        with open(path, "wb") as f:
            f.write(bank)
        args, stdin = bank_command(command, path, tmp)
        proc = run(args, stdin)
        expect_code(proc, 65, f"{command} with a number overflow in the bank")
        expect(b"internal error" not in proc.stderr, "reported as an internal error")


def case_directory_bank(_):
    """--bank DIRECTORY: exit 66 with a message, no crash."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = run(["check", "--bank", tmp])
        expect_code(proc, (65, 66), "check --bank DIRECTORY")
        expect((proc.stdout + proc.stderr).strip() != b"", "no message for a directory given as bank")


def placeholder_with(mutate):
    with open(PLACEHOLDER_BANK, encoding="utf-8") as f:
        bank = json.load(f)
    mutate(bank)
    return bank


def case_many_questions(_):
    """1,001 questions (limit 1,000): exit 65 with a message naming the limit."""
    def mutate(bank):
        template = bank["questions"][-1]  # the optional free-text question
        for index in range(1001 - len(bank["questions"])):
            bank["questions"].append(dict(template, id=f"extra_{index}"))
    expect_limit_error(placeholder_with(mutate), "questions")


def case_many_options(_):
    """A question with 101 options (limit 100): exit 65 with a message naming the limit."""
    def mutate(bank):
        question = bank["questions"][0]
        template = question["options"][0]
        for index in range(101 - len(question["options"])):
            question["options"].append(dict(template, id=f"extra_{index}"))
    expect_limit_error(placeholder_with(mutate), "options")


def case_many_rules(_):
    """1,001 rules (limit 1,000): exit 65 with a message naming the limit."""
    def mutate(bank):
        template = bank["rules"][-1]
        for index in range(1001 - len(bank["rules"])):
            bank["rules"].append(dict(template, id=f"extra_{index}"))
    expect_limit_error(placeholder_with(mutate), "rules")


def expect_limit_error(bank, noun):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bank.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bank, f)
        proc = run(["check", "--bank", path])
        expect_code(proc, 65, f"a bank over the {noun} limit")
        messages = proc.stdout + proc.stderr
        expect(re.search(rb"limit", messages) is not None and noun.encode() in messages,
               f"no message naming the {noun} limit: {messages[-600:]!r}")


# --------------------------------------------------------------------------------------- terminal safety

def case_hostile_check(_):
    """check on a bank whose texts carry escape sequences: no control byte reaches stdout or stderr."""
    proc = run(["check", "--bank", HOSTILE_BANK])
    expect_code(proc, (0, 65), "check on the hostile bank")
    expect_terminal_safe(proc.stdout, "check stdout")
    expect_terminal_safe(proc.stderr, "check stderr")


def case_hostile_ids_check(_):
    """Diagnostics that name hostile ids (duplicates, unknown references) print them sanitised."""
    evil = "\u001b]0;pwned\u0007\u001b[2J\u009b1m\u202eid\udcff"

    def mutate(bank):
        bank["questions"][1]["id"] = bank["questions"][0]["id"]  # duplicate id
        bank["questions"][0]["id"] = evil[:-1]
        bank["questions"][1]["id"] = evil[:-1]
        bank["rules"][0]["when"] = {"answer": evil[:-1] + "x", "equals": evil[:-1]}
    bank = placeholder_with(mutate)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bank.json")
        with open(path, "w", encoding="ascii") as f:
            json.dump(bank, f, ensure_ascii=True)
        with open(path, "ab") as f:
            f.write(b"\n")
        proc = run(["check", "--bank", path])
        expect_code(proc, 65, "check on a bank with hostile duplicate ids")
        expect_terminal_safe(proc.stdout, "check stdout")
        expect_terminal_safe(proc.stderr, "check stderr")
        # Invalid UTF-8 in a hostile file name is sanitised too.
        odd = os.path.join(tmp.encode(), b"bank-\x1b[31m-\xff.json")
        os.rename(path, odd)
        proc = subprocess.run([BIN.encode(), b"check", b"--bank", odd], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
        expect_code(proc, 65, "check with a hostile file name")
        expect_terminal_safe(proc.stderr, "check stderr naming a hostile file")


def case_hostile_ask(fmt):
    """ask on the hostile bank, piped, in text or Markdown: nothing of the escapes reaches stdout or stderr."""
    for lang in ("nl", "en"):
        args = ["ask", "--bank", HOSTILE_BANK, "--lang", lang, "--format", fmt]
        proc = run(args, PLACEHOLDER_ANSWERS + b"\n")
        expect_code(proc, 0, f"ask --format {fmt} --lang {lang} on the hostile bank")
        expect(b"Wegwijzer" in proc.stdout, "the bank's title text is missing from the transcript")
        expect_terminal_safe(proc.stdout, f"ask --format {fmt} stdout")
        expect_terminal_safe(proc.stderr, f"ask --format {fmt} stderr")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "summary")
            proc = run(args + ["--out", out], PLACEHOLDER_ANSWERS + b"\n")
            expect_code(proc, 0, "ask --out on the hostile bank")
            with open(out, "rb") as f:
                expect_terminal_safe(f.read(), f"the {fmt} summary file")


HOSTILE_ANSWER_LINES = [
    b"\x1b[31m2\x1b[0m",            # an escape around a valid number
    b"9", b"\x1b]0;pwned\x07", b"\xff\xfe\xc3(", b"\x9b1m", b"\xe2\x80\xae1", b"1\r\x07",
    b"2", b"1", b"1",
]


def case_ask_hostile_answers(_):
    """ask, piped, with escapes, C1 controls, bidi overrides and invalid UTF-8 typed as answers and free text."""
    remark = b"\x1b]0;pwned\x07 \xff\xfe " + SECRET.encode() + b" \xe2\x80\xae \x9b31m \x1b[2J end"
    stdin = b"\n".join(HOSTILE_ANSWER_LINES + [remark]) + b"\n"
    for fmt in ("text", "markdown"):
        proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--lang", "en", "--format", fmt], stdin)
        expect_code(proc, 0, f"ask --format {fmt} with hostile answers")
        expect_terminal_safe(proc.stdout, f"ask --format {fmt} stdout")
        expect_terminal_safe(proc.stderr, f"ask --format {fmt} stderr")
        expect(SECRET.encode() not in proc.stderr, "answer text on stderr")
    proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--lang", "en", "--format", "json"], stdin)
    expect_code(proc, 0, "ask --format json with hostile answers")
    expect_terminal_safe(proc.stderr, "ask --format json stderr")


def case_markdown_escapes(_):
    """The Markdown summary escapes answer text: no live link, HTML or heading from a free-text answer."""
    remark = b"*bold* _em_ [click](http://evil.example/) <script>alert(1)</script> `code` | pipe\n# Heading"
    proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--lang", "en", "--format", "markdown"],
               PLACEHOLDER_ANSWERS + remark + b"\n")
    expect_code(proc, 0, "ask --format markdown")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "summary.md")
        proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--lang", "en", "--format", "markdown", "--out", out],
                   PLACEHOLDER_ANSWERS + remark.split(b"\n")[0] + b"\n")
        expect_code(proc, 0, "ask --format markdown --out")
        with open(out, "rb") as f:
            summary = f.read()
    expect(b"alert(1)" in summary or b"alert\\(1\\)" in summary, "the free-text answer is not in the summary")
    expect(b"[click](http" not in summary, "a live Markdown link from answer text")
    expect(b"<script>" not in summary, "raw HTML from answer text")
    expect(b"*bold*" not in summary and b"_em_" not in summary, "unescaped emphasis from answer text")


# ----------------------------------------------------------------------------------------------- batch

def check_batch_output(proc, count, what, fmt="jsonl"):
    expect_terminal_safe(proc.stderr, f"{what} stderr")
    expect(SECRET.encode() not in proc.stderr, f"{what}: answer text on stderr")
    expect(SECRET.encode() not in proc.stdout, f"{what}: answer text in the output")
    lines = proc.stdout.split(b"\n")
    expect(lines[-1] == b"", f"{what}: output does not end with a newline")
    if fmt == "jsonl":
        expect(len(lines) - 1 == count, f"{what}: {count} records in, {len(lines) - 1} lines out")
        for line in lines[:-1]:
            expect(all(b >= 0x20 for b in line), f"{what}: raw control byte in an output line")
            try:
                line.decode("utf-8")
                json.loads(line)
            except ValueError:
                raise Failure(f"{what}: output line is not UTF-8 JSON: {line[:200]!r}")


def hostile_records():
    s = SECRET
    return [
        b'{"id":"plain","answers":{"need":"goal","down":"never"}}',
        b'{"id":"\x1b]0;pwned\x07\x1b[2J\xff","answers":{"need":"goal","down":"never","remarks":"' + s.encode() +
        b' \x1b[31m \xff\xfe"}}',
        b'{"id":"\\u001b[2J\\u009b\\u202e\\ud800","answers":{"need":"task","down":"some","remarks":"\\u0007' +
        s.encode() + b'"}}',
        b'{"id":"wrong-option","answers":{"need":"' + s.encode() + b'","down":"never"}}',
        # Keys are question ids (echoed, escaped); values are answers (never echoed).
        b'{"id":"unknown-question","answers":{"\x1b]0;k\x07\xff":"' + s.encode() + b'","need":"goal"}}',
        b'{"id":"wrong-type","answers":{"need":["goal","' + s.encode() + b'"],"down":7}}',
        b'not json at all ' + s.encode() + b' \x1b[2J \xff',
        b'{"id":"trunc","answers":{"need":"go',
        b'\xef\xbb\xbf{"id":"bom","answers":{"need":"goal","down":"never"}}',
        b'{"id":"crlf","answers":{"need":"goal","down":"never"}}\r',
        b'[]',
        b'{"id":12,"answers":[]}',
        b'{"id":"deep","answers":' + b'[' * 100000 + b']' * 100000 + b'}',
    ]


def case_batch_hostile_jsonl(_):
    """score on JSON Lines with invalid UTF-8, controls and secrets: one valid JSON line per record,
    no control byte, no answer text in the output or on stderr."""
    records = hostile_records()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        with open(path, "wb") as f:
            f.write(b"\n".join(records) + b"\n")
        for jobs in ("1", "2"):
            proc = run(["score", "--bank", PLACEHOLDER_BANK, "--jobs", jobs, path])
            expect_code(proc, 65, "score with error records")
            check_batch_output(proc, len(records), f"score --jobs {jobs}")
            report = os.path.join(tmp, "report.txt")
            proc = run(["score", "--bank", PLACEHOLDER_BANK, "--jobs", jobs, "--report", report, path])
            with open(report, "rb") as f:
                data = f.read()
            expect_terminal_safe(data, "the --report file")
            expect(SECRET.encode() not in data, "answer text in the --report file")


def case_batch_hostile_csv(_):
    """score on CSV with hostile cells, an unterminated quote and invalid UTF-8: valid output, no secrets."""
    s = SECRET.encode()
    csv = (b"\xef\xbb\xbfid,need,down,topics,remarks\r\n"
           b"\x1b]0;pwned\x07,goal,never,work;private,\"" + s + b" \x1b[2J, \"\"q\"\"\nline\"\r\n"
           b"\xff\xfe,task,some,,\r\n"
           b"x," + s + b",never,,\r\n"
           b"y,goal,never,work;" + s + b",\r\n"
           b"z,goal\r\n"
           b"w,goal,never,,,extra,cells\r\n"
           b"u,goal,never,,\"unterminated " + s + b"\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.csv")
        with open(path, "wb") as f:
            f.write(csv)
        for fmt in ("jsonl", "csv"):
            proc = run(["score", "--bank", PLACEHOLDER_BANK, "--format", fmt, path])
            expect_code(proc, (0, 65), f"score CSV --format {fmt}")
            check_batch_output(proc, 0, f"score CSV --format {fmt}", fmt="none")
            for line in proc.stdout.split(b"\n"):
                expect(b"\x1b" not in line and b"\x07" not in line, "raw control byte in CSV-scored output")
                line.decode("utf-8")


def case_batch_long_line(_):
    """A record far over the batch line limit: an error record in place, the next records still scored."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        big = b'{"id":"big","answers":{"remarks":"' + b"x" * (64 * 1024 * 1024) + b'"}}'
        with open(path, "wb") as f:
            f.write(b'{"id":"a","answers":{"need":"goal","down":"never"}}\n' + big + b"\n" +
                    b'{"id":"b","answers":{"need":"goal","down":"never"}}\n')
        proc = run(["score", "--bank", PLACEHOLDER_BANK, path], timeout=120)
        expect_code(proc, 65, "score with an over-long line")
        lines = proc.stdout.split(b"\n")
        expect(len(lines) == 4, f"3 records in, {len(lines) - 1} lines out")
        first, second, third = (json.loads(line) for line in lines[:3])
        expect(first.get("status") == "complete" and third.get("status") == "complete",
               "the records around the long line were not scored")
        expect(second.get("status") == "error", f"the long line is no error record: {lines[1][:300]!r}")


def case_batch_many_answers(_):
    """A record with 200,000 answers: an error record (or a scored record), in place, no crash."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        answers = ",".join(f'"q{i}":"x"' for i in range(200000))
        with open(path, "w") as f:
            f.write('{"id":"many","answers":{' + answers + '}}\n{"id":"b","answers":{"need":"goal","down":"never"}}\n')
        proc = run(["score", "--bank", PLACEHOLDER_BANK, path], timeout=120)
        expect_code(proc, 65, "score with a record of 200,000 answers")
        lines = proc.stdout.split(b"\n")
        expect(len(lines) == 3, f"2 records in, {len(lines) - 1} lines out")
        expect(json.loads(lines[0]).get("status") == "error", "the huge record is not an error record")
        expect(len(lines[0]) < 100000, f"the error record for a huge record is {len(lines[0])} bytes")


# ----------------------------------------------------------------------------------------- output files

def case_out_unwritable(command):
    """--out (ask) / --report (score) to a directory or under a missing parent: exit 73, no file left."""
    with tempfile.TemporaryDirectory() as tmp:
        records = os.path.join(tmp, "in.jsonl")
        with open(records, "w") as f:
            f.write('{"id":"a","answers":{"need":"goal","down":"never"}}\n')
        target_dir = os.path.join(tmp, "existing-dir")
        os.mkdir(target_dir)
        for target in (target_dir, os.path.join(tmp, "missing", "parent", "out.txt")):
            before = sorted(os.listdir(tmp))
            if command == "ask":
                proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--out", target], PLACEHOLDER_ANSWERS + b"\n")
            else:
                proc = run(["score", "--bank", PLACEHOLDER_BANK, "--report", target, records])
            expect_code(proc, 73, f"{command} writing to {os.path.basename(target)}")
            expect(proc.stderr.strip() != b"", "no message for an unwritable output")
            expect(sorted(os.listdir(tmp)) == before, f"files left behind: {sorted(os.listdir(tmp))}")
            expect(os.listdir(target_dir) == [], f"files left in the target directory: {os.listdir(target_dir)}")


def case_out_write_fails(_):
    """A write that fails part-way (file size limit: what a full disk looks like to write()): a clear
    error (73 or 74) and no partial or temporary file; without root or a special filesystem."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "summary.txt")

        def limit():
            import resource
            import signal
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
        env = dict(os.environ, LANG="C.UTF-8")
        proc = subprocess.run([BIN, "ask", "--bank", PLACEHOLDER_BANK, "--out", out], input=PLACEHOLDER_ANSWERS + b"\n",
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit, env=env, timeout=60)
        expect_code(proc, (73, 74), "ask --out when the write fails part-way")
        expect(proc.stderr.strip() != b"", "no message for a failed write")
        expect(os.listdir(tmp) == [], f"partial or temporary files left: {os.listdir(tmp)}")


def case_out_special_file(_):
    """--out naming an existing FIFO (like /dev/null or /dev/stdout: not a regular file): exit 73 and
    the FIFO is left in place, never replaced by a regular file (as root that would clobber /dev/null)."""
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "fifo")
        os.mkfifo(fifo)
        proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--out", fifo], PLACEHOLDER_ANSWERS + b"\n")
        expect_code(proc, 73, "ask --out FIFO")
        expect(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced")
        expect(os.listdir(tmp) == ["fifo"], f"files left behind: {os.listdir(tmp)}")


def case_out_mode(_):
    """--out writes the summary with mode 0600, replacing an existing file atomically."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "summary.txt")
        with open(out, "w") as f:
            f.write("old")
        os.chmod(out, 0o644)
        old_umask = os.umask(0)
        try:
            proc = run(["ask", "--bank", PLACEHOLDER_BANK, "--out", out], PLACEHOLDER_ANSWERS + b"\n")
        finally:
            os.umask(old_umask)
        expect_code(proc, 0, "ask --out")
        mode = stat.S_IMODE(os.stat(out).st_mode)
        expect(mode == 0o600, f"mode {oct(mode)}, expected 0o600")
        expect(os.listdir(tmp) == ["summary.txt"], f"extra files: {os.listdir(tmp)}")


def case_nothing_written(_):
    """Without --out nothing is written: the working directory stays empty after ask, check, sample and score."""
    with tempfile.TemporaryDirectory() as tmp:
        records = os.path.join(tmp, "..", os.path.basename(tmp) + ".jsonl")
        try:
            with open(records, "w") as f:
                f.write('{"id":"a","answers":{"need":"goal","down":"never"}}\n')
            env = {"HOME": tmp, "TMPDIR": tmp, "XDG_CONFIG_HOME": tmp, "XDG_CACHE_HOME": tmp}
            run(["ask", "--bank", PLACEHOLDER_BANK], PLACEHOLDER_ANSWERS + b"\n", env, cwd=tmp)
            run(["ask", "--bank", PLACEHOLDER_BANK], b"1\n", env, cwd=tmp)
            run(["check"], env_extra=env, cwd=tmp)
            run(["sample", "--count", "10"], env_extra=env, cwd=tmp)
            run(["score", "--bank", PLACEHOLDER_BANK, records], env_extra=env, cwd=tmp)
            expect(os.listdir(tmp) == [], f"files written without --out: {os.listdir(tmp)}")
        finally:
            os.unlink(records)


NETWORK_SYMBOLS = {"socket", "connect", "bind", "listen", "accept", "sendto", "sendmsg", "getaddrinfo",
                   "gethostbyname", "gethostbyname_r", "getnameinfo", "curl_easy_init"}


def case_no_network(_):
    """The binary imports no networking function (socket, connect, getaddrinfo, ...): it cannot talk
    to a network whatever the input."""
    proc = subprocess.run(["nm", "-D", "--undefined-only", BIN], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60, check=True)
    imported = {line.split()[-1].split("@")[0] for line in proc.stdout.decode().splitlines() if line.strip()}
    expect(len(imported) > 10, "nm found too few imported symbols to judge")
    found = sorted(imported & NETWORK_SYMBOLS)
    expect(not found, f"networking functions imported: {found}")


CASES = {
    "deep-bank": case_deep_bank,
    "big-bank": case_big_bank,
    "endless-bank": case_endless_bank,
    "directory-bank": case_directory_bank,
    "number-overflow": case_number_overflow,
    "many-questions": case_many_questions,
    "many-options": case_many_options,
    "many-rules": case_many_rules,
    "hostile-check": case_hostile_check,
    "hostile-ids-check": case_hostile_ids_check,
    "hostile-ask": case_hostile_ask,
    "ask-hostile-answers": case_ask_hostile_answers,
    "markdown-escapes": case_markdown_escapes,
    "batch-hostile-jsonl": case_batch_hostile_jsonl,
    "batch-hostile-csv": case_batch_hostile_csv,
    "batch-long-line": case_batch_long_line,
    "batch-many-answers": case_batch_many_answers,
    "out-unwritable": case_out_unwritable,
    "out-write-fails": case_out_write_fails,
    "out-special-file": case_out_special_file,
    "out-mode": case_out_mode,
    "nothing-written": case_nothing_written,
    "no-network": case_no_network,
}


def main():
    global BIN
    if len(sys.argv) < 3 or sys.argv[2] not in CASES:
        print(f"usage: {sys.argv[0]} BINARY CASE [ARG]; cases: {', '.join(CASES)}", file=sys.stderr)
        return 2
    BIN = sys.argv[1]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    try:
        CASES[sys.argv[2]](arg)
    except Failure as failure:
        print(f"FAIL {sys.argv[2]} {arg or ''}: {failure}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as timeout:
        print(f"FAIL {sys.argv[2]} {arg or ''}: timed out: {timeout.cmd[:3]}", file=sys.stderr)
        return 1
    print(f"ok {sys.argv[2]} {arg or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
