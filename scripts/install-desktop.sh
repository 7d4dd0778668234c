#!/usr/bin/env bash
# Installs tahoegui's .desktop file, AppStream metainfo and icons for this user, under
# ${XDG_DATA_HOME:-~/.local/share}, so the desktop's application menu shows tahoegui.
#
# Usage: scripts/install-desktop.sh [EXECUTABLE]     (`make install-desktop` passes .venv/bin/tahoegui)
#        scripts/install-desktop.sh --uninstall       (removes what it installed)
# The installed entry runs EXECUTABLE by its absolute path (and TryExec hides the entry once
# it is gone), so it works without the virtualenv on PATH; with no argument, the entry runs
# `tahoegui` from PATH as resources/tahoegui.desktop does.
set -euo pipefail
res="$(cd "$(dirname "$0")/../resources" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
sizes=(16 32 48 64 128 256)
targets=("$data/applications/tahoegui.desktop" "$data/metainfo/tahoegui.metainfo.xml"
  "$data/icons/hicolor/scalable/apps/tahoegui.svg")
for s in "${sizes[@]}"; do targets+=("$data/icons/hicolor/${s}x${s}/apps/tahoegui.png"); done

refresh_caches() {  # the desktop notices new entries without them too, only later
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$data/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -f -t "$data/icons/hicolor" || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "${targets[@]}"
  refresh_caches
  echo "removed tahoegui's desktop entry, metainfo and icons from $data"
  exit 0
fi

exe="${1:-tahoegui}"
case "$exe" in
  tahoegui) exec_line="Exec=tahoegui"; try_exec="tahoegui" ;;
  /*)
    # Desktop Entry spec: quote the program; inside quotes \ " ` $ take a backslash, which
    # the string escaping then doubles; % is doubled so it is no field code
    quoted=$(printf '%s' "$exe" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
    exec_line="Exec=\"$quoted\""
    try_exec=$(printf '%s' "$exe" | sed -e 's/\\/\\\\/g')
    ;;
  *) echo "install-desktop: EXECUTABLE must be an absolute path (or tahoegui): $exe" >&2; exit 2 ;;
esac

install -d "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
tmp="$data/applications/.tahoegui.desktop.tmp"
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf '%s\n' "$exec_line" ;;
    *) printf '%s\n' "$line" ;;
  esac
  [ "${line%%=*}" = "Exec" ] && printf 'TryExec=%s\n' "$try_exec"
done <"$res/tahoegui.desktop" >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$data/applications/tahoegui.desktop"
install -m644 "$res/tahoegui.metainfo.xml" "$data/metainfo/tahoegui.metainfo.xml"
install -m644 "$res/icons/tahoegui.svg" "$data/icons/hicolor/scalable/apps/tahoegui.svg"
for s in "${sizes[@]}"; do
  install -D -m644 "$res/icons/hicolor/${s}x${s}/apps/tahoegui.png" "$data/icons/hicolor/${s}x${s}/apps/tahoegui.png"
done
refresh_caches
echo "installed $data/applications/tahoegui.desktop ($exec_line), its metainfo and $((${#sizes[@]} + 1)) icons"
