#!/bin/sh
# Makes sure the tools PyInstaller uses on Linux are present on Debian/Ubuntu: objdump and strip
# (binutils). Installs them when run as root with apt-get; otherwise names them.
set -u
command -v objdump >/dev/null 2>&1 && command -v strip >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing build tools: binutils"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null \
        || echo "Could not install binutils — install it with your package manager." >&2
else
    echo "The build needs binutils (objdump, strip), please install it." >&2
fi
exit 0
