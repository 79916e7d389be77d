#!/usr/bin/env python3
"""Score a fixture set with nervaluate and seqeval and write their numbers to
crates/eval/tests/fixtures/peers.json, for the Rust scorer to agree with.

Makes its own venv (.venv-crosscheck/ at the repository root) with the pinned
versions in requirements.txt, then re-runs itself inside it. See README.md.
"""

import itertools
import json
import random
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pinned_venv  # noqa: E402 (scripts/pinned_venv.py)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / ".venv-crosscheck"
FIXTURE = ROOT / "crates" / "eval" / "tests" / "fixtures" / "peers.json"

SEED = 20240603
RANDOM_CASES = 300
LABELS = ["PER", "ORG", "LOC", "DATE", "EVENT"]
SCHEMES = ["strict", "exact", "partial", "ent_type"]


# ---------------------------------------------------------------- peers


def nervaluate_scores(docs):
    from nervaluate import Evaluator

    def dicts(side):
        # nervaluate's `end` is inclusive; the fixture's is exclusive.
        return [[{"label": l, "start": s, "end": e - 1} for l, s, e in d[side]] for d in docs]

    result = Evaluator(dicts("gold"), dicts("pred"), tags=LABELS, loader="dict").evaluate()

    def row(r):
        return {
            "correct": r.correct, "incorrect": r.incorrect, "partial": r.partial,
            "missed": r.missed, "spurious": r.spurious, "possible": r.possible,
            "actual": r.actual, "precision": r.precision, "recall": r.recall, "f1": r.f1,
        }

    return {
        "overall": {s: row(result["overall"][s]) for s in SCHEMES},
        "entities": {
            label: {s: row(rows[s]) for s in SCHEMES}
            for label, rows in sorted(result["entities"].items())
        },
    }


def bio(doc, side):
    tags = ["O"] * doc["tokens"]
    for label, start, end in doc[side]:
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags


