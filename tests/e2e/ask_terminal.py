#!/usr/bin/python3
"""End-to-end tests of `wegwijzer ask` in a real pseudo-terminal (pexpect) and with piped input.

Usage: ask_terminal.py BINARY BANK SCENARIO
Scenarios: walkthrough, interrupt, crisis, crisis-interrupt, crisis-eof, eof, piped, piped-default,
piped-crisis, recap-first, recap-second (the built-in bank in an 80x24 tmux screen; BANK is not used).
"""
import os
import shlex
import signal
import stat
import subprocess
import sys
import tempfile
import time

import pexpect

BINARY, BANK, SCENARIO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
TIMEOUT = 15


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def terminal_env():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LC_ALL", "LC_CTYPE")}
    env.update({"TERM": "xterm", "LANG": "en_US.UTF-8"})
    return env


def spawn(workdir, extra=()):
    args = ["ask", "--bank", BANK, "--lang", "en"] + list(extra)
    child = pexpect.spawn(BINARY, args, cwd=workdir, env=terminal_env(), encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 100))
    child.logfile_read = sys.stdout
    return child


def finish(child):
    child.expect(pexpect.EOF)
    child.close()
    return child


def walkthrough(workdir):
    """Answers, goes back, changes an answer, reaches the summary; --out writes a 0600 file."""
    child = spawn(workdir, ["--out", "summary.txt"])
    child.expect("Do you need help right now\\?")
    child.expect("113 Suicide Prevention: 113 or 0800-0113")
    child.expect("Question 1 of at least 4")  # the topics question waits on this answer
    child.expect("> ")
    child.sendline("1")  # learning a task: hides the topics question
    child.expect("Question 2 of 4")
    child.expect("> ")
    child.sendline("b")
    child.expect("Question 1 of at least 4")
    child.expect("Learning a task \u2190 your earlier answer")
    child.expect("> ")
    child.sendline("2")  # reaching a goal: topics comes back
    child.expect("Question 2 of 5")
    child.expect("Which topics is it about\\?")
    child.expect("> ")
    child.sendline("1 3")
    child.expect("How often did you feel low")
    child.expect("> ")
    child.sendline("1")
    child.expect("Do you feel unsafe at home\\?")
    child.expect("> ")
    child.sendline("2")
    child.expect("Anything else")
    child.expect("> ")
    child.sendline("")
    child.expect("Done. Your summary follows.")
    child.expect("Reaching a goal")
    child.expect("In short")  # the recap after the summary says where it was saved
    child.expect("Your summary was saved to summary.txt.")
    finish(child)
    check(child.exitstatus == 0, "exit status %r, signal %r" % (child.exitstatus, child.signalstatus))
    path = os.path.join(workdir, "summary.txt")
    check(os.path.exists(path), "--out file missing")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    check(mode == 0o600, "--out file mode %o, expected 600" % mode)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    check("Reaching a goal" in text, "the changed answer is not in the saved summary")
    check("Learning a task" not in text, "the earlier answer is still in the saved summary")
    check("\x1b" not in text, "colour codes in the saved summary")


def interrupt(workdir):
    """Ctrl-C at a prompt: 'nothing saved', killed by SIGINT (the shell sees 130), no file."""
    child = spawn(workdir, ["--out", "summary.txt"])
    child.expect("Question 1 of at least 4")
    child.expect("> ")
    child.sendline("2")
    child.expect("Question 2 of 5")
    child.expect("> ")
    child.sendintr()
    child.expect("Interrupted. Nothing was saved.")
    finish(child)
    check(child.signalstatus == signal.SIGINT or child.exitstatus == 130,
          "exit status %r, signal %r" % (child.exitstatus, child.signalstatus))
    check(os.listdir(workdir) == [], "files appeared: %r" % os.listdir(workdir))
    # The terminal was left sane: the same pty still echoes and is in canonical mode.
    check(child.ptyproc is not None, "no pty")


def reach_crisis_box(child):
    child.expect("> ")
    child.sendline("1")
    child.expect("> ")
    child.sendline("1")
    child.expect("Do you feel unsafe at home\\?")
    child.expect("> ")
    child.sendline("yes")
    child.expect("Press Enter to go on with the questions, or type q to stop.")
    child.expect("> ")


