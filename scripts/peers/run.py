#!/usr/bin/env python3
"""nerbench's extractors side by side with Python peers, in one run.

Usage (from anywhere; paths are relative to the repository):

    python3 scripts/peers/run.py [--out benches/peers.md] [--runs 3]
                                 [--dateparser-bytes 300000]

What it does:

1. creates its own venv (`.venv-peers/` at the repository root, git-ignored)
   with the exact versions of `requirements.txt` beside this script, and
   re-runs itself inside it;
2. builds the `dump_corpus` and `time_extractor` examples (release) and
   writes the synthetic benchmark corpus (the same bytes the criterion benches
   read) and the built-in gazetteer's entries to `target/peers/`;
3. runs every system in a process of its own, timing only the search (best of
   `--runs`; building, loading and warming up are outside the timing), and
   reads that process's peak resident memory from the OS (`os.wait4`, i.e.
   getrusage of the child), so Rust and Python are measured the same way;
4. prints one Markdown table (MB/s, peak memory, nerbench / peer ratio), and
   with `--out` writes it with the machine description.

The peers: flashtext and flashtext2 (case-sensitive keyword processors) and
spaCy's PhraseMatcher on `spacy.blank("id")` (tokenising included, as it must
be to use it) all get the gazetteer's entry surfaces; dateparser's
`search_dates(languages=["id", "en"])` reads a slice of the corpus (the first
documents up to `--dateparser-bytes`) because it is too slow for 10 MB, and
nerbench's date extractor is timed on the same slice for its ratio.
"""

import argparse
import datetime
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pinned_venv  # noqa: E402 (scripts/pinned_venv.py)

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-peers"
REQUIREMENTS = Path(__file__).with_name("requirements.txt")
WORK = ROOT / "target" / "peers"
RUST_EXAMPLES = ROOT / "target" / "release" / "examples"


# --------------------------------------------------------------------------
# Workers: each runs in its own process and prints one JSON object.


def load_corpus(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def load_surfaces(path):
    with open(path, encoding="utf-8") as f:
        return sorted({line.split("\t", 1)[0] for line in f if line.strip()})


def best_of(runs, search):
    best, found = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        found = search()
        best = min(best, time.perf_counter() - start)
    return best, found


def worker(name, corpus_path, patterns_path, runs):
    docs = load_corpus(corpus_path)
    texts = [d["text"] for d in docs]
    start = time.perf_counter()
    if name == "python-baseline":
        # Only the interpreter and the corpus: the memory every Python row starts from.
        def search():
            return sum(len(t) for t in texts) * 0

    elif name == "flashtext":
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=True)
        for s in load_surfaces(patterns_path):
            kp.add_keyword(s)

        def search():
            return sum(len(kp.extract_keywords(t, span_info=True)) for t in texts)

    elif name == "flashtext2":
        from flashtext2 import KeywordProcessor

        kp = KeywordProcessor(True)
        kp.add_keywords_from_iter(load_surfaces(patterns_path))

        def search():
            return sum(len(kp.extract_keywords_with_span(t)) for t in texts)

    elif name == "spacy-phrasematcher":
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("id")
        matcher = PhraseMatcher(nlp.vocab)
        matcher.add("GAZETTEER", list(nlp.tokenizer.pipe(load_surfaces(patterns_path))))

        # Overlapping matches are all counted (no longest-match filtering).
        def search():
            return sum(len(matcher(doc)) for doc in nlp.tokenizer.pipe(texts))

    elif name == "dateparser":
        from dateparser.search import search_dates

        def base(d):
            dct = d.get("dct")
            return datetime.datetime.fromisoformat(dct) if dct else None

        # Loading the language data happens on the first call: warm up outside the timing.
        search_dates("pada 12 Oktober 2023", languages=["id", "en"])

        def search():
            found = 0
            for d in docs:
                settings = {"RELATIVE_BASE": base(d)} if base(d) else {}
                found += len(
                    search_dates(d["text"], languages=["id", "en"], settings=settings) or []
                )
            return found

    else:
        raise SystemExit(f"unknown peer {name!r}")
    build_seconds = time.perf_counter() - start
    seconds, found = best_of(runs, search)
    print(
        json.dumps(
            {
                "name": name,
                "documents": len(docs),
                "bytes": sum(len(t.encode("utf-8")) for t in texts),
                "entities": found,
                "build_seconds": build_seconds,
                "best_seconds": seconds,
                "runs": runs,
            }
        )
    )


# --------------------------------------------------------------------------
# The driver


