#!/bin/sh
# Makes sure the shared libraries Qt's widgets (and its print support: CUPS) need on Debian/Ubuntu are present.
# Installs the missing ones when run as root with apt-get; otherwise names them.
set -u
missing=""
while read -r lib pkg; do
    [ -z "$lib" ] && continue
    if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
        missing="$missing $pkg"
    fi
done <<'LIBS'
libEGL.so.1 libegl1
libGL.so.1 libgl1
libxkbcommon.so.0 libxkbcommon0
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libfontconfig.so.1 libfontconfig1
libfreetype.so.6 libfreetype6
libdbus-1.so.3 libdbus-1-3
libglib-2.0.so.0 libglib2.0-0
libX11-xcb.so.1 libx11-xcb1
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-image.so.0 libxcb-image0
libxcb-randr.so.0 libxcb-randr0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-shape.so.0 libxcb-shape0
libxcb-xkb.so.1 libxcb-xkb1
libcups.so.2 libcups2
LIBS
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system libraries for Qt:$missing"
    apt-get update -qq >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
        || echo "Could not install:$missing — install them with your package manager." >&2
else
    echo "Qt needs these system packages, please install them:$missing" >&2
fi
exit 0
