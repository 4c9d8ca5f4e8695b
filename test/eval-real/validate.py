#!/usr/bin/env python3
"""Check the drafts in this folder against their NAME.expected.json files.

For every NAME.md (README.md excepted) there must be a NAME.expected.json whose
"draft" names it; every expected "text" must occur in the draft at least "nth"
times (default 1); codes must be among the scored ones. Also reports the number
of characters per draft (2000-4000 expected, all characters) and of Chinese characters and the errors per code.

Usage: python3 validate.py [folder]   (default: the folder of this script)
"""
import json
import os
import re
import sys
from collections import Counter

CODES = {
    "figure-conflict-corpus",
    "figure-conflict-draft",
    "figure-arithmetic",
    "region-unknown",
    "region-hierarchy",
}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    drafts = sorted(f for f in os.listdir(folder) if f.endswith(".md") and f != "README.md")
    problems = []
    required = Counter()
    optional = Counter()
    for md in drafts:
        base = md[:-3]
        exp_path = os.path.join(folder, base + ".expected.json")
        text = open(os.path.join(folder, md), encoding="utf-8").read()
        cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
        total = len(text)
        if not 2000 <= total <= 4000:
            problems.append(f"{md}: {total} characters (want 2000-4000)")
        if not os.path.exists(exp_path):
            problems.append(f"{md}: no {base}.expected.json")
            continue
        exp = json.load(open(exp_path, encoding="utf-8"))
        if set(exp) != {"draft", "expect"}:
            problems.append(f"{exp_path}: top-level keys {sorted(exp)}")
        if exp.get("draft") != md:
            problems.append(f"{exp_path}: draft is {exp.get('draft')!r}, not {md!r}")
        n_req = 0
        for i, item in enumerate(exp.get("expect", [])):
            where = f"{base}.expected.json #{i}"
            extra = set(item) - {"code", "any", "note", "optional"}
            if extra:
                problems.append(f"{where}: unknown keys {sorted(extra)}")
            code = item.get("code")
            if code not in CODES:
                problems.append(f"{where}: code {code!r} not allowed")
            if item.get("optional"):
                optional[code] += 1
            else:
                required[code] += 1
                n_req += 1
            anys = item.get("any") or []
            if not anys:
                problems.append(f"{where}: empty any")
            for alt in anys:
                t = alt.get("text")
                nth = alt.get("nth", 1)
                if set(alt) - {"text", "nth"}:
                    problems.append(f"{where}: unknown keys in any item {sorted(alt)}")
                if not t:
                    problems.append(f"{where}: empty text")
                    continue
                count = text.count(t)
                if count < nth:
                    problems.append(f"{where}: text {t!r} occurs {count} time(s), nth={nth}")
        print(f"{md:34s} {total:5d} chars ({cjk:5d} Chinese)  {n_req} planted error(s)")
    print()
    for code in sorted(CODES):
        print(f"{code:24s} required {required[code]:3d}   optional {optional[code]:3d}")
    print(f"{'total':24s} required {sum(required.values()):3d}   optional {sum(optional.values()):3d}")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("\nall expected texts found")


if __name__ == "__main__":
    main()
