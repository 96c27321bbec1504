#!/usr/bin/env python3
"""FHIR out and back in through the real binary, each resource checked against the official FHIR R4 JSON Schema.

usage: fhir_roundtrip.py WEGWIJZER QUESTIONNAIRE VALIDATOR_DIR WORK_DIR

1. The example Questionnaire is imported, answered by a piped `ask --format fhir`, and the QuestionnaireResponse is
   scored again (with the Questionnaire and with the imported bank as --bank): the same scales as the summary.
2. A sampled batch of the imported bank goes through `score --format fhir`, then back through `score`, as NDJSON
   and as a Bundle: the same scales and status per record as scoring the answer records directly.
3. The default bank, with error records among them: every line is a QuestionnaireResponse or an OperationOutcome,
   and read back the scored records keep their advice, urgency, red flags and scales.
4. A response to another Questionnaire: exit 65 and no output.
"""
import json
import os
import subprocess
import sys

wegwijzer, questionnaire, validator_dir, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
failures = []


def run(args, stdin=None, expect=0):
    done = subprocess.run([wegwijzer] + args, input=stdin, capture_output=True, text=True)
    if done.returncode != expect:
        failures.append(f"{' '.join(args)}: exit {done.returncode}, expected {expect}: {done.stderr[-500:]}")
    return done


def check(condition, message):
    if not condition:
        failures.append(message)


def validate(path, count):
    done = subprocess.run(["node", os.path.join(validator_dir, "validate.js"), "--types",
                           "QuestionnaireResponse,OperationOutcome", "--count", str(count), path],
                          capture_output=True, text=True)
    check(done.returncode == 0, f"schema: {path}: {done.stdout}{done.stderr[-1500:]}")


def lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def path(name):
    return os.path.join(work, name)


# 1. Import, ask, export, score again.
bank = path("phq9.bank.json")
run(["import", "fhir", questionnaire, "-o", bank])
answers = "2\n3\n1\n1\n2\n1\n1\n4\n2\n3\n"
summary = json.loads(run(["ask", "--bank", bank, "--lang", "en", "--format", "json"], answers).stdout)
response_text = run(["ask", "--bank", bank, "--lang", "en", "--format", "fhir"], answers).stdout
with open(path("response.json"), "w") as f:
    f.write(response_text)
validate(path("response.json"), 1)
response = json.loads(response_text)
check(response["questionnaire"] == "https://wegwijzer.invalid/fhir/Questionnaire/phq9-shaped|1.0.0",
      f"questionnaire: {response.get('questionnaire')}")
check(response["status"] == "completed", "status")
check("identifier" not in response and "subject" not in response and "authored" not in response,
      "nothing that identifies")
group = response["item"][0]
check(group["linkId"] == "phq9" and "answer" not in group and len(group["item"]) == 9, "the group phq9 of nine")
first = group["item"][0]
check(first == {"linkId": "44250-9", "answer": [{"valueCoding": {
    "system": "http://loinc.org", "code": "LA6569-3", "display": "On several days"}}]}, f"first item: {first}")
scales = summary["result"]["scales"]
for bank_option in (questionnaire, bank):
    scored = lines(run(["score", "--bank", bank_option, path("response.json")]).stdout)
    check(len(scored) == 1 and scored[0]["status"] == "complete", f"scored back: {scored}")
    check(scored and scored[0]["scales"] == scales, f"scales: {scored and scored[0]['scales']} vs {scales}")

# 2. A batch of the imported bank: NDJSON and a Bundle back to the same scales.
sample = run(["sample", "--bank", bank, "--count", "150", "--seed", "11"]).stdout
direct = lines(run(["score", "--bank", bank], sample).stdout)
exported = run(["score", "--bank", bank, "--format", "fhir"], sample).stdout
with open(path("batch.ndjson"), "w") as f:
    f.write(exported)
validate(path("batch.ndjson"), 150)
bundle = {"resourceType": "Bundle", "type": "collection",
          "entry": [{"resource": resource} for resource in lines(exported)]}
