#!/bin/sh
# Shipped in the Linux archive beside the program (packaging/build.py copies it there).
# Adds the counter and the hall board to the desktop's menu, for this folder wherever it lies.
#   ./install-desktop-entry.sh                 for the user running it
#   sudo ./install-desktop-entry.sh --all-users
set -e
here=$(cd "$(dirname "$0")" && pwd)
case "$here" in
  *[\"\`\$\\#%]*) echo "the folder's path holds a character a menu entry cannot carry: $here" >&2; exit 2;;
esac
if [ "${1:-}" = "--all-users" ]; then
  apps=/usr/share/applications; icons=/usr/share/icons/hicolor/256x256/apps
else
  share="${XDG_DATA_HOME:-$HOME/.local/share}"; apps="$share/applications"; icons="$share/icons/hicolor/256x256/apps"
fi
mkdir -p "$apps" "$icons"
cp "$here/linggong.png" "$icons/linggong.png"
for entry in linggong linggong-board; do
  # The program's path in quotes, so a folder with spaces works.
  sed "s#^Exec=/opt/linggong/linggong#Exec=\"$here/linggong\"#" "$here/$entry.desktop" > "$apps/$entry.desktop"
  chmod 644 "$apps/$entry.desktop"
done
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$apps" || true; fi
echo "menu entries written to $apps"