def crisis(workdir):
    """The crisis box right after the red-flag answer; q asks for confirmation, stops with exit 65
    and shows the crisis lines once more on the way out."""
    child = spawn(workdir)
    child.expect("> ")
    child.sendline("1")
    child.expect("> ")
    child.sendline("1")
    child.expect("Do you feel unsafe at home\\?")
    child.expect("> ")
    child.sendline("yes")
    child.expect("Press Enter to go on with the questions, or type q to stop.")
    before_next = child.before
    for line in ("Call Veilig Thuis: 0800-2000", "Veilig Thuis (domestic violence", "112"):
        check(line in before_next, "the crisis box lacks " + line)
    check(before_next.find("Call Veilig Thuis") < before_next.find("Emergency number"),
          "the first step does not come first")
    check("0800-0113" not in before_next, "the suicide line in a box about safety at home")
    check("Anything else" not in before_next, "next question shown before the crisis box")
    child.expect("> ")
    child.sendline("q")
    child.expect("Do you want to stop\\? Nothing will be saved.")
    child.expect("> ")
    child.sendline("y")
    child.expect("Stopped. Nothing was saved.")
    child.expect("113 or 0800-0113")
    finish(child)
    check(child.exitstatus == 65, "exit status %r" % child.exitstatus)


def crisis_interrupt(workdir):
    """Ctrl-C after a crisis flag: the crisis lines again, 'nothing saved', exit 130."""
    child = spawn(workdir)
    reach_crisis_box(child)
    child.sendintr()
    child.expect("Call Veilig Thuis: 0800-2000")  # the person's own first step again
    child.expect("113 or 0800-0113")
    child.expect("Interrupted. Nothing was saved.")
    finish(child)
    check(child.signalstatus == signal.SIGINT or child.exitstatus == 130,
          "exit status %r, signal %r" % (child.exitstatus, child.signalstatus))


def crisis_eof(workdir):
    """Ctrl-D after a crisis flag: stopped, the crisis lines again, exit 65."""
    child = spawn(workdir)
    reach_crisis_box(child)
    child.sendeof()
    child.expect("Stopped. Nothing was saved.")
    child.expect("113 or 0800-0113")
    finish(child)
    check(child.exitstatus == 65, "exit status %r" % child.exitstatus)


def eof(workdir):
    """Ctrl-D at a prompt in a terminal is the same as quitting: nothing saved, exit 65."""
    child = spawn(workdir, ["--out", "summary.txt"])
    child.expect("> ")
    child.sendline("3")
    child.expect("Question 2")
    child.expect("> ")
    child.sendeof()
    child.expect("Stopped. Nothing was saved.")
    finish(child)
    check(child.exitstatus == 65, "exit status %r" % child.exitstatus)
    check(os.listdir(workdir) == [], "files appeared: %r" % os.listdir(workdir))


