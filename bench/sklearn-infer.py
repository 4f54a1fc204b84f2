#!/usr/bin/python3
"""The yardstick for `make bench`: scikit-learn TF-IDF + LinearSVC inference
on the same CSV the pipeline reads.  Trains on the first TRAIN texts (labels
from a few keywords: the speed, not the accuracy, is compared), then reads
the whole file and predicts every non-empty text of the named columns in
chunks (memory bounded).  Prints the inference's CPU seconds (reading the
CSV included, training not):
    sklearn: N texts, inference CPU X s
Usage: sklearn-infer.py FILE.csv COLUMN...   (exit 77 without sklearn)"""
import csv
import sys
import time

try:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC
except ImportError:
    print("sklearn: python3-sklearn not installed", file=sys.stderr)
    sys.exit(77)

TRAIN, CHUNK = 5000, 20000
KEYS = [("parking", "car park"), ("waiting", "waited"), ("staff", "nurse"), ("food", "café")]


def label(t):
    t = t.lower()
    for i, ks in enumerate(KEYS):
        if any(k in t for k in ks):
            return i
    return len(KEYS)


def texts(path, cols):
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        head = next(r)
        idx = [head.index(c) for c in cols]
        for row in r:
            for i in idx:
                if i < len(row) and row[i].strip():
                    yield row[i].strip()


def main():
    path, cols = sys.argv[1], sys.argv[2:]
    train = []
    for t in texts(path, cols):
        train.append(t)
        if len(train) == TRAIN:
            break
    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    clf = LinearSVC().fit(vec.fit_transform(train), [label(t) for t in train])
    t0, n, chunk = time.process_time(), 0, []
    for t in texts(path, cols):
        chunk.append(t)
        if len(chunk) == CHUNK:
            clf.predict(vec.transform(chunk))
            n += len(chunk)
            chunk = []
    if chunk:
        clf.predict(vec.transform(chunk))
        n += len(chunk)
    print("sklearn: %d texts, inference CPU %.3f s" % (n, time.process_time() - t0))


if __name__ == "__main__":
    main()