with open(path("batch.bundle.json"), "w") as f:
    json.dump(bundle, f, indent=2)
with open(path("batch.bundle-one-line.json"), "w") as f:  # a first line far longer than the look at the start
    json.dump(bundle, f, separators=(",", ":"))
check(os.path.getsize(path("batch.bundle-one-line.json")) > 200000, "the one-line Bundle is long")
for source in ("batch.ndjson", "batch.bundle.json", "batch.bundle-one-line.json"):
    back = lines(run(["score", "--bank", bank, path(source)]).stdout)
    check(len(back) == len(direct), f"{source}: {len(back)} records, expected {len(direct)}")
    for a, b in zip(direct, back):
        for key in ("id", "status", "scales", "urgency"):
            check(a.get(key) == b.get(key), f"{source}: record {a.get('id')}: {key}: {a.get(key)} vs {b.get(key)}")

# 3. The default bank, error records among the scored ones.
sample = run(["sample", "--count", "200", "--seed", "5"]).stdout
sample += '{"id":"bad","answers":{"need":"no-such-option"}}\n{"id":"empty","answers":{}}\nnot json\n'
direct = lines(run(["score"], sample, expect=65).stdout)
exported = run(["score", "--format", "fhir"], sample, expect=65).stdout
with open(path("default.ndjson"), "w") as f:
    f.write(exported)
validate(path("default.ndjson"), 203)
resources = lines(exported)
kinds = [r["resourceType"] for r in resources]
# The unknown option and the broken line are OperationOutcomes; the record without answers is in progress.
check(kinds == ["QuestionnaireResponse"] * 200 + ["OperationOutcome", "QuestionnaireResponse", "OperationOutcome"],
      f"resource types: {kinds[198:]}")
check(resources[201].get("status") == "in-progress", "the record without answers is in progress")
check("record bad (line 201): unknown_option" in resources[200]["issue"][0]["diagnostics"], "the outcome names it")
check(all(r["questionnaire"].startswith("urn:wegwijzer:bank:wegwijzer-default|")
          for r in resources if r["resourceType"] == "QuestionnaireResponse"), "canonical")
back = lines(run(["score"], exported, expect=65).stdout)
check(len(back) == len(direct), f"default: {len(back)} records back, expected {len(direct)}")
for a, b in zip(direct[:200], back[:200]):
    for key in ("id", "status", "recommendation", "urgency", "red_flags", "unknown_red_flags", "scales"):
        check(a.get(key) == b.get(key), f"default: record {a.get('id')}: {key}: {a.get(key)} vs {b.get(key)}")

# 4. An item without a linkId is named, never the reason a crisis goes unsaid: the other answers keep their red flags.
crisis = next((r for r in resources if r["resourceType"] == "QuestionnaireResponse" and any(
    part == {"url": "urgency", "valueCode": "crisis"} for part in r["extension"][0]["extension"])), None)
check(crisis is not None, "the sample has a crisis")
if crisis is not None:
    del crisis["item"][0]["linkId"]
    plain = run(["score"], json.dumps(crisis) + "\n")
    scored = lines(plain.stdout)
    check(scored[0]["status"] == "complete" and scored[0]["urgency"] == "crisis", f"crisis kept: {scored}")
    check("unreadable-item" in plain.stderr, f"the unreadable item is named: {plain.stderr}")
    strict = lines(run(["score", "--strict"], json.dumps(crisis) + "\n", expect=65).stdout)
    check(strict[0]["error"]["code"] == "unknown_question" and strict[0]["urgency"] == "crisis",
          f"--strict: an error that keeps the crisis: {strict}")

# 5. A response to another Questionnaire is not scored.
other = dict(response, questionnaire="http://example.org/Questionnaire/gad7|1")
refused = run(["score", "--bank", bank], json.dumps(other) + "\n", expect=65)
check(refused.stdout == "", "nothing scored")
check("gad7" in refused.stderr and "nothing was scored" in refused.stderr, f"the message names it: {refused.stderr}")

for failure in failures[:30]:
    print("FAIL:", failure)
print("fhir round trip:", "ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
