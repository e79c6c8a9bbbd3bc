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

installed_current() {
  # True when .venv already holds this project (editable, from this folder, same version) and every
  # dependency pyproject.toml asks for (plus the extras asked for) at a version it accepts: then pip
  # has nothing to do, whoever installed it (run.sh, or pip install -e . by hand).
  .venv/bin/python - "$1" <<'PY' >/dev/null 2>&1
import pathlib, sys, tomllib
from importlib.metadata import PackageNotFoundError, version
from pip._vendor.packaging.requirements import Requirement

project = tomllib.loads(pathlib.Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
extra = sys.argv[1].strip("[].")
wanted = list(project["dependencies"]) + (project.get("optional-dependencies", {}).get(extra, []) if extra else [])
if version(project["name"]) != project["version"]:
    sys.exit(1)
for req in map(Requirement, wanted):
    try:
        have = version(req.name)
    except PackageNotFoundError:
        sys.exit(1)
    if not req.specifier.contains(have, prereleases=True):
        sys.exit(1)
import lcity
sys.exit(0 if pathlib.Path(lcity.__file__).resolve().parents[1] == pathlib.Path.cwd().resolve() else 1)
PY
}

python_env() {
  # The project is installed in editable mode, so code changes need no reinstall: pip runs only
  # when what is installed does not satisfy pyproject.toml (a new dependency, another version) or
  # the extras asked for. A stamp of pyproject.toml's hash makes the usual case free; without it
  # (or after pyproject.toml changed) installed_current asks the installed metadata itself.
  local extras="$1"
  local stamp=".venv/.lcity-installed"
  local hash want
  hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  want="${hash} ${extras}"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ -f "$stamp" ] && [ -x .venv/bin/lcity ] && { grep -qxF "$want" "$stamp" || { [ -z "$extras" ] && grep -q "^${hash} " "$stamp"; }; }; then
    return 0  # installed from this very pyproject.toml (a [test] install serves the demo too)
  fi
  if [ -x .venv/bin/lcity ] && installed_current "$extras"; then
    echo "$want" >> "$stamp"
    return 0
  fi
  echo "installing lcity and its dependencies into .venv (pip)" >&2
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
