"""The 102 CopyOut cases of upstream's test_cp.py: `cp [-r] SOURCES TARGET` from the grid
into a local directory `to`, each checked for exactly what it created (or its error).

The table is upstream's (a facts table, kept verbatim); every case runs twice, through
`tahoegui-cp` and through the copier API, against the real private grid. Beyond upstream,
an error case must also leave `to` exactly as it was (our planner finds every error before
anything is created) and never show a cap or a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tahoegui.grid.client import GridClient
from tests.integration.cp_fixtures import (
    E_TEXTS,
    EXISTING_CONTENTS,
    CopyOutTree,
    NodeDir,
    copyout_results,
    error_code_of,
    run_copy_api,
    run_cp_in_process,
    with_parents,
)

pytestmark = pytest.mark.grid

COPYOUT_TABLE = """
cp    $FILECAP          to/existing-file : to/existing-file
cp -r $FILECAP          to/existing-file : to/existing-file
cp    $DIRCAP/file $PARENTCAP/dir2/file2 to/existing-file : E6-MANYONE
cp -r $DIRCAP/file $PARENTCAP/dir2/file2 to/existing-file : E6-MANYONE
cp    $DIRCAP           to/existing-file : E4-NEED-R
cp -r $DIRCAP           to/existing-file : E5-DIRTOFILE
cp    $FILECAP $DIRCAP  to/existing-file : E4-NEED-R
cp -r $FILECAP $DIRCAP  to/existing-file : E6-MANYONE

cp    $FILECAP          to/existing-file/ : E7-BADSLASH
cp -r $FILECAP          to/existing-file/ : E7-BADSLASH
cp    $DIRCAP/file $PARENTCAP/dir2/file2 to/existing-file/ : E7-BADSLASH
cp -r $DIRCAP/file $PARENTCAP/dir2/file2 to/existing-file/ : E7-BADSLASH
cp    $DIRCAP           to/existing-file/ : E4-NEED-R
cp -r $DIRCAP           to/existing-file/ : E7-BADSLASH
cp    $FILECAP $DIRCAP  to/existing-file/ : E4-NEED-R
cp -r $FILECAP $DIRCAP  to/existing-file/ : E7-BADSLASH

# single source to a (present) target directory
cp    $FILECAP        to : E2-DESTNAME
cp -r $FILECAP        to : E2-DESTNAME
cp    $DIRCAP/file    to : to/file
cp -r $DIRCAP/file    to : to/file
# these two are errors
cp    $DIRCAP/file/   to : E8-BADSLASH
cp -r $DIRCAP/file/   to : E8-BADSLASH
cp    $PARENTCAP/dir  to : E4-NEED-R
cp -r $PARENTCAP/dir  to : to/dir/file
# but these two should ignore the trailing source slash
cp    $PARENTCAP/dir/ to : E4-NEED-R
cp -r $PARENTCAP/dir/ to : to/dir/file
cp    $DIRCAP         to : E4-NEED-R
cp -r $DIRCAP         to : to/file
cp    $DIRALIAS       to : E4-NEED-R
cp -r $DIRALIAS       to : to/file

cp    $FILECAP       to/ : E2-DESTNAME
cp -r $FILECAP       to/ : E2-DESTNAME
cp    $DIRCAP/file   to/ : to/file
cp -r $DIRCAP/file   to/ : to/file
cp    $PARENTCAP/dir to/ : E4-NEED-R
cp -r $PARENTCAP/dir to/ : to/dir/file
cp    $DIRCAP        to/ : E4-NEED-R
cp -r $DIRCAP        to/ : to/file
cp    $DIRALIAS      to/ : E4-NEED-R
cp -r $DIRALIAS      to/ : to/file

# multiple sources to a (present) target directory
cp    $DIRCAP/file $PARENTCAP/dir2/file2 to : to/file,to/file2
cp    $DIRCAP/file $FILECAP              to : E2-DESTNAME
cp    $DIRCAP $FILECAP                   to : E4-NEED-R
cp -r $DIRCAP $FILECAP                   to : E2-DESTNAME
      # namedfile, unnameddir, nameddir
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to : to/file3,to/file,to/dir2/file2
      # namedfile, unnameddir, nameddir, unnamedfile
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to : E2-DESTNAME

