#!/usr/bin/env python3
"""The issue's peer, scikit-learn's character 1-3-gram TF-IDF + logistic regression, scored on
exactly the train/dev split of a VOCLake model, next to that model's own dev figures.

    jobs/bin/voclake train --task sentiment --input ... --out /tmp/models --write-splits
    python3 tools/peer_baseline.py /tmp/models/sentiment/v...

Needs scikit-learn (Debian: apt-get install python3-sklearn). Not part of the build or the tests:
it checks the claim "beats the peer" against the real peer rather than against the MLlib copy
that `train` scores as its `baseline` (60 iterations, hashed features).

Two peers are printed: `peer` with scikit-learn's defaults (C = 1, raw counts; threshold 0.5 for
aspects), and `peer_tuned`, for each figure the best over a small grid (C, sublinear TF; for
aspects also the detection threshold) chosen on the dev split itself, which flatters the peer.
The last line is one JSON object.
"""
import glob
import json
import os
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score


def read_split(model_dir, name):
    files = sorted(glob.glob(os.path.join(model_dir, "splits", name, "*.json")))
    if not files:
        sys.exit(f"{model_dir} has no splits/{name}: train the model with --write-splits")
    return [json.loads(line) for f in files for line in open(f, encoding="utf-8")]


def vectorizer(sublinear):
    return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=sublinear)


def classifier(c):
    return LogisticRegression(C=c, max_iter=2000)


def single_label(train, dev):
    y_train = [r["label"] for r in train]
    y_dev = [r["label"] for r in dev]
    results = []
    for sublinear in (False, True):
        vec = vectorizer(sublinear)
        a = vec.fit_transform([r["text"] for r in train])
        b = vec.transform([r["text"] for r in dev])
        for c in (1, 4, 16):
            predicted = classifier(c).fit(a, y_train).predict(b)
            results.append(({"c": c, "sublinear_tf": sublinear},
                             {"accuracy": round(accuracy_score(y_dev, predicted), 4),
                              "macro_f1": round(f1_score(y_dev, predicted, average="macro"), 4)}))
            print(f"  C {c:>2} sublinear {sublinear!s:5}: {results[-1][1]}", file=sys.stderr, flush=True)
    return results


def micro_f1(predicted, gold):
    tp = sum(len(p & g) for p, g in zip(predicted, gold))
    fp = sum(len(p - g) for p, g in zip(predicted, gold))
    fn = sum(len(g - p) for p, g in zip(predicted, gold))
    return 0.0 if tp == 0 else round(2 * tp / (2 * tp + fp + fn), 4)


def aspects(train, dev):
    subjects = sorted({a["subject"] for r in train for a in r["aspects"]})
    gold = [{(a["subject"], a["polarity"]) for a in r["aspects"]} for r in dev]
    gold_subjects = [{s for s, _ in g} for g in gold]
    pair_texts = [r["text"] for r in train for _ in r["aspects"]]
    pair_polarities = [a["polarity"] for r in train for a in r["aspects"]]
    results = []
    for sublinear in (False, True):
        vec = vectorizer(sublinear)
        a = vec.fit_transform([r["text"] for r in train])
        b = vec.transform([r["text"] for r in dev])
        for c in (1, 8):
            # One detector per subject, and the post's polarity for every subject found: the peer
            # has no notion of which clause talks about which subject.
            p = np.array([classifier(c).fit(a, [any(x["subject"] == s for x in r["aspects"]) for r in train])
                          .predict_proba(b)[:, 1] for s in subjects]).T
            polarity = classifier(c).fit(vec.transform(pair_texts), pair_polarities).predict(b)
            for threshold in (0.5, 0.4, 0.3):
                found = [{subjects[j] for j in range(len(subjects)) if p[i, j] >= threshold}
                         or {subjects[int(p[i].argmax())]} for i in range(len(dev))]
                triples = [{(s, int(polarity[i])) for s in f} for i, f in enumerate(found)]
                results.append(({"c": c, "sublinear_tf": sublinear, "threshold": threshold},
                                {"aspect_micro_f1": micro_f1(found, gold_subjects),
                                 "aspect_sentiment_f1": micro_f1(triples, gold)}))
                print(f"  C {c} sublinear {sublinear!s:5} threshold {threshold}: {results[-1][1]}",
                      file=sys.stderr, flush=True)
    return results


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    model_dir = sys.argv[1]
    with open(os.path.join(model_dir, "training.json"), encoding="utf-8") as f:
        task = json.load(f)["task"]
    with open(os.path.join(model_dir, "metrics.json"), encoding="utf-8") as f:
        ours = json.load(f)
    train, dev = read_split(model_dir, "train"), read_split(model_dir, "dev")
    print(f"{task}: {len(train)} train, {len(dev)} dev rows from {model_dir}", file=sys.stderr)
    results = aspects(train, dev) if task == "aspect" else single_label(train, dev)
    default = results[0]
    keys = list(default[1].keys())
    tuned = {k: max(r[1][k] for r in results) for k in keys}
    out = {"task": task, "dev_rows": len(dev),
           "ours": {k: ours.get(k) for k in keys},
           "peer": dict(default[1], parameters=default[0]),
           "peer_tuned": dict(tuned, grid=[r[0] for r in results])}
    for k in keys:
        print(f"{k:22} ours {ours.get(k)}  peer {default[1][k]}  peer tuned on dev {tuned[k]}", file=sys.stderr)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
