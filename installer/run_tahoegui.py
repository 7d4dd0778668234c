"""The bundle's `tahoegui` (the window), as PyInstaller's entry script.

With TAHOEGUI_SELF_TEST=DIR in the environment it runs installer/selftest.py's scripted
session inside the real window instead (what `make smoke` drives); otherwise it is
exactly `tahoegui.app.main`.
"""

import os
import sys

from tahoegui.app import main

if __name__ == "__main__":
    if os.environ.get("TAHOEGUI_SELF_TEST"):
        import selftest

        sys.exit(selftest.run(sys.argv[1:], os.environ["TAHOEGUI_SELF_TEST"]))
    sys.exit(main())
