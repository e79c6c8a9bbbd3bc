#!/bin/bash
# Usage: fw_attack.sh NAME 'python-expr-on-text'  -- copies the UNESCO framework, applies a text
# substitution (sed script in $2), then runs framework check, validate, score, report; prints rc + head.
set -u
REPO=/work/main
NAME=$1; SED=$2
D=/tmp/h5/fw/$NAME; rm -rf "$D"; mkdir -p "$D/fws/ukf"
cp $REPO/examples/frameworks/unesco-key-features/framework.yaml "$D/fws/ukf/framework.yaml"
sed -i -e "$SED" "$D/fws/ukf/framework.yaml"
cp $REPO/examples/frameworks/harbourton-2025.yaml "$D/a.yaml"
export LCITY_CACHE_DIR=$D/cache LCITY_FRAMEWORK_PATH=$D/fws COLUMNS=100
L=${LCITY:-$REPO/.venv/bin/lcity}
run() { local label=$1; shift; timeout 120 "$@" >"$D/$label.out" 2>"$D/$label.err"; local rc=$?;
  local tb=""; grep -q Traceback "$D/$label.out" "$D/$label.err" && tb=" TRACEBACK";
  echo "[$NAME] $label rc=$rc$tb :: $(head -c 300 "$D/$label.err" | tr '\n' '|')"; }
run check $L framework check "$D/fws/ukf/framework.yaml"
run validate $L validate "$D/a.yaml"
run score $L score "$D/a.yaml" --lang en
run scorefw $L score "$D/a.yaml" --lang en --framework "$D/fws/ukf/framework.yaml"
if [ "${REPORT:-0}" = 1 ]; then run report $L report "$D/a.yaml" -o "$D/r.pdf" --html "$D/r.html" --lang en; fi
