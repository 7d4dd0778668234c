"""The bundle's `tahoegui-cp` (the drop-in for `tahoe cp`)."""

import sys

from tahoegui.cli.cp import main

if __name__ == "__main__":
    sys.exit(main())
