#!/usr/bin/python3
"""voxpop on a Dask cluster: map partitions through the stages, reduce the
count documents through vp-merge as a tree.

    /usr/bin/python3 contrib/voxpop_dask.py [--workers N] [--partitions P]
        [--files] [--scheduler ADDRESS] INPUT... -- [COUNT-OPTION]...

INPUT: voxpop records (NDJSON, vp-ingest's output), split into P partitions
of whole lines; or with --files, input files for vp-ingest, P partitions of
whole files.  Each partition is piped through contrib/voxpop-map (vp-normalise
| vp-tag | vp-count --compact, with vp-ingest first for --files), giving one
document; Bag.reduction with split_every=2 merges them pairwise through
contrib/voxpop-reduce, and the one document is written to stdout: the same
bytes as one vp-count over everything.  Without --scheduler a LocalCluster
of N worker processes is started.  The vp-* stages must be on PATH.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, data):
    p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True)
    return p.stdout


def map_partition(lines, mode, count_opts):
    """One partition (records, or file paths) -> [one compact document]."""
    data = "".join(l if l.endswith("\n") else l + "\n" for l in lines).encode()
    out = run([os.path.join(HERE, "voxpop-map"), mode] + count_opts, data)
    return [out.decode()]


def respondents(lines):
    """Records grouped into one item per respondent (a run of adjacent
    records with the same "respondent", as vp-ingest writes them), so that a
    partition never cuts a respondent in two: vp-count counts respondents as
    runs, and a run cut in two would count one person twice."""
    group, prev = [], None
    for line in lines:
        try:
            r = json.loads(line).get("respondent")
        except ValueError:
            r = None  # vp-count will say what is wrong with it
        if group and (r is None or r != prev):
            yield "".join(group)
            group = []
        group.append(line if line.endswith("\n") else line + "\n")
        prev = r
    if group:
        yield "".join(group)


def merge(docs):
    """Documents (lines) -> one compact document: a node of the tree."""
    docs = list(docs)
    if len(docs) == 1:
        return docs[0]
    data = "".join(d if d.endswith("\n") else d + "\n" for d in docs).encode()
    return run([os.path.join(HERE, "voxpop-reduce"), "--compact"], data).decode()


def main():
    argv = sys.argv[1:]
    count_opts = []
    if "--" in argv:
        i = argv.index("--")
        argv, count_opts = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--files", action="store_true")
    ap.add_argument("--scheduler")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args(argv)

    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    if a.files:
        items, mode = [os.path.abspath(f) for f in a.inputs], "files"
    else:
        items, mode = [], "records"
        for f in a.inputs:
            with open(f, encoding="utf-8") as fh:
                items.extend(respondents(fh))
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(items, npartitions=max(1, min(a.partitions, len(items) or 1)))
        docs = bag.map_partitions(map_partition, mode, count_opts)
        total = docs.reduction(merge, merge, split_every=2).compute()
    finally:
        client.close()
        if cluster:
            cluster.close()
    # the final document as vp-count writes it (indented)
    sys.stdout.write(run(["vp-merge"], total.encode()).decode())


if __name__ == "__main__":
    main()