def measure(argv):
    """Runs argv, returns its JSON report with the peak RSS of that process."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv))} failed with exit code {proc.returncode}")
    report = json.loads(out.strip().splitlines()[-1])
    report["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    report["mb_per_s"] = report["bytes"] / 1e6 / report["best_seconds"]
    print(
        f"  {report['name']}: {report['mb_per_s']:.3f} MB/s, {report['entities']} found, "
        f"{report['peak_rss_mb']:.0f} MB peak",
        file=sys.stderr,
    )
    return report


def rust(corpus, name, runs):
    return measure([RUST_EXAMPLES / "time_extractor", corpus, name, str(runs)])


def python(corpus, patterns, name, runs):
    return measure([sys.executable, __file__, "--worker", name, corpus, patterns, str(runs)])


def write_slice(corpus, limit, path):
    """The first documents of the corpus up to `limit` bytes of text."""
    total = 0
    with open(corpus, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for line in src:
            if total >= limit:
                break
            total += len(json.loads(line)["text"].encode("utf-8"))
            dst.write(line)
    return total


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "os": platform.platform(),
        "rustc": rustc,
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
    }


def table(rows):
    lines = [
        "| system | task | corpus | MB/s | peak RSS (MB) | found | nerbench / peer |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = f"{r['ratio']:.1f}×" if r.get("ratio") else ""
        lines.append(
            f"| {r['system']} | {r['task']} | {r['corpus']} | {r['mb_per_s']:.3g} | "
            f"{r['peak_rss_mb']:.0f} | {r['entities']} | {ratio} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="also write the table and the machine to this Markdown file")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument(
        "--dateparser-bytes",
        type=int,
        default=300_000,
        help="size of the slice dateparser reads (default 300000)",
    )
    parser.add_argument("--worker", nargs=4, metavar=("NAME", "CORPUS", "PATTERNS", "RUNS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        name, corpus, patterns, runs = args.worker
        worker(name, corpus, patterns, int(runs))
        return
    pinned_venv.ensure(VENV, REQUIREMENTS, __file__)

    print("building the examples (release)", file=sys.stderr)
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "dump_corpus",
         "--example", "time_extractor"],
        cwd=ROOT,
        check=True,
    )
    subprocess.run([RUST_EXAMPLES / "dump_corpus", WORK], check=True)
    corpus, patterns = WORK / "corpus.jsonl", WORK / "gazetteer_patterns.tsv"
    extractors = (WORK / "extractors.txt").read_text().split()
    slice_path = WORK / "corpus_slice.jsonl"
    slice_bytes = write_slice(corpus, args.dateparser_bytes, slice_path)
    full_mb = sum(len(json.loads(l)["text"].encode("utf-8")) for l in open(corpus)) / 1e6
    full, part = f"synthetic {full_mb:.1f} MB", f"first {slice_bytes / 1e6:.2f} MB"

    rows = []
    print("timing", file=sys.stderr)
    ours = {}
    for name in [*extractors, "aho-corasick-raw"]:
        r = rust(corpus, name, args.runs + 2)
        ours[name] = r
        rows.append({**r, "system": f"nerbench {name}", "task": "extract", "corpus": full})
    # The slice is some 30 times smaller than the corpus: a best of as many
    # runs would time a millisecond or so, which the scheduler's noise
    # swamps, so it runs as many times more as it is smaller.
    slice_runs = (args.runs + 2) * math.ceil(full_mb * 1e6 / slice_bytes)
    dates_slice = rust(slice_path, "dates", slice_runs)
    rows.append({**dates_slice, "system": "nerbench dates", "task": "dates", "corpus": part})

    baseline = python(corpus, patterns, "python-baseline", 1)
    baseline["mb_per_s"] = float("nan")
    for peer in ["flashtext", "flashtext2"]:
        r = python(corpus, patterns, peer, args.runs)
        r["ratio"] = ours["gazetteer"]["mb_per_s"] / r["mb_per_s"]
        rows.append({**r, "system": peer, "task": "gazetteer patterns", "corpus": full})
    r = python(corpus, patterns, "spacy-phrasematcher", 1)
    r["ratio"] = ours["gazetteer"]["mb_per_s"] / r["mb_per_s"]
    rows.append({**r, "system": 'spaCy PhraseMatcher, blank("id")', "task": "gazetteer patterns",
                 "corpus": full})
    r = python(slice_path, patterns, "dateparser", 1)
    r["ratio"] = dates_slice["mb_per_s"] / r["mb_per_s"]
    rows.append({**r, "system": "dateparser search_dates(id, en)", "task": "dates", "corpus": part})

    m = machine()
    text = table(rows)
    notes = f"""
Ratios: nerbench gazetteer (full corpus) / peer for the gazetteer rows; nerbench
dates / dateparser on the same slice for the date row. MB = 10^6 bytes of UTF-8
text. Time covers the search only (best of {args.runs} runs for flashtext and
flashtext2, {args.runs + 2} for nerbench, {slice_runs} for nerbench on the slice,
one run for spaCy and dateparser);
building the automaton or loading models is outside it. Peak RSS is the whole
process's, with the corpus loaded: a Python process holding the corpus alone
peaks at {baseline['peak_rss_mb']:.0f} MB. The peers get the gazetteer's entry
surfaces, matched case-sensitively; the nerbench gazetteer also matches the case
variants of its case-folded lists and checks word boundaries on both sides
(Unicode), and the raw Aho-Corasick scan counts every leftmost-longest match of
the surfaces with no boundary check. "found" counts differ because the rules
differ (spaCy counts overlapping matches, dateparser finds other things than
nerbench's date rules).
"""
    print(text)
    print(notes)
    if args.out:
        header = (
            "# nerbench and its peers, one run\n\n"
            f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['os']}; {m['rustc']}; "
            f"Python {m['python']}; {m['date']}. The machine was shared with other work, "
            "so figures vary by some percent from run to run.\n\n"
            "Reproduce: `python3 scripts/peers/run.py --out benches/peers.md` "
            "(versions pinned in `scripts/peers/requirements.txt`).\n\n"
        )
        Path(args.out).write_text(header + text + "\n" + notes)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
