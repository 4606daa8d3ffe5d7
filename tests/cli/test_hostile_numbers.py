"""Numbers no design can mean are refused at load with file:line, by every command;
a crash anywhere is exit 3 with a short message, never a traceback or exit 1 (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archdraw.cli.main import run

DESIGN = """\
archdraw: {version}
name: n
components:
  - {{id: u, type: client, props: {{rps: {rps}}}}}
  - {{id: a, type: service, props: {{capacity_rps: 100, replicas: {replicas}}}}}
links:
  - {{from: u, to: a}}
"""
HUGE = {
    "hex": "0x" + "f" * 4400,
    "octal": "0" + "7" * 4400,
    "binary": "0b" + "1" * 9000,
    "decimal": "9" * 4400,
    "sexagesimal": "1" + ":59" * 3000,
    "underscored": "1" + "_000" * 2000,
    "400 digits": "1" + "0" * 400,
    "infinity": ".inf",
    "minus infinity": "-.inf",
    "not a number": ".nan",
    "overflowing float": "1e400",
    "a quadrillion": "1e15",
}
COMMANDS = (
    ["validate"],
    ["lint", "--format", "json"],
    ["analyze"],
    ["export", "-f", "dot", "-o", "-", "--findings"],
    ["export", "-f", "svg", "-o", "-", "--findings"],
)


def _write(tmp_path: Path, version: str = "1", rps: str = "10", replicas: str = "2") -> Path:
    path = tmp_path / "n.archdraw.yaml"
    path.write_text(DESIGN.format(version=version, rps=rps, replicas=replicas), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["rps", "replicas"])
@pytest.mark.parametrize("number", sorted(HUGE))
def test_absurd_numbers_are_invalid_input_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, where: str
) -> None:
    path = _write(tmp_path, **{where: HUGE[number]})
    line = 4 if where == "rps" else 5
    for command in COMMANDS:
        assert run([*command, "--no-user-types", str(path)]) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(f"{path}:{line}:"), (command, err[:300])
        assert "Traceback" not in err and "set_int_max_str_digits" not in err
        assert len(err) < 400, err[:400]


@pytest.mark.parametrize("version", ["9" * 5000, "0x" + "f" * 5000, "99999999999999999999"])
def test_huge_format_versions_are_short_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str
) -> None:
    path = _write(tmp_path, version=version)
    assert run(["validate", "--no-user-types", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:1:")
    assert "set_int_max_str_digits" not in err and len(err) < 400


def test_largest_plausible_numbers_still_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, rps="1e12")
    for command in COMMANDS:
        assert run([*command, "--no-user-types", str(path)]) in (0, 1), command
    assert "internal error" not in capsys.readouterr().err


def test_a_crash_is_exit_3_with_a_short_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import archdraw.cli.lint as lint_command

    def broken(*args: object, **kwargs: object) -> None:
        raise OverflowError("int too large to convert to float " + "x" * 5000)

    monkeypatch.setattr(lint_command, "lint_design", broken)
    monkeypatch.delenv("ARCHDRAW_TRACEBACK", raising=False)
    path = _write(tmp_path)
    assert run(["lint", "--no-user-types", str(path)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "OverflowError" in err and "report" in err
    assert "Traceback" not in err and len(err) < 600


@pytest.mark.parametrize("seconds", ["inf", "1e400", "nan", "-1", "0", "abc"])
def test_a_layout_time_limit_no_clock_can_mean_is_a_usage_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    seconds: str,
) -> None:
    path = tmp_path / "d.archdraw.yaml"
    path.write_text(DESIGN.format(version=1, rps=10, replicas=1), encoding="utf-8")
    assert run(["layout", str(path), "--timeout", seconds, "-o", "-"]) == 2
    assert "argument --timeout:" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["analyze", "review"])
@pytest.mark.parametrize("growth", ["1e-300", "5e-324", "0.0009"])
def test_a_growth_too_small_to_mean_anything_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, growth: str
) -> None:
    """Not "Growth 1e-300x ... usage $1.6e-295": a factor under a thousandth is refused,
    naming the option and the range it takes."""
    path = _write(tmp_path)
    assert run([command, "--no-user-types", "--growth", growth, str(path)]) == 2
    err = capsys.readouterr().err
    assert "argument --growth: must be a number from 0.001 to 1,000,000" in err, err


def test_a_growth_of_a_thousandth_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    assert run(["analyze", "--no-user-types", "--growth", "0.001", str(path)]) == 0
    assert "Growth 0.001x" in capsys.readouterr().out


def test_minus_zero_reads_as_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """YAML's `-0.0` is zero: no output says "-0/s per client" or "a quota of -0"."""
    path = tmp_path / "n.archdraw.yaml"
    path.write_text(
        DESIGN.format(version=1, rps=100, replicas=2).replace(
            "replicas: 2}", "replicas: 2, rate_limit: -0.0}"
        ),
        encoding="utf-8",
    )
    for command in (["review", "--format", "text"], ["textconv"]):
        flags = [] if command == ["textconv"] else ["--no-user-types"]
        assert run([*command, *flags, str(path)]) in (0, 1), command
        out = capsys.readouterr().out
        assert "rate_limit" in out or "rate limit" in out
        assert not re.search(r"(?<![\w-])-0(?![\d.])", out), command


def test_large_rates_and_factors_are_written_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rate limit of a million is "1,000,000/s", a saturation point "2,000×": not
    "1e+06/s" or "2e+03×"."""
    old, new = tmp_path / "old.archdraw.yaml", tmp_path / "new.archdraw.yaml"
    old.write_text(DESIGN.format(version=1, rps=0.1, replicas=2), encoding="utf-8")
    new.write_text(
        DESIGN.format(version=1, rps=0.2, replicas=2).replace(
            "replicas: 2}", "replicas: 2, rate_limit: 1000000}"
        ),
        encoding="utf-8",
    )
    assert run(["diff", "--no-user-types", str(old), str(new)]) in (0, 1)
    assert "Saturation point (traffic growth): 2,000× (a) → 1,000× (a)\n" in capsys.readouterr().out
    assert run(["review", "--format", "text", "--no-user-types", str(new)]) in (0, 1)
    assert "| 1,000,000/s per client |" in capsys.readouterr().out
    assert run(["analyze", "--no-user-types", str(old)]) == 0
    assert "the first is a at 2,000x." in capsys.readouterr().out


def test_the_smallest_rates_give_no_300_digit_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rps: 1e-300` is a valid number; the factors and times it leads to are said as
    "over 1,000,000,000,000", not written out to 300 digits or as 1e+302x."""
    tiny, sane = _write(tmp_path, rps="1e-300"), tmp_path / "sane.archdraw.yaml"
    sane.write_text(DESIGN.format(version=1, rps=10, replicas=2), encoding="utf-8")
    for command in (["analyze", "--simulate", "--requests", "2000"], ["diff", str(sane)]):
        assert run([command[0], "--no-user-types", *command[1:], str(tiny)]) in (0, 1), command
        out = capsys.readouterr().out
        assert "over 1,000,000,000,000" in out, command
        assert not re.search(r"\d[\d,]{20,}|e\+\d", out), command
