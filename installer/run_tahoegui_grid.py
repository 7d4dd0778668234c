"""The bundle's `tahoegui-grid` (start, status and stop the private grid)."""

import sys

from tahoegui.cli.grid import main

if __name__ == "__main__":
    sys.exit(main())
