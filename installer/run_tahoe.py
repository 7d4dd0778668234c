"""The bundle's `tahoe`: tahoe-lafs's own command line, which the private grid runs
(`tahoe create-node`, `tahoe create-client`, `tahoe run`). The window finds it beside
itself (tahoegui/grid/localgrid.py, `tahoe_executable`)."""

import sys

from allmydata.scripts.runner import run

if __name__ == "__main__":
    sys.exit(run())
