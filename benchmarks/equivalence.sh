#!/usr/bin/env bash
# Outputs of one checkout on the seeds, ../shared/realnews, ../shared/articles, the four public geoparse corpora and
# the CIR monitor set, for a byte-for-byte comparison of two checkouts:
#   benchmarks/equivalence.sh OLD_CHECKOUT /tmp/eq_old pipeline.cli      # before the layout change
#   benchmarks/equivalence.sh .            /tmp/eq_new conflictmap.cli   # after
#   diff -r /tmp/eq_old /tmp/eq_new && echo identical
# MODULE is the checkout's CLI module. The texts are read from ../shared and never copied here.
set -euo pipefail
repo=$(cd "$1" && pwd); out=$2; mod=$3
shared=${SHARED:-$repo/../shared}
py=${PYTHON:-python}
mkdir -p "$out"
cd "$repo"
export PYTHONPATH=$repo
$py -m "$mod" build seeds --out "$out/seeds" >/dev/null 2>&1 || true
$py -m "$mod" build "$shared/realnews/articles" --out "$out/realnews" >/dev/null 2>&1 || true
$py -m "$mod" build "$shared/articles" --out "$out/articles" >/dev/null 2>&1 || true
for corpus in geowebnews lgl trnews geovirus; do
  $py -m "$mod" geoparse "$shared/eval/geoparse/$corpus.jsonl" -o "$out/$corpus.places.jsonl" >/dev/null 2>&1 || true
done
$py -m "$mod" geoparse "$shared/external/cir_monitor.jsonl" -o "$out/cir.places.jsonl" >/dev/null 2>&1 || true
