#!/bin/sh
# make demo: run the whole pipeline on the sample corpus and print the counts.
set -e
BIN=$1
echo "voxpop demo: pipeline not assembled yet" >&2
exit 1