def seqeval_scores(docs):
    from seqeval.metrics import classification_report
    from seqeval.metrics.sequence_labeling import precision_recall_fscore_support

    y_true = [bio(d, "gold") for d in docs]
    y_pred = [bio(d, "pred") for d in docs]
    if not any(d["gold"] or d["pred"] for d in docs):
        # seqeval cannot score a set with no entity at all (it raises).
        return None
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zero-division warnings: the value is 0
        for average in ["micro", "macro", "weighted"]:
            p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=average)
            out[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
        report = classification_report(y_true, y_pred, output_dict=True)
    out["labels"] = {
        label: {
            "precision": float(v["precision"]), "recall": float(v["recall"]),
            "f1": float(v["f1-score"]), "support": int(v["support"]),
        }
        for label, v in sorted(report.items())
        if label in LABELS
    }
    return out


def scored(name, docs):
    return {
        "name": name,
        "docs": docs,
        "nervaluate": nervaluate_scores(docs),
        "seqeval": seqeval_scores(docs),
    }


# ---------------------------------------------------------------- cases


def doc(tokens, gold, pred):
    return {"tokens": tokens, "gold": [list(e) for e in gold], "pred": [list(e) for e in pred]}


def hand_cases():
    """One or more cases per category and scheme; comments give the strict category."""
    return [
        ("all correct", [doc(12, [("PER", 0, 2), ("LOC", 5, 6), ("DATE", 8, 11)],
                             [("PER", 0, 2), ("LOC", 5, 6), ("DATE", 8, 11)])]),
        ("same span, wrong label", [doc(6, [("PER", 1, 3)], [("ORG", 1, 3)])]),
        ("too narrow", [doc(6, [("ORG", 0, 4)], [("ORG", 1, 3)])]),
        ("too wide", [doc(8, [("LOC", 2, 3)], [("LOC", 1, 5)])]),
        ("shifted", [doc(8, [("DATE", 2, 5)], [("DATE", 3, 7)])]),
        ("wrong label and boundary", [doc(8, [("PER", 2, 5)], [("LOC", 3, 7)])]),
        ("missing only", [doc(8, [("PER", 0, 1), ("ORG", 3, 6)], [])]),
        ("spurious only", [doc(8, [], [("PER", 0, 1), ("EVENT", 3, 6)])]),
        ("nothing at all", [doc(5, [], [])]),
        ("adjacent same label", [doc(6, [("PER", 0, 2), ("PER", 2, 4)],
                                     [("PER", 0, 2), ("PER", 2, 3)])]),
        ("other label", [doc(9, [("EVENT", 1, 4), ("ORG", 5, 7)],
                             [("EVENT", 1, 4), ("EVENT", 5, 7)])]),
        ("every category", [doc(30,
                                [("PER", 0, 2), ("ORG", 3, 5), ("LOC", 6, 9), ("DATE", 10, 12),
                                 ("PER", 14, 16), ("ORG", 20, 23)],
                                [("PER", 0, 2), ("LOC", 3, 5), ("LOC", 7, 9), ("DATE", 10, 13),
                                 ("ORG", 15, 17), ("PER", 25, 27)])]),
        ("several documents", [
            doc(10, [("PER", 0, 2), ("LOC", 4, 5)], [("PER", 0, 2)]),
            doc(7, [], [("DATE", 1, 3)]),
            doc(9, [("ORG", 2, 6)], [("ORG", 2, 4), ("LOC", 7, 9)]),
        ]),
    ]


def random_spans(rng, tokens, count):
    """Up to `count` non-overlapping random spans of 1-4 tokens."""
    spans = []
    for _ in range(count):
        length = rng.randint(1, 4)
        start = rng.randrange(0, max(1, tokens - length + 1))
        end = min(tokens, start + length)
        if all(end <= s or start >= e for _, s, e in spans):
            spans.append((rng.choice(LABELS), start, end))
    return sorted(spans, key=lambda x: (x[1], x[2]))


def overlap(a, b):
    return a[1] < b[2] and b[1] < a[2]


def random_doc(rng):
    tokens = rng.randint(4, 40)
    gold = random_spans(rng, tokens, rng.randint(0, 8))
    candidates = []
    for label, start, end in gold:
        roll = rng.random()
        if roll < 0.35:
            candidates.append((label, start, end))
        elif roll < 0.5:
            candidates.append((rng.choice(LABELS), start, end))
        elif roll < 0.8:
            s = max(0, start + rng.randint(-2, 2))
            e = min(tokens, end + rng.randint(-2, 2))
            if s < e:
                lab = label if rng.random() < 0.7 else rng.choice(LABELS)
                candidates.append((lab, s, e))
        # else: missed
    candidates += random_spans(rng, tokens, rng.randint(0, 3))
    rng.shuffle(candidates)
    # Keep a prediction only if the pairing stays unambiguous: it overlaps no
    # kept prediction, at most one gold entity, and no gold entity that a kept
    # prediction already overlaps.
    pred, taken = [], set()
    for c in candidates:
        if any(overlap(c, p) for p in pred):
            continue
        hits = [i for i, g in enumerate(gold) if overlap(c, g)]
        if len(hits) > 1 or any(i in taken for i in hits):
            continue
        taken.update(hits)
        pred.append(c)
    pred.sort(key=lambda x: (x[1], x[2]))
    # Present the lists in a random order: with an unambiguous pairing the
    # peers' results must not depend on it.
    rng.shuffle(gold)
    rng.shuffle(pred)
    return doc(tokens, gold, pred)


def random_cases():
    rng = random.Random(SEED)
    return [
        (f"random {i}", [random_doc(rng) for _ in range(rng.randint(1, 3))])
        for i in range(RANDOM_CASES)
    ]


def order_dependence():
    """Cases whose nervaluate counts change with the order of the lists."""
    cases = [
        # The middle prediction overlaps both gold entities; the last one
        # only the second. Greedy in gold order [second, first] gives the
        # middle one the second gold, leaving the last prediction spurious.
        ("overlap chain", doc(6, [("PER", 0, 2), ("PER", 2, 4)],
                              [("PER", 1, 3), ("PER", 3, 4)])),
        # A prediction overlapping a wrong-label and a right-label gold.
        ("label choice", doc(8, [("PER", 0, 2), ("ORG", 2, 4), ("ORG", 4, 6)],
                             [("ORG", 1, 3), ("ORG", 3, 5)])),
    ]
    out = []
    for name, d in cases:
        runs = []
        for gold in itertools.permutations(d["gold"]):
            for pred in itertools.permutations(d["pred"]):
                p = doc(d["tokens"], gold, pred)
                runs.append({"gold": p["gold"], "pred": p["pred"],
                             "nervaluate": nervaluate_scores([p])})
        out.append({"name": name, "doc": d, "permutations": runs})
    return out


def differences():
    """A gold span of 200 tokens overlapped by one token: below nervaluate's
    default 1% threshold, an overlap for nerbench."""
    return [scored("one token of a long span", [doc(210, [("ORG", 0, 200)], [("ORG", 199, 202)])])]


def compact(fixture):
    """JSON with one list item per line: small, yet diffs stay readable."""
    dense = lambda v: json.dumps(v, separators=(",", ":"))
    lines = []
    for key, value in fixture.items():
        if isinstance(value, list):
            items = ",\n  ".join(dense(v) for v in value)
            lines.append(f"{dense(key)}: [\n  {items}\n ]")
        else:
            lines.append(f"{dense(key)}: {dense(value)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def main():
    pinned_venv.ensure(VENV, HERE / "requirements.txt", __file__)
    import nervaluate  # noqa: F401 (import check before the long run)
    from importlib.metadata import version

    cases = [scored(name, docs) for name, docs in hand_cases() + random_cases()]
    fixture = {
        "about": "Written by scripts/crosscheck/crosscheck.py; do not edit by hand.",
        "nervaluate": version("nervaluate"),
        "seqeval": version("seqeval"),
        "seed": SEED,
        "labels": LABELS,
        "cases": cases,
        "order_dependence": order_dependence(),
        "differences": differences(),
    }
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8") as f:
        f.write(compact(fixture))
    print(f"wrote {len(cases)} cases to {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
