"""The bundle's `tahoegui` (the window), as PyInstaller's entry script: exactly `tahoegui.app.main`."""

import sys

from tahoegui.app import main

if __name__ == "__main__":
    sys.exit(main())
