#!/bin/sh
# Reproduces every G18-E finding in a scratch folder. Usage: sh repro.sh [/tmp/g18e-repro]
set -u
L=/work/main/.venv/bin/lcity; P=/work/main/.venv/bin/python; H=$(cd "$(dirname "$0")" && pwd)
W=${1:-/tmp/g18e-repro}; mkdir -p "$W"; cd "$W" || exit 2
cp "$H"/*.py "$H"/*.review.yaml . ; cp /work/main/examples/qingshi-district.yaml q.yaml
$L init -o form.xlsx --lang zh --city 青石区 --level district --force
$P fill.py form.xlsx f1.xlsx >/dev/null; $L validate f1.xlsx
$P fix.py f1.xlsx f2.xlsx; $L validate f2.xlsx --errors-only; $L score f2.xlsx | tail -4
$L convert f2.xlsx -o f2.yaml --force; grep -n 'area_km2\|# B1\|# L2' f2.yaml            # E6, E7
$L convert f2.yaml f3.xlsx --force; $L convert f3.xlsx f3.yaml --force; diff f2.yaml f3.yaml
$L review init f2.xlsx -o f2.review.yaml --force
$L review validate f2.yaml "$H/f2.review.yaml" 2>&1 | grep hash-mismatch                # E4
$L report q.yaml --review r1.review.yaml -o r.pdf --lang zh --force
$L report q.yaml --review r1.review.yaml -o r-en.pdf --lang en --force
pdftotext -layout r.pdf r.txt; grep -n '5,200,000元\|5,500,000\|满意度：76\|K5 居民满意度80\|41项填报' r.txt   # E2, E3
# E1: one printed digit changed on page 2 (glyph ids: '0' = 0x11); verify still agrees
$P digit_edit.py r.pdf r-ver78.pdf 1 3c303031383e303c303031313e303c303030663e303c303031613e 3c303031383e303c303031393e303c303030663e303c303031613e 2>/dev/null
$P digit_edit.py r.pdf r-self79.pdf 1 3c303031383e303c303031363e303c303030663e303c303031373e 3c303031383e303c303031613e303c303030663e303c303031373e 2>/dev/null
pdftotext -f 2 -l 2 -layout r-ver78.pdf - | sed -n 6p; $L verify r-ver78.pdf; echo "exit $?"
pdftotext -f 2 -l 2 -layout r-self79.pdf - | sed -n 6p; $L verify r-self79.pdf; echo "exit $?"
$P variants.py f2.xlsx; $L validate v3.xlsx 2>&1 | grep -v no-evidence; $L validate v5.xlsx 2>&1 | grep -v no-evidence
