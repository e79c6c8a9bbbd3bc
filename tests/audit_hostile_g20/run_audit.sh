#!/bin/bash
# Run every G20-C input through the commands; flag exit>=3, a traceback, or a raw control char.
# From /work/main:  bash tests/audit_hostile_g20/run_audit.sh [glob]
L=${L:-/work/main/.venv/bin/lcity}
I=/work/main/tests/audit_hostile_g20/inputs
W=${W:-/tmp/g20w}; mkdir -p "$W"
check() {  # name, then command
  local name=$1; shift
  timeout 60 "$@" >"$W/out" 2>"$W/err" </dev/null; local rc=$?
  local flag=""
  [ $rc -ge 3 ] && flag="$flag EXIT$rc"
  grep -q "Traceback" "$W/out" "$W/err" && flag="$flag TRACEBACK"
  LC_ALL=C grep -qP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]' "$W/out" "$W/err" && flag="$flag RAWCTRL"
  printf '%-40s rc=%s%s | %s\n' "$name" "$rc" "$flag" "$(head -c 220 "$W/err" | tr '\n' ' ')"
}
for f in $I/${1:-*}.yaml; do
  b=$(basename "$f")
  check "validate $b" $L validate "$f" --lang en
  check "score $b" $L score "$f" --lang en --format json
done
# second pass: every file that validates must also convert, upgrade, fix, plan, report and batch
if [ "$2" = "all" ]; then
for f in $I/${1:-*}.yaml; do
  b=$(basename "$f" .yaml)
  $L validate "$f" >/dev/null 2>&1 || continue
  rm -rf "$W/$b"; mkdir -p "$W/$b"
  check "convert $b" $L convert "$f" "$W/$b/x.xlsx" --lang en
  check "convert-back $b" $L convert "$W/$b/x.xlsx" "$W/$b/back.yaml" --lang en
  check "upgrade $b" $L upgrade "$f" -o "$W/$b/up.yaml" --lang en
  check "fix $b" $L fix "$f" --lang en
  check "plan $b" $L plan "$f" --lang en
  check "benchmark $b" $L benchmark "$f" --lang en
  check "status $b" $L status "$f" --lang en
  check "report $b" $L report "$f" -o "$W/$b/r.pdf" --lang en
  check "verify $b" $L verify "$W/$b/r.pdf" --lang en
done
fi
if [ "$2" = "xlsx" ]; then
for f in $I/x_*.xlsx; do
  b=$(basename "$f" .xlsx); rm -rf "$W/$b"; mkdir -p "$W/$b"
  check "validate $b" $L validate "$f" --lang en
  check "score $b" $L score "$f" --lang en --format json
  check "convert $b" $L convert "$f" "$W/$b/x.yaml" --lang en
  check "report $b" $L report "$f" -o "$W/$b/r.pdf" --lang en
done
fi
if [ "$2" = "env" ]; then  # G20-C1, G20-C4, G20-C5
  cp /work/main/examples/qingshi-district.yaml "$W/q.yaml"
  for e in soon 1e3 "" 99999999999999999999; do
    SOURCE_DATE_EPOCH="$e" check "plan epoch=[$e]" $L plan "$W/q.yaml" --lang en
    SOURCE_DATE_EPOCH="$e" check "report epoch=[$e]" $L report "$W/q.yaml" -o "$W/e.pdf" --force --lang zh
  done
  check "report --date 0000-01-01 zh" $L report "$W/q.yaml" -o "$W/d.pdf" --force --date 0000-01-01 --lang zh
  rm -rf "$W/units"; mkdir "$W/units"; cp "$W/q.yaml" "$W/units/"
  $L convert /work/main/examples/districts/beiling.yaml "$W/units/summary.xlsx" >/dev/null 2>&1
  sha256sum "$W/units/summary.xlsx"
  check "batch units -o units --force" $L batch "$W/units" -o "$W/units" --force --lang en
  sha256sum "$W/units/summary.xlsx"
fi