cp    $DIRCAP/file $PARENTCAP/dir2/file2 to/ : to/file,to/file2
cp    $DIRCAP/file $FILECAP           to/    : E2-DESTNAME
cp    $DIRCAP $FILECAP                to/    : E4-NEED-R
cp -r $DIRCAP $FILECAP                to/    : E2-DESTNAME
      # namedfile, unnameddir, nameddir
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to/ : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to/ : to/file3,to/file,to/dir2/file2
      # namedfile, unnameddir, nameddir, unnamedfile
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to/ : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to/ : E2-DESTNAME

# single sources to a missing target: should mkdir or create a file
cp    $FILECAP       to/missing : to/missing
cp -r $FILECAP       to/missing : to/missing
cp    $DIRCAP/file   to/missing : to/missing
cp -r $DIRCAP/file   to/missing : to/missing
cp    $PARENTCAP/dir to/missing : E4-NEED-R
cp -r $PARENTCAP/dir to/missing : to/missing/dir/file
cp    $DIRCAP        to/missing : E4-NEED-R
cp -r $DIRCAP        to/missing : to/missing/file
cp    $DIRALIAS      to/missing : E4-NEED-R
cp -r $DIRALIAS      to/missing : to/missing/file

cp    $FILECAP       to/missing/ : E7-BADSLASH
cp -r $FILECAP       to/missing/ : E7-BADSLASH
cp    $DIRCAP/file   to/missing/ : E7-BADSLASH
cp -r $DIRCAP/file   to/missing/ : E7-BADSLASH
cp    $PARENTCAP/dir to/missing/ : E4-NEED-R
cp -r $PARENTCAP/dir to/missing/ : to/missing/dir/file
cp    $DIRCAP        to/missing/ : E4-NEED-R
cp -r $DIRCAP        to/missing/ : to/missing/file
cp    $DIRALIAS      to/missing/ : E4-NEED-R
cp -r $DIRALIAS      to/missing/ : to/missing/file

# multiple things to a missing target: should mkdir
cp    $DIRCAP/file $PARENTCAP/dir2/file2 to/missing : to/missing/file,to/missing/file2
cp -r $DIRCAP/file $PARENTCAP/dir2/file2 to/missing : to/missing/file,to/missing/file2
cp    $DIRCAP/file $FILECAP              to/missing : E2-DESTNAME
cp -r $DIRCAP/file $FILECAP              to/missing : E2-DESTNAME
cp    $DIRCAP $FILECAP                   to/missing : E4-NEED-R
cp -r $DIRCAP $FILECAP                   to/missing : E2-DESTNAME
      # namedfile, unnameddir, nameddir
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to/missing : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to/missing : to/missing/file3,to/missing/file,to/missing/dir2/file2
      # namedfile, unnameddir, nameddir, unnamedfile
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to/missing : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to/missing : E2-DESTNAME

cp    $DIRCAP/file $PARENTCAP/dir2/file2 to/missing/ : to/missing/file,to/missing/file2
cp -r $DIRCAP/file $PARENTCAP/dir2/file2 to/missing/ : to/missing/file,to/missing/file2
cp    $DIRCAP/file $FILECAP           to/missing/    : E2-DESTNAME
cp -r $DIRCAP/file $FILECAP           to/missing/    : E2-DESTNAME
cp    $DIRCAP $FILECAP                to/missing/    : E4-NEED-R
cp -r $DIRCAP $FILECAP                to/missing/    : E2-DESTNAME
      # namedfile, unnameddir, nameddir
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to/missing/ : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2          to/missing/ : to/missing/file3,to/missing/file,to/missing/dir2/file2
      # namedfile, unnameddir, nameddir, unnamedfile
cp    $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to/missing/ : E4-NEED-R
cp -r $PARENTCAP/dir3/file3 $DIRCAP $PARENTCAP/dir2 $FILECAP to/missing/ : E2-DESTNAME

# make sure empty directories are copied too
cp -r $PARENTCAP/dir4 to  : to/dir4/emptydir/
cp -r $PARENTCAP/dir4 to/ : to/dir4/emptydir/

