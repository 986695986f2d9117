#!/usr/bin/env bash
# Makes sure the headless browser the dashboard's end-to-end tests drive is installed: Debian's chromium and
# chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver). The builds of gradguard-dashboard and
# gradguard-cli run it before their tests (exec-maven-plugin). When either is missing it installs both, with
# fonts-liberation so screenshots have text, using apt-get; when it cannot, it fails with a clear message.
# Nothing is downloaded from anywhere but the system's apt sources.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then
  exit 0
fi

fail() {
  echo "ensure-browser: $*" >&2
  echo "ensure-browser: the dashboard's browser tests need $CHROMIUM and $DRIVER;" \
       "install them with: apt-get install chromium chromium-driver" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM or $DRIVER is missing and apt-get is not available"
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    fail "$CHROMIUM or $DRIVER is missing and installing needs root (no passwordless sudo)"
  fi
else
  SUDO=()
fi

echo "ensure-browser: installing chromium and chromium-driver with apt-get..." >&2
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run (up to 10 minutes) rather than fail on its lock.
APT=("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
"${APT[@]}" update -qq >&2 || fail "apt-get update failed (are Debian's mirrors reachable?)"
"${APT[@]}" install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation >&2 \
  || fail "apt-get install chromium chromium-driver failed"

[ -x "$CHROMIUM" ] || fail "apt-get finished but $CHROMIUM is still missing"
[ -x "$DRIVER" ] || fail "apt-get finished but $DRIVER is still missing"
echo "ensure-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium), $("$DRIVER" --version 2>/dev/null | head -1)" >&2
