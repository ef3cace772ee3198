#!/bin/sh
# Makes sure the tools the slip tests print and scan with are present on Debian/Ubuntu:
# pdftoppm, pdftotext, pdffonts, pdfinfo (poppler-utils) and zbarimg (zbar-tools).
# Installs the missing packages when run as root with apt-get; otherwise names them.
set -u
missing=""
while read -r cmd pkg; do
    [ -z "$cmd" ] && continue
    if ! command -v "$cmd" >/dev/null 2>&1; then
        case " $missing " in
            *" $pkg "*) ;;
            *) missing="$missing $pkg" ;;
        esac
    fi
done <<'TOOLS'
pdftoppm poppler-utils
pdftotext poppler-utils
pdffonts poppler-utils
pdfinfo poppler-utils
zbarimg zbar-tools
TOOLS
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test tools:$missing"
    apt-get update -qq >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
        || echo "Could not install:$missing — install them with your package manager." >&2
else
    echo "The slip tests need these packages, please install them:$missing" >&2
fi
exit 0
