#!/usr/bin/env python3
"""Builds the request-category labelled set from the hand-written sources.

source/<l2>.txt      one utterance per line, label = file name (其他 = the taxonomy's fallback)
source/_mixed_*.tsv  l2<TAB>utterance: texts that mention several categories (label = main ask)

Writes requests.csv, requests_train.csv and requests_dev.csv (columns text,category_l1,
category_l2,label with label = l1/l2). Duplicates are removed by a key that ignores case,
spaces and punctuation (the first occurrence wins). The dev split is stratified by label and
decided by a hash of that key: within each label the texts whose SHA-256 sorts first form the
dev 20 %, so the split never depends on file order and a duplicate can never straddle it.
Run from anywhere: python3 sample-data/labelled/build.py
"""
import csv
import hashlib
import pathlib
import re
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
TAXONOMY = HERE.parent.parent / "conf" / "taxonomy.conf"
DEV_SHARE = 0.2
FALLBACK = ("其他", "其他")


def l1_by_l2():
    text = TAXONOMY.read_text(encoding="utf-8")
    pairs = re.findall(r"\{\s*l1\s*=\s*(\S+?)\s*,\s*l2\s*=\s*(\S+?)\s*$", text, re.M)
    mapping = {l2: l1 for l1, l2 in pairs}
    fallback = re.search(r"fallback\s*\{\s*l1\s*=\s*(\S+?)\s*,\s*l2\s*=\s*(\S+?)\s*\}", text)
    mapping[fallback.group(2)] = fallback.group(1)
    return mapping


def key(text):
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch).startswith("P")))


def sources():
    for path in sorted((HERE / "source").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            yield path.stem, line
    for path in sorted((HERE / "source").glob("_mixed_*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                label, sep, text = line.partition("\t")
                if not sep:
                    sys.exit(f"{path.name}:{number}: expected l2<TAB>text")
                yield label.strip(), text


def main():
    mapping = l1_by_l2()
    seen = {}
    rows = []
    for l2, raw in sources():
        text = " ".join(raw.split())
        if not text:
            continue
        if l2 not in mapping:
            sys.exit(f"unknown category {l2!r}; known: {sorted(mapping)}")
        k = key(text)
        if not k or k in seen:
            continue
        seen[k] = l2
        rows.append((text, mapping[l2], l2, f"{mapping[l2]}/{l2}", hashlib.sha256(k.encode()).hexdigest()))
    dev = set()
    for label in sorted({r[3] for r in rows}):
        members = sorted((r for r in rows if r[3] == label), key=lambda r: r[4])
        dev.update(r[4] for r in members[:round(len(members) * DEV_SHARE)])
    header = ["text", "category_l1", "category_l2", "label"]
    for name, keep in (("requests.csv", lambda r: True), ("requests_train.csv", lambda r: r[4] not in dev),
                       ("requests_dev.csv", lambda r: r[4] in dev)):
        with open(HERE / name, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(r[:4] for r in rows if keep(r))
    counts = {}
    for r in rows:
        counts[r[3]] = counts.get(r[3], [0, 0])
        counts[r[3]][1 if r[4] in dev else 0] += 1
    print(f"{len(rows)} texts ({len(dev)} dev) in {len(counts)} classes")
    for label, (train, dev_count) in sorted(counts.items(), key=lambda kv: -sum(kv[1])):
        print(f"| {label} | {train + dev_count} | {train} | {dev_count} |")


if __name__ == "__main__":
    main()
