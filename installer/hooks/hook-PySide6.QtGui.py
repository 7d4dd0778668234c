"""PyInstaller's own hook for PySide6.QtGui, less the Qt plugins a desktop file manager never loads.

Left out before the build analyses their libraries, so those stay out too: GTK's theme
(it brings cairo, pango and GDK, and needs the system's GTK anyway), the embedded-device
platforms (eglfs, linuxfb, vnc: vnc alone brings QtNetwork), the touch/evdev input plugins,
the virtual keyboard (QtQml, QtQuick), and image formats no icon uses. What stays: X11 (xcb)
and Wayland, offscreen and minimal, the desktop portal theme, compose and IBus input, and
PNG/JPEG/GIF/ICO/SVG images and SVG icons.
"""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = {
    "egldeviceintegrations": None,  # None: the whole folder
    "generic": None,
    "platforms": {"libqeglfs.so", "libqlinuxfb.so", "libqminimalegl.so", "libqvkkhrdisplay.so", "libqvnc.so"},
    "platformthemes": {"libqgtk3.so"},
    "platforminputcontexts": {"libqtvirtualkeyboardplugin.so"},
    "imageformats": {"libqicns.so", "libqpdf.so", "libqtga.so", "libqtiff.so", "libqwbmp.so", "libqwebp.so"},
    "wayland-graphics-integration-server": None,  # for compositors, not for applications
}


def wanted(source: str) -> bool:
    path = PurePath(source)
    unused = UNUSED_PLUGINS.get(path.parent.name, set())
    return not (path.parent.parent.name == "plugins" and (unused is None or path.name in unused))


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if wanted(source)]