def piped(workdir, command, label):
    """Input that ends too early: 'incomplete: no advice' on stderr, exit 65, nothing written."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE")}
    env["BIN"] = BINARY
    env["BANK"] = BANK
    result = subprocess.run(["sh", "-c", command], cwd=workdir, env=env, capture_output=True, timeout=TIMEOUT)
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    print(out)
    print(err, file=sys.stderr)
    check(result.returncode == 65, "exit status %r" % result.returncode)
    check(err == "onvolledig: geen advies (incomplete: no advice)\n", "stderr: %r" % err)
    if label:
        check(label not in err, "the answer appears on stderr")
        check("\u2192 " + label not in out, "the answer was written as a summary")
    check("\x1b" not in out, "colour in piped output")
    check(os.listdir(workdir) == [], "files appeared: %r" % os.listdir(workdir))


def piped_crisis(workdir):
    """A full answer list with a crisis answer, piped: no Enter is awaited after the crisis box, exit 0,
    and the saved summary is the same as when the same answers are typed at a terminal."""
    child = spawn(workdir, ["--out", "typed.txt"])
    for answer in ("2", "1 3", "1"):
        child.expect("> ")
        child.sendline(answer)
    child.expect("Do you feel unsafe at home\\?")
    child.expect("> ")
    child.sendline("yes")
    child.expect("Press Enter to go on with the questions, or type q to stop.")
    child.expect("> ")
    child.sendline("")
    child.expect("Anything else")
    child.expect("> ")
    child.sendline("")
    child.expect("Your summary was saved to typed.txt.")
    finish(child)
    check(child.exitstatus == 0, "terminal: exit status %r" % child.exitstatus)
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_CTYPE", "LANGUAGE")}
    env["LANG"] = "en_US.UTF-8"
    result = subprocess.run([BINARY, "ask", "--bank", BANK, "--lang", "en", "--out", "piped.txt"],
                            input=b"2\n1 3\n1\nyes\n\n", cwd=workdir, env=env, capture_output=True,
                            timeout=TIMEOUT)
    out = result.stdout.decode("utf-8", "replace")
    print(out)
    check(result.returncode == 0, "piped: exit status %r, stderr %r" % (result.returncode, result.stderr))
    check("Press Enter" not in out, "piped input waited for Enter after the crisis box")
    with open(os.path.join(workdir, "typed.txt"), encoding="utf-8") as typed, \
            open(os.path.join(workdir, "piped.txt"), encoding="utf-8") as piped_file:
        typed_text, piped_text = typed.read(), piped_file.read()
    check("Call Veilig Thuis" in typed_text, "the saved summary lacks the first step")
    check(typed_text == piped_text, "the piped summary differs from the typed one")


class Tmux:
    """A detached tmux server of our own (its own socket) with one ROWS x COLUMNS window: a real terminal
    whose screen can be read back as the person sees it."""

    def __init__(self, rows, columns, command, workdir, env):
        self.name = "wegwijzer-e2e-%d" % os.getpid()
        self.base = ["tmux", "-L", self.name, "-f", "/dev/null", "-u"]
        # No status line (it would take a row) and a long history for the whole session.
        self.run("start-server", ";", "set-option", "-g", "status", "off", ";",
                 "set-option", "-g", "history-limit", "20000", ";",
                 "new-session", "-d", "-s", "ask", "-x", str(columns), "-y", str(rows), "-c", workdir,
                 command, env=env)

    def run(self, *args, env=None):
        return subprocess.run(self.base + list(args), capture_output=True, timeout=TIMEOUT, check=True,
                              env=env).stdout.decode("utf-8", "replace")

    def screen(self):
        """The visible screen, one string per row."""
        return self.run("capture-pane", "-p", "-t", "ask").split("\n")

    def everything(self):
        """The history and the screen."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", "ask").split("\n")

    def value(self, name):
        return self.run("display-message", "-p", "-t", "ask", "#{%s}" % name).strip()

    def send(self, text):
        if text:
            self.run("send-keys", "-t", "ask", "-l", text)
        self.run("send-keys", "-t", "ask", "Enter")

    def close(self):
        subprocess.run(self.base + ["kill-server"], capture_output=True, timeout=TIMEOUT)


def prompts(lines):
    return sum(1 for line in lines if line == ">" or line.startswith("> "))


def last_text(lines):
    filled = [line for line in lines if line.strip()]
    return filled[-1] if filled else ""


def paragraph(lines, start):
    """The wrapped paragraph that starts with `start` (its lines after the first are indented), as one line."""
    for i, line in enumerate(lines):
        if line.startswith(start):
            parts = [line.strip()]
            for rest in lines[i + 1:]:
                if not rest.startswith("  ") or not rest.strip() or rest.lstrip().startswith(("\u2022", "-")):
                    break
                parts.append(rest.strip())
            return " ".join(parts)
    return None


