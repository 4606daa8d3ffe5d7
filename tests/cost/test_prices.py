"""The price book: shipped data, user files laid over it, design overrides, updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from archdraw.cli.main import main
from archdraw.cost import PriceError, load_prices
from archdraw.cost.prices import prices_dir


def test_shipped_prices_say_where_and_when_they_come_from() -> None:
    book = load_prices()
    assert (book.provider, book.region, book.currency) == ("AWS", "us-east-1", "USD")
    assert book.taken == "2024-06-01" and book.sources
    assert book.llm_licence == "MIT" and "litellm" in book.llm_source
    assert book.models["gpt-4o-mini"].input_per_mtok == 0.15
    # Every billed type points at prices that exist (the loader checks; this shows it ran).
    assert book.types["database"].compute == "db.instance"


def test_a_user_file_replaces_prices(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "prices:\n  vm.general: {price: 0.05, unit: replica-hour, what: my negotiated rate}\n"
        "models:\n  my-model: {input_per_mtok: 1, output_per_mtok: 2}\n",
        encoding="utf-8",
    )
    book = load_prices(user_dir=tmp_path)
    assert book.prices["vm.general"].price == 0.05
    assert book.prices["vm.general"].origin == str(tmp_path / "mine.yaml")
    assert book.models["my-model"].output_per_mtok == 2
    assert "vm.general" in book.overridden


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("prices: [1, 2]\n", 1, "'prices' must be a mapping"),
        ("prices:\n  x: {price: -1, unit: gb}\n", 2, "a price cannot be negative"),
        ("prices:\n  x: {price: 1, unit: parsec}\n", 2, "prices.x.unit: one of"),
        ("types:\n  service: {compute: nope}\n", 2, "no price named 'nope'"),
        ("types:\n  service:\n    compute: [a, b]\n", 3, "no price named ['a', 'b']"),
        # How a type we run ourselves is billed: the same checks, one level down.
        ("types:\n  queue: {self_run: {compute: nope}}\n", 2, "types.queue.self_run.compute"),
        ("types:\n  queue: {self_run: [vm.general]}\n", 2, "types.queue.self_run: expected"),
        ("types:\n  queue: {self_run: {self_run: {}}}\n", 2, "not inside self_run"),
        ("prices: {a: [\n", 1, "malformed YAML"),
        # Prices in another currency would be added to the book's as the same money.
        ("currency: EUR\nprices:\n  x: {price: 1, unit: gb}\n", 1, "differs from the price"),
        # Hostile files: what the design loader refuses, the price loader refuses the same way.
        ("prices:\n  x: {price: .inf, unit: gb}\n", 2, "not a finite number"),
        ("prices:\n\n  x: {price: 0x" + "f" * 5000 + ", unit: gb}\n", 3, "characters long"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
                for i in range(9)
            ),
            0,
            "alias",
        ),
        ("prices: " + "[" * 10_000 + "\n", 1, "nesting"),
        ("prices: {x: 1}\nprices: {y: 2}\n", 2, "duplicate"),
    ],
)
def test_a_bad_user_file_names_file_line_and_cause(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PriceError) as caught:
        load_prices(user_dir=tmp_path)
    shown = str(caught.value)
    assert shown.startswith(f"{tmp_path / 'bad.yaml'}:{line or ''}"), shown[:300]
    assert message in shown and len(shown) < 500, shown[:300]


def test_a_hostile_price_file_is_exit_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "prices"
    folder.mkdir()
    (folder / "mine.yaml").write_text("models:\n  m: {input_per_mtok: 1e999}\n", encoding="utf-8")
    monkeypatch.setattr("archdraw.cli.prices.user_prices_dir", lambda: folder)
    assert main(["prices"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"archdraw prices: {folder / 'mine.yaml'}:2:") and "Traceback" not in err


def test_unknown_design_keys_are_rejected_not_applied() -> None:
    book = load_prices().with_design_prices({"vm.genral": 0.01, "gpt-4o.input_per_mtok": 1.0})
    assert book.prices["vm.general"].price == 0.096
    assert book.models["gpt-4o"].input_per_mtok == 1.0
    assert len(book.rejected) == 1 and "vm.genral" in book.rejected[0]


def test_update_writes_a_snapshot_from_a_litellm_file(tmp_path: Path) -> None:
    source = tmp_path / "model_prices_and_context_window.json"
    source.write_text(
        json.dumps(
            {
                "sample_spec": {"mode": "one of: chat, embedding"},
                "gpt-4o-mini": {
                    "input_cost_per_token": 1.5e-07,
                    "output_cost_per_token": 6e-07,
                    "litellm_provider": "openai",
                    "mode": "chat",
                },
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "prices"
    code = main(
        ["prices", "update", "--from", str(source), "--models", "gpt-4o-mini", "--to", str(out)]
    )
    assert code == 0
    written = yaml.safe_load((out / "llm.yaml").read_text(encoding="utf-8"))
    assert written["models"] == {
        "gpt-4o-mini": {"input_per_mtok": 0.15, "output_per_mtok": 0.6, "provider": "openai"}
    }
    assert written["version"].startswith("sha256:") and written["source"] == str(source)
    book = load_prices(user_dir=out)
    assert book.llm_version == written["version"]


def test_update_refuses_models_without_prices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "prices.json"
    source.write_text('{"x": {"mode": "image_generation"}}', encoding="utf-8")
    assert (
        main(["prices", "update", "--from", str(source), "--models", "x,y", "--to", str(tmp_path)])
        == 2
    )
    assert "no token prices for x, y" in capsys.readouterr().err


def test_update_reports_bad_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "prices.json"
    source.write_text('{"x": ', encoding="utf-8")
    assert main(["prices", "update", "--from", str(source), "--to", str(tmp_path)]) == 2
    assert f"{source}:1:7: malformed JSON" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('{"m":\n {"input_cost_per_token": 1' + "0" * 5000 + "}}", "2:", "characters long"),
        ('{"m":\n {"input_cost_per_token": NaN}}', "2:", "not a finite number"),
        ('{"m": {"input_cost_per_token": 1e999}}', "1:", "not a finite number"),
        ("[" * 100_000 + "]" * 100_000, "1:", "nesting deeper"),
        ('{"m": "\xff"}', "1:", "not UTF-8"),
    ],
)
def test_update_refuses_a_hostile_price_list_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str, message: str
) -> None:
    source = tmp_path / "prices.json"
    source.write_bytes(text.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    assert main(["prices", "update", "--from", str(source), "--to", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"archdraw prices: {source}:{where}"), err[:300]
    assert message in err and len(err) < 500 and not (tmp_path / "llm.yaml").exists()


def test_prices_show_lists_keys_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "--no-user-types"]) == 0
    out = capsys.readouterr().out
    assert "vm.general" in out and "taken 2024-06-01" in out and "gpt-4o-mini" in out


def test_analyze_cost_json(capsys: pytest.CaptureFixture[str]) -> None:
    sample = str(prices_dir().parents[1] / "sample_designs" / "rag-pipeline.archdraw.yaml")
    assert (
        main(["analyze", sample, "--cost", "--growth", "10", "--format", "json", "--no-user-types"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert "components" in data  # the analysis keys stay
    cost = data["cost"]
    assert cost["planning_estimate"] is True
    assert [at["growth"] for at in cost["at"]] == [1.0, 10.0]
    today = cost["at"][0]
    assert today["total"] == pytest.approx(today["baseline"] + today["usage"])
    assert today["components"]["llm"]["lines"][0]["kind"] == "tokens"


def test_bad_cost_settings_are_named_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.archdraw.yaml"
    bad.write_text(
        "archdraw: 1\nname: x\ncost:\n  budget_month: -5\n  prices: {vm.general: abc}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4:3: 'cost.budget_month' must be at least 0, got -5" in err
    assert f"{bad}:5:12: 'cost.prices' entry 'vm.general' must be a number, got 'abc'" in err


def test_cost_settings_survive_a_save(load_text) -> None:  # type: ignore[no-untyped-def]
    from archdraw.io import dumps

    text = (
        "archdraw: 1\nname: x\ncost:\n  budget_month: 500\n  availability_target: 0.999\n"
        "  average_load: 0.3\n  prices: {gpt-4o.input_per_mtok: 2, vm.general: 0.05}\n"
    )
    assert dumps(load_text(text).design) == text


def test_update_into_a_place_it_cannot_write_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "prices.json"
    source.write_text(
        '{"m": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "mode": "chat"}}',
        encoding="utf-8",
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["prices", "update", "--from", str(source), "--models", "m", "--to", str(blocker)])
    assert code == 2
    assert capsys.readouterr().err.startswith("archdraw prices update: ")
