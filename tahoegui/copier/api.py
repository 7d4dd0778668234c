"""The copier's front door: plan, then execute, reporting progress to a callback."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from tahoegui.copier.errors import CopyError
from tahoegui.copier.executor import Executor
from tahoegui.copier.options import CopyOptions
from tahoegui.copier.planner import Planner
from tahoegui.copier.progress import CancelToken, CopyCancelled, Phase, ProgressCallback
from tahoegui.copier.reporter import ProgressReporter
from tahoegui.copier.result import CopyResult
from tahoegui.copier.transfer import requests_broken_off_by
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import GridError, internal_error
from tahoegui.grid.redact import redact
from tahoegui.grid.signing_keys import SigningKeyPool

log = logging.getLogger(__name__)


def copy(
    sources: Sequence[str],
    target: str,
    *,
    client: GridClient | None,
    aliases: Mapping[str, str],
    options: CopyOptions = CopyOptions(),  # noqa: B008 — frozen, so one shared default is safe
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    keys: SigningKeyPool | None = None,
) -> CopyResult:
    """Copy `sources` to `target` as `tahoe cp` would; never raises for expected failures.

    Sources and target are `tahoe cp` arguments: local paths, `alias:path`, or caps with
    an optional `/sub/path`. A planning error comes back as `result.error` with nothing
    written; per-file failures are in `result.failed`. `keys` may bring a signing-key pool
    already at work (the copy closes it); by default the copy makes its own.
    """
    reporter = ProgressReporter(progress)
    cancel = cancel or CancelToken()

    def say(message: str, phase: Phase | None) -> None:
        reporter.say(message, phase)
        cancel.raise_if_cancelled()  # a long scan stops at the next entry

    def note(message: str) -> None:
        reporter.note(message)
        cancel.raise_if_cancelled()

    # keys for the new grid directories are made while the sources are examined
    if keys is None and client is not None:
        keys = SigningKeyPool()
    try:
        with requests_broken_off_by(cancel, client):  # nothing is written while planning
            plan = Planner(client, aliases, options, say, keys, note=note).make_plan(sources, target)
        if keys is not None:
            keys.want(plan.new_grid_dirs)
        if cancel.cancelled:
            raise CopyCancelled("cancelled before copying")
        return Executor(client, plan, options, reporter, cancel, keys).run()
    except CopyCancelled:
        result = CopyResult(cancelled=True)
    except (CopyError, GridError) as e:
        # a request broken off by the cancel fails as a GridError: that is the cancel
        result = CopyResult(cancelled=True) if cancel.cancelled else CopyResult(error=str(e))
    except OSError as e:
        result = CopyResult(error=redact(f"{e.strerror or e}: {e.filename or ''}".rstrip(": ")))
    except Exception as e:  # never a traceback for the user: log it, say so plainly
        log.exception("the copy failed unexpectedly")
        result = CopyResult(error=internal_error(e))
    finally:
        if keys is not None:
            keys.close()
    reporter.set_phase("done")
    return result