def recap_terminal(workdir, answer):
    """The whole built-in questionnaire typed in an 80x24 terminal, every choice answered `answer` (and Enter
    after a crisis box): after the summary, the last screen repeats the advice, how soon and the first step,
    as the summary above (scrolled away) says them."""
    rows, columns = 24, 80
    env = terminal_env()
    for name in ("COLUMNS", "LINES", "TMUX"):  # the width comes from the terminal; our own tmux server
        env.pop(name, None)
    # A shell runs the program and then, like a shell prompt would, prints one line: its exit status.
    # The shell keeps the terminal open, so the program's last output is all on the screen (tmux may
    # drop what a pane's program wrote just before it exited).
    command = "%s ask --lang en; echo \"[exit $?]\"; exec sleep 600" % shlex.quote(BINARY)
    tmux = Tmux(rows, columns, command, workdir, env)
    try:
        check(tmux.value("pane_width") == str(columns) and tmux.value("pane_height") == str(rows),
              "the pane is %sx%s" % (tmux.value("pane_width"), tmux.value("pane_height")))
        answered = 0
        deadline = time.time() + 10 * TIMEOUT
        while True:
            check(time.time() < deadline, "the questionnaire did not end")
            lines = tmux.everything()
            ended = [line for line in lines if line.startswith("[exit ")]
            if ended:
                break
            # A fresh prompt waits: one more prompt line than answers sent, and the cursor's line is it.
            if prompts(lines) <= answered or last_text(lines) != ">":
                time.sleep(0.05)
                continue
            check(answered < 200, "too many prompts")
            crisis = "Press Enter to go on with the questions" in " ".join(lines[-6:])
            tmux.send("" if crisis else answer)
            answered += 1
        check(ended == ["[exit 0]"], "exit status: %r" % ended)
        everything = tmux.everything()
        screen = tmux.screen()[:rows]
        print("\n".join(everything))
        print("---- the last screen ----")
        print("\n".join(screen))
        # The summary's own lines, above the recap.
        done = max(i for i, line in enumerate(everything) if line.startswith("Done. Your summary follows."))
        start = max(i for i, line in enumerate(everything) if line.startswith("\u2500\u2500 In short"))
        summary = everything[done + 1:start]
        advice = paragraph(summary, "What seems to fit best: ")
        soon = paragraph(summary, "How soon: ")
        check(advice and soon, "the summary lacks its advice or how-soon line")
        check(not any(line.startswith("Referral summary") for line in screen), "the summary's top is still on screen")
        # The last screen: the advice, how soon and the first step.
        check(any(line.startswith("\u2500\u2500 In short") for line in screen), "no recap on the last screen")
        check(paragraph(screen, "What seems to fit best: ") == advice, "the last screen lacks " + advice)
        recap_soon = paragraph(screen, "How soon: ")
        first_step = paragraph(screen, "First step: ")
        check(recap_soon is not None, "the last screen lacks how soon")
        if first_step is None:
            check(recap_soon == soon, "how soon differs: %r / %r" % (recap_soon, soon))  # it says the first step
        else:
            check(recap_soon in ("How soon: this week", "How soon: as soon as possible, today at the latest"), "how soon: %r" % recap_soon)
            step = first_step[len("First step: "):].replace(" The summary above names more steps.", "")
            check(soon.startswith("How soon: " + step), "the first step %r is not the summary's %r" % (step, soon))
        check(paragraph(screen, "To save your summary, run again with --out FILE.") is not None,
              "the last screen does not say how to save")
        # A crisis summary opens with the crisis box; then the recap starts with the crisis lines.
        crisis = any("\u26a0 In acute need:" in line for line in screen)
        check(crisis == ("\u2554" in "".join(summary)), "crisis lines in the recap iff the summary has a crisis box")
        if crisis:
            check(any("0800-0113" in line for line in screen) and any(": 112" in line for line in screen),
                  "the recap lacks 113 or 112")
        print("answered %d prompts; advice: %s" % (answered, advice))
    finally:
        tmux.close()


def main():
    with tempfile.TemporaryDirectory() as workdir:
        if SCENARIO == "walkthrough":
            walkthrough(workdir)
        elif SCENARIO == "interrupt":
            interrupt(workdir)
        elif SCENARIO == "crisis":
            crisis(workdir)
        elif SCENARIO == "crisis-interrupt":
            crisis_interrupt(workdir)
        elif SCENARIO == "crisis-eof":
            crisis_eof(workdir)
        elif SCENARIO == "eof":
            eof(workdir)
        elif SCENARIO == "piped":
            piped(workdir, 'printf \'1\\n\' | "$BIN" ask --bank "$BANK" --out summary.txt', "Een taak leren")
        elif SCENARIO == "piped-crisis":
            piped_crisis(workdir)
        elif SCENARIO == "recap-first":
            recap_terminal(workdir, "1")
        elif SCENARIO == "recap-second":
            recap_terminal(workdir, "2")
        elif SCENARIO == "piped-default":
            # Exactly the command of the issue, with the built-in bank.
            piped(workdir, 'printf \'1\\n\' | "$BIN" ask', "")
        else:
            fail("unknown scenario " + SCENARIO)
    print("\nPASS: " + SCENARIO)


if __name__ == "__main__":
    main()
