"""Turns an annotator's hand-written decision lists into gold JSON.

Usage: python3 scripts/gold/offsets.py gold/passes/pass1 OUT_DIR

Each list (<id>.tsv) holds one decided mention per line, in document order:
LABEL<TAB>surface<TAB>value?. This script only computes code-point offsets
(finding each surface as a whole word after the previous one) and reports
every whole-word occurrence of a labelled string that no span covers, for the
annotator to review. It decides nothing about what is an entity.
"""
import json, re, sys, os, collections
LISTS, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
DCT = {"000_f1551da28f92bd5c": "2023-10-12", "001_3f094d2313aca746": "2023-08-15",
       "002_e57faed05762aa89": "2023-06-12", "003_36bc6a924c67e8fa": "2023-08-15",
       "004_9dd4b46e6f579d27": "2025-12-27"}
SRC = {"000_f1551da28f92bd5c": "EGINDO.co", "001_3f094d2313aca746": "RIAU24.COM",
       "002_e57faed05762aa89": "KONTAN.CO.ID", "003_36bc6a924c67e8fa": "IDN Times",
       "004_9dd4b46e6f579d27": "unknown (page furniture: Beranda Berita)"}
def word_at(text, s, e):
    return (s == 0 or not text[s-1].isalnum()) and (e == len(text) or not text[e].isalnum())
for doc in DCT:
    text = open(f"gold/articles/{doc}.txt", encoding="utf-8").read()
    pos, ents = 0, []
    for line in open(f"{LISTS}/{doc}.tsv", encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        label, surface = parts[0], parts[1]
        i = pos
        while True:
            i = text.find(surface, i)
            if i < 0: sys.exit(f"{doc}: {surface!r} not found after {pos}")
            if word_at(text, i, i + len(surface)): break
            i += 1
        e = {"start": i, "end": i + len(surface), "label": label, "text": surface}
        if len(parts) > 2 and parts[2]: e["value"] = parts[2]
        ents.append(e); pos = i + len(surface)
    covered = [(e["start"], e["end"]) for e in ents]
    for s in sorted({e["text"] for e in ents}):
        for m in re.finditer(re.escape(s), text):
            a, b = m.span()
            if word_at(text, a, b) and not any(x <= a and b <= y for x, y in covered):
                ctx = text[max(0, a-30):b+30].replace("\n", " ")
                print(f"{doc} UNLABELLED {s!r} at {a}: …{ctx}…")
    with open(f"{OUT}/{doc}.json", "w", encoding="utf-8") as out:
        json.dump({"id": doc, "dct": DCT[doc], "source": SRC[doc], "entities": ents}, out,
                  ensure_ascii=False, indent=2)
    print(doc, len(ents), collections.Counter(e["label"] for e in ents))
