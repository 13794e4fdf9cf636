#!/usr/bin/env bash
# Installs what the browser tests drive, when missing: the system Chromium and its chromedriver
# (Debian/Ubuntu packages chromium and chromium-driver). Never fails: when it cannot install (no
# apt-get, not root and no password-less sudo) it warns, and the browser tests then fail saying what
# is missing (or skip with KEYPOOL_SKIP_BROWSER=1). See docs/testing.md.
set -uo pipefail

warn() { echo "WARNING ********** install-browser: $*" >&2; }

# found ENV_OVERRIDE NAME...: the override when set, else /usr/bin/NAME or NAME on PATH (as the tests look).
found() {
  local override="${!1:-}"
  shift
  if [ -n "$override" ]; then [ -x "$override" ]; return; fi
  local name
  for name in "$@"; do
    [ -x "/usr/bin/$name" ] && return 0
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}
present() { found KEYPOOL_CHROMIUM chromium chromium-browser && found KEYPOOL_CHROMEDRIVER chromedriver; }

present && exit 0
if [ "${KEYPOOL_SKIP_BROWSER:-}" = 1 ]; then
  warn "Chromium or chromedriver missing; not installed since KEYPOOL_SKIP_BROWSER=1 (the browser tests skip)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  warn "Chromium or chromedriver missing and no apt-get here: install them, or point KEYPOOL_CHROMIUM and KEYPOOL_CHROMEDRIVER at them"
  exit 0
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    warn "Chromium or chromedriver missing, and installing needs root: run  sudo apt-get install -y chromium chromium-driver"
    exit 0
  fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Waits (bounded) for another apt or dpkg holding the lock, e.g. an install already under way.
apt() { ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 "$@" >>"$log" 2>&1; }

echo "install-browser: installing chromium and chromium-driver" >&2
if ! apt install -y chromium chromium-driver; then
  apt update && apt install -y chromium chromium-driver
fi
if ! present; then
  tail -n 20 "$log" >&2
  warn "could not install chromium and chromium-driver (output above); the browser tests will fail"
fi
exit 0
