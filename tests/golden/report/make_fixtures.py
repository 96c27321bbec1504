#!/usr/bin/env python3
"""Writes results.jsonl and results.csv: 40 hand-shaped records of `wegwijzer score` output (default bank) with a
kept column `wave`, so that some cells of the report are below 5 and some above. Deterministic; run it again only
to change the fixtures (then approve the goldens: WEGWIJZER_APPROVE=1)."""
import json
import random

random.seed(17)
OUTCOMES = ["werkbegeleiding", "coaching", "supervisie", "therapie"]
SCALES = [("distress", 0, 12, [("none", 0, 2), ("mild", 3, 5), ("moderate", 6, 8), ("severe", 9, 12)]),
          ("mood", 0, 6, [("low", 0, 2), ("raised", 3, 6)]),
          ("anxiety", 0, 6, [("low", 0, 2), ("raised", 3, 6)]),
          ("exhaustion", 0, 3, [("low", 0, 1), ("raised", 2, 3)])]
BANK = {"id": "default", "version": "x", "sha256": "0" * 64}
WAVES = ["1"] * 17 + ["2"] * 16 + ["3"] * 4 + ["4"] * 2 + [None]


def band(scale, value):
    for name, low, high in scale[3]:
        if low <= value <= high:
            return name


def scales(all_scales=True):
    out = []
    for scale in SCALES:
        if not all_scales and random.random() < 0.5:
            continue
        if all_scales and random.random() < 0.1:
            out.append({"id": scale[0], "value": 0, "min": scale[1], "max": scale[2], "band": None,
                        "answered_items": 0})
            continue
        value = random.randint(scale[1], scale[2])
        out.append({"id": scale[0], "value": value, "min": scale[1], "max": scale[2], "band": band(scale, value),
                    "answered_items": 2})
    return out


records = []
for i, wave in enumerate(WAVES):
    rid = f"r-{i + 1:03d}"
    kept = {"wave": int(wave) if wave and i % 2 == 0 else wave}  # numbers and strings, as kept values come
    if i in (5, 21, 30):  # incomplete: urgency, red flags and complete scales of the valid answers
        flags = [{"rule": "crisis-suicide-intent", "tier": "crisis"}] if i == 21 else []
        records.append({"id": rid, "line": i + 1, "status": "error",
                        "error": {"code": "incomplete", "message": "required questions unanswered: need",
                                  "missing": ["need"]},
                        "urgency": "crisis" if flags else "routine", "red_flags": flags,
                        "unknown_red_flags": ["suicidal_thoughts"] if i == 30 else [], "answered": 12,
                        "scales": scales(False), "kept": kept})
        continue
    if i in (11, 36):
        records.append({"id": str(i + 1), "line": i + 1, "status": "error",
                        "error": {"code": "invalid_json", "message": "the line is not valid JSON"}, "kept": kept})
        continue
    if i == 25:
        records.append({"id": rid, "line": i + 1, "status": "error",
                        "error": {"code": "unknown_option", "message": "question \"need\": unknown option",
                                  "question": "need"},
                        "urgency": "prompt", "red_flags": [{"rule": "clinical-trauma", "tier": "clinical"}],
                        "unknown_red_flags": [], "kept": kept})
        continue
    outcome = random.choices(OUTCOMES, weights=[3, 6, 2, 4])[0]
    flags = []
    urgency = "routine"
    if outcome == "therapie" and random.random() < 0.6:
        rule = random.choice(["clinical-trauma", "clinical-panic", "crisis-suicide-intent"])
        tier = "crisis" if rule.startswith("crisis") else "clinical"
        flags.append({"rule": rule, "tier": tier})
        urgency = "crisis" if tier == "crisis" else "prompt"
    unknown = ["death_wish"] if random.random() < 0.15 else []
    scores = {o: round(random.uniform(0, 6) * 2) / 2 for o in OUTCOMES}
    record = {"schema_version": 1, "id": rid, "status": "complete", "recommendation": outcome, "urgency": urgency,
              "scores": scores, "ranking": [], "scales": scales(), "red_flags": flags, "fired_rules": [],
              "reasons": [], "close_call": random.random() < 0.3, "missing": [], "ignored": [],
              "unknown_red_flags": unknown, "notes": [], "bank": BANK, "tool_version": "0.1.0",
              "nearest_flip": None, "kept": kept}
    records.append(record)

with open("results.jsonl", "w", encoding="utf-8") as out:
    for i, record in enumerate(records):
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
        if i == 19:
            out.write("\n")  # a blank line is no record

# The same records as `score --format csv --keep wave` writes them.
header = (["id", "wave", "line", "status", "recommendation", "urgency"] + [f"score_{o}" for o in OUTCOMES] +
          [f"scale_{s[0]}" for s in SCALES] + [f"band_{s[0]}" for s in SCALES] +
          ["red_flags", "error_code", "error_message", "unknown_red_flags", "fired_rules", "notes", "close_call",
           "answered"])


def field(text):
    text = str(text)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


with open("results.csv", "w", encoding="utf-8", newline="") as out:
    out.write(",".join(header) + "\r\n")
    for record in records:
        scored = record["status"] == "complete"
        wave = record["kept"]["wave"]
        by_scale = {s["id"]: s for s in record.get("scales", [])}
        row = [record["id"], "" if wave is None else wave, "" if scored else record["line"], record["status"],
               record.get("recommendation", ""), record.get("urgency", "")]
        row += [record["scores"][o] if scored else "" for o in OUTCOMES]
        row += [by_scale[s[0]]["value"] if s[0] in by_scale and by_scale[s[0]]["band"] else "" for s in SCALES]
        row += [by_scale[s[0]]["band"] or "" if s[0] in by_scale else "" for s in SCALES]
        row += [";".join(f["rule"] for f in record.get("red_flags", [])),
                "" if scored else record["error"]["code"], "" if scored else record["error"]["message"],
                ";".join(record.get("unknown_red_flags", [])), "", "",
                ("true" if record["close_call"] else "false") if scored else "", record.get("answered", "")]
        out.write(",".join(field(x) for x in row) + "\r\n")
