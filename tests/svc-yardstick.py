#!/usr/bin/python3
"""The accuracy yardstick for `make eval` (issue 19): the peer a team would
otherwise train, a TF-IDF + LinearSVC per theme (one against the rest), fitted
on the tuning part of qdc-dev.csv and predicting every row, written as the
records vp-tag writes ({"id", "themes": [{"theme"}]}) so that vp-eval scores
it on the held-back part with the lexicon's own rules and rows.

The split is vp-eval's: a row is held back when the 32-bit FNV-1a hash of its
Respondent ID is 0 modulo SPLIT (include/voxpop/hash.h).  The model is the one
the QDC README quotes (0.709 micro-F1 on the held-out split when trained on
every dev row): word 1-2 grams, sublinear tf, min_df 2, default C.

Usage: svc-yardstick.py GOLD.csv MAP.tsv [SPLIT]   (exit 77 without sklearn)"""
import csv
import json
import sys

try:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC
except ImportError:
    print("svc-yardstick: python3-sklearn not installed", file=sys.stderr)
    sys.exit(77)


def fnv1a32(s):
    h = 2166136261
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def read_map(path):
    themes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            theme, labels = line.split("\t", 1)
            themes.append((theme, labels.split("|")))
    return themes


def main():
    if len(sys.argv) < 3:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        sys.exit(64)
    gold, mapfile = sys.argv[1], sys.argv[2]
    split = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    themes = read_map(mapfile)
    with open(gold, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        head = next(r)
        col = {name: i for i, name in enumerate(head)}
        for theme, labels in themes:
            missing = [x for x in labels if x not in col]
            if missing:
                print("svc-yardstick: %s: no column '%s'" % (gold, missing[0]), file=sys.stderr)
                sys.exit(65)
        rows = list(r)
    ids = [row[col["Comment ID"]] for row in rows]
    text = [row[col["FFT answer"]].strip() for row in rows]
    tuning = [i for i, row in enumerate(rows)
              if fnv1a32(row[col["Respondent ID"]]) % split != 0 and text[i]]
    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    x_train = vec.fit_transform([text[i] for i in tuning])
    x_all = vec.transform(text)
    predicted = [[] for _ in rows]
    for theme, labels in themes:
        y = [int(any(rows[i][col[x]] == "1" for x in labels)) for i in tuning]
        if not any(y) or all(y):
            continue
        said = LinearSVC().fit(x_train, y).predict(x_all)
        for i, p in enumerate(said):
            if p and text[i]:
                predicted[i].append({"theme": theme})
    out = sys.stdout
    for i, t in zip(ids, predicted):
        out.write(json.dumps({"id": i, "themes": t}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