# name collisions should cause errors, not overwrites
cp -r $PARENTCAP/dir6/dir $PARENTCAP/dir5/dir to : E9-COLLIDING-TARGETS
cp -r $PARENTCAP/dir5/dir $PARENTCAP/dir6/dir to : E9-COLLIDING-TARGETS
cp -r $DIRCAP6 $DIRCAP5 to : E9-COLLIDING-TARGETS
cp -r $DIRCAP5 $DIRCAP6 to : E9-COLLIDING-TARGETS
"""


def parse_table(text: str) -> list[tuple[int, str, frozenset[str]]]:
    """(number, command, expected) for each line `cp [-r] ARGS : EXPECTED[,EXPECTED]`."""
    cases = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        command, expected = line.split(":")
        cases.append((len(cases) + 1, command.strip(), frozenset(expected.strip().split(","))))
    return cases


CASES = parse_table(COPYOUT_TABLE)


def test_table_holds_all_102_upstream_cases():
    assert len(CASES) == 102
    assert sum(1 for _, _, exp in CASES if any(e.startswith("E") for e in exp)) == 67


def _case_id(case: tuple[int, str, frozenset[str]]) -> str:
    number, command, _ = case
    return f"{number:03d}-" + "_".join(command.replace("$", "").split())


def _prepare(to: Path, target: str) -> set[str]:
    """A fresh `to/` (with `to/existing-file` when the case names it); answers what is there."""
    to.mkdir()
    if target.rstrip("/") == "to/existing-file":
        (to / "existing-file").write_bytes(EXISTING_CONTENTS)
    return copyout_results(to)


def _parse(command: str, tree: CopyOutTree, base: Path) -> tuple[bool, list[str], str, str]:
    words = command.split()
    assert words[0] == "cp"
    recursive = words[1] == "-r"
    args = [tree.substitute(w) for w in words[(2 if recursive else 1) :]]
    target = args.pop()
    assert target == "to" or target.startswith("to/")
    local_target = str(base / target.rstrip("/")) + ("/" if target.endswith("/") else "")
    return recursive, args, target, local_target


def _is_file_to_file(sources: list[str], expected: frozenset[str], target: str) -> bool:
    return len(sources) == 1 and expected == {target}


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_copyout_case_through_cli(case, copyout_tree: CopyOutTree, copyout_node_dir: NodeDir, tmp_path: Path):
    number, command, expected = case
    recursive, sources, target, local_target = _parse(command, copyout_tree, tmp_path)
    before = _prepare(tmp_path / "to", target)

    argv = ["-d", str(copyout_node_dir.path)] + (["-r"] if recursive else []) + sources + [local_target]
    run = run_cp_in_process(argv)

    assert "Traceback" not in run.err, str(run)
    assert "URI:" not in run.out + run.err, f"a cap was shown:\n{run}"
    got = copyout_results(tmp_path / "to")
    (code,) = expected if len(expected) == 1 else (None,)
    if code in E_TEXTS:
        assert run.rc == 1, f"case {number} ({command}) should fail with {code}\n{run}"
        assert run.out == "", str(run)
        assert error_code_of(run.err) == code, f"case {number} ({command}): want {code}\n{run}"
        assert got == before, f"case {number}: an error must leave the target untouched"
    else:
        assert run.rc == 0, f"case {number} ({command}) should succeed\n{run}"
        assert got == with_parents(expected), f"case {number} ({command})"
        one = _is_file_to_file(sources, expected, target)
        assert run.out == ("Success: file copied\n" if one else "Success: files copied\n"), str(run)
        assert run.err == "", str(run)


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_copyout_case_through_api(case, copyout_tree: CopyOutTree, session_client: GridClient, tmp_path: Path):
    number, command, expected = case
    recursive, sources, target, local_target = _parse(command, copyout_tree, tmp_path)
    before = _prepare(tmp_path / "to", target)

    result = run_copy_api(
        sources,
        local_target,
        client=session_client,
        aliases={copyout_tree.alias: copyout_tree.dircap},
        recursive=recursive,
    ).result

    got = copyout_results(tmp_path / "to")
    (code,) = expected if len(expected) == 1 else (None,)
    if code in E_TEXTS:
        assert result.error, f"case {number} ({command}) should fail with {code}; got {result!r}"
        assert error_code_of(result.error) == code, f"case {number} ({command}): want {code}, got {result.error!r}"
        assert "URI:" not in result.error and "Traceback" not in result.error
        assert result.exit_code == 1
        assert not result.items or not (result.copied or result.linked), "nothing may be copied after an error"
        assert got == before, f"case {number}: an error must leave the target untouched"
    else:
        assert result.error is None and result.ok, f"case {number} ({command}): {result!r}"
        assert got == with_parents(expected), f"case {number} ({command})"
        one = _is_file_to_file(sources, expected, target)
        assert result.success_message == ("file copied" if one else "files copied")
        assert result.exit_code == 0
        # every file written is accounted for as copied (grid -> local always moves bytes)
        n_files = sum(1 for e in expected if not e.endswith("/"))
        assert len(result.copied) == n_files, result.items
        assert not result.linked and not result.failed
