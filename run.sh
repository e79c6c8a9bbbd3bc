#!/usr/bin/env bash
# Set-up and entry point on a fresh Debian/Ubuntu machine (Python >= 3.11).
#
#   bash run.sh demo    install what is needed, score the embedded example and write its PDF report
#   bash run.sh test    install what is needed (test extras too) and run the whole test suite
#
# It installs the few system libraries WeasyPrint needs (Pango, HarfBuzz subsetting), a CJK
# fallback font and poppler-utils, creates .venv/ and installs this project into it.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES="python3 python3-venv python3-pip libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils"

system_packages() {
  local missing=""
  for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages:$missing" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

python_env() {
  # The project is installed in editable mode, so code changes need no reinstall: pip runs again
  # only when pyproject.toml (dependencies) or the extras asked for have changed since last time.
  local extras="$1"
  local stamp=".venv/.lcity-installed"
  local want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1) ${extras}"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ -f "$stamp" ] && grep -qxF "$want" "$stamp" && .venv/bin/python -c "import lcity" 2>/dev/null; then
    return 0
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
  echo "$want" >> "$stamp"
}

case "${1:-}" in
  demo)
    system_packages
    python_env ""
    shift
    exec .venv/bin/lcity demo "$@"
    ;;
  test)
    system_packages
    python_env "[test]"
    shift
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash run.sh demo | test [pytest args]" >&2
    exit 2
    ;;
esac
