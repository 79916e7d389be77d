"""Strict agreement (span and label) between two annotation passes.

Usage: python3 scripts/gold/agreement.py DIR_A DIR_B  (directories of <id>.json)
Prints every disagreement and the strict F1 of B against A; also checks DATE values.
"""
import json, glob, os, sys
A_DIR, B_DIR = sys.argv[1], sys.argv[2]
tp = n1 = n2 = vtp = 0
for f in sorted(glob.glob(os.path.join(A_DIR, "*.json"))):
    doc = os.path.basename(f)
    a = json.load(open(f)); b = json.load(open(os.path.join(B_DIR, doc)))
    A = {(e["start"], e["end"], e["label"]): e.get("value") for e in a["entities"]}
    B = {(e["start"], e["end"], e["label"]): e.get("value") for e in b["entities"]}
    tp += len(A.keys() & B.keys()); n1 += len(A); n2 += len(B)
    for k in sorted(A.keys() ^ B.keys()):
        src = A if k in A else B
        print(doc, "only pass1" if k in A else "only pass2", k, )
    for k in A.keys() & B.keys():
        if A[k] != B[k]: print(doc, "value differs", k, A[k], B[k])
        elif k[2] == "DATE": vtp += 1
p, r = tp / n2, tp / n1
print(f"pass1={n1} pass2={n2} agreed={tp} strict F1={2*p*r/(p+r):.4f}")
