#!/bin/bash
# Usage: review_attack.sh NAME PYTHON-SNIPPET  -- the snippet edits `s` (the example review's text);
# then review validate, score --review, report --review (REPORT=1), sensitivity --review.
set -u
REPO=/work/main; NAME=$1; SNIP=$2
D=/tmp/h5/rv/$NAME; rm -rf "$D"; mkdir -p "$D"
cp $REPO/examples/qingshi-district.yaml "$D/qingshi-district.yaml"
S="$SNIP" $REPO/.venv/bin/python -c "
import os; s=open('$REPO/examples/qingshi-district.review.yaml',encoding='utf-8').read()
exec(os.environ['S'])
open('$D/r.yaml','w',encoding='utf-8').write(s)"
export LCITY_CACHE_DIR=/tmp/h5/cache COLUMNS=100
L=${LCITY:-$REPO/.venv/bin/lcity}
run() { local label=$1; shift; timeout 300 "$@" >"$D/$label.out" 2>"$D/$label.err"; local rc=$?;
  local tb=""; grep -q Traceback "$D/$label.out" "$D/$label.err" && tb=" TRACEBACK";
  echo "[$NAME] $label rc=$rc$tb :: $( (cat "$D/$label.out"; cat "$D/$label.err") | grep -v '^$' | head -3 | cut -c1-220 | tr '\n' '|')"; }
run rvalidate $L review validate "$D/qingshi-district.yaml" "$D/r.yaml"
run score $L score "$D/qingshi-district.yaml" --review "$D/r.yaml"
if [ "${REPORT:-0}" = 1 ]; then run report $L report "$D/qingshi-district.yaml" --review "$D/r.yaml" -o "$D/r.pdf" --html "$D/r.html"; fi
if [ "${SENS:-0}" = 1 ]; then run sens $L sensitivity "$D/qingshi-district.yaml" --review "$D/r.yaml" -n 200; fi
