"""PyInstaller runtime hook, run before each bundled program starts: children get the user's environment.

The bootloader points LD_LIBRARY_PATH at the bundle's _internal/ and keeps the user's value in
LD_LIBRARY_PATH_ORIG. This process no longer needs either (its libraries are loaded by then), but
every child inherits them: `xdg-open`, a file manager or any system program the window starts
would load the bundle's GLib and friends instead of its own. The bundled `tahoe` that the private
grid starts needs nothing from here, since its own bootloader sets the path again.
"""

import os

_original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
if _original is None:
    os.environ.pop("LD_LIBRARY_PATH", None)
else:
    os.environ["LD_LIBRARY_PATH"] = _original
