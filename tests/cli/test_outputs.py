"""`-o` never destroys an input or a special file; `-` and /dev/stdout mean stdout (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from archdraw.cli.main import run


@pytest.mark.parametrize(
    "command", [["export", "-f", "dot"], ["export", "-f", "png"], ["lint", "--format", "json"]]
)
def test_output_over_an_input_is_refused(
    good_file: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = good_file.read_bytes()
    link = good_file.with_name("hard.archdraw.yaml")
    os.link(good_file, link)
    for target in (good_file, link):
        assert run([*command, "--no-user-types", str(good_file), "-o", str(target)]) == 2
        assert "is an input" in capsys.readouterr().err
    assert good_file.read_bytes() == before


def test_out_dir_collisions_are_refused_before_writing(
    tmp_path: Path, good_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "b" / good_file.name
    other.parent.mkdir()
    other.write_bytes(good_file.read_bytes())
    out = tmp_path / "out"
    assert run(["export", "-f", "dot", str(good_file), str(other), "--out-dir", str(out)]) == 2
    assert "would all be written to" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("command", [["export", "-f", "mermaid"], ["lint"], ["schema"]])
def test_a_fifo_is_written_not_replaced(
    tmp_path: Path, good_file: Path, command: list[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    inputs = [] if command == ["schema"] else [str(good_file)]
    status = run([*command, "--no-user-types", *inputs, "-o", str(fifo)])
    reader.join(timeout=30)
    assert status in (0, 1)
    assert fifo.is_fifo()
    assert received and received[0].strip()


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
@pytest.mark.parametrize("command", [["export", "-f", "d2"], ["lint", "--format", "json"]])
def test_dash_and_dev_stdout_write_to_stdout(
    good_file: Path, target: str, command: list[str]
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archdraw",
            *command,
            "--no-user-types",
            str(good_file),
            "-o",
            target,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.strip()
    assert b"Traceback" not in done.stderr


def test_a_symlink_loop_is_a_clear_error(
    tmp_path: Path, good_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.svg"
    loop.symlink_to(tmp_path / "loop2.svg")
    (tmp_path / "loop2.svg").symlink_to(loop)
    for command in (["export", "-f", "svg"], ["lint"]):
        assert run([*command, "--no-user-types", str(good_file), "-o", str(loop)]) == 2
        err = capsys.readouterr().err
        assert "loop of symbolic links" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_import_writes_into_a_fifo_not_over_it(tmp_path: Path) -> None:
    """`import -o /dev/null` once replaced the system's /dev/null with a regular file (as
    root): every writer of a design now writes into a device or a pipe (`write_atomic`)."""
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    status = run(["import", str(compose), "-o", str(fifo)])
    reader.join(timeout=30)
    assert status == 0
    assert fifo.is_fifo()
    assert received and b"archdraw:" in received[0]
