"""Bad input: clear errors with file and place, never a traceback; the CLI and the docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.imports.conftest import DATA
from tests.imports.tf_plan import resource, write_plan

from archdraw.cli.main import run
from archdraw.imports import import_files, load_mapping
from archdraw.imports.docs import main as docs_main
from archdraw.imports.docs import with_tables
from archdraw.library import Library
from archdraw.lint import lint_design as lint
from archdraw.source import Limits, SourceError

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("deep.yaml", "services:\n  a:\n    x: " + "[" * 200 + "]" * 200 + "\n", "nesting deeper"),
        (
            "bomb.drawio",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><mxfile/>',
            "DOCTYPE",
        ),
        ("plan.json", '{"format_version": "1.2",\n "planned_values": [}', "malformed JSON"),
        ("notes.txt", "just: some\nyaml: here\n", "cannot tell the format"),
        ("bad.yaml", "services:\n  a: [\n", "malformed YAML"),
        ("tagged.yaml", "services:\n  a: !!python/object:os.system ls\n", "not allowed"),
        (
            "page.drawio",
            "<mxfile><diagram>!!!notbase64</diagram></mxfile>",
            "compressed draw.io page",
        ),
    ],
)
def test_bad_input_is_a_clear_error(
    tmp_path: Path, library: Library, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        import_files([path], library, user_mappings=False)
    assert message in str(error.value)
    assert all(problem.path == str(path) for problem in error.value.problems)


def test_size_limit_applies(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(
        "services:\n" + "".join(f"  s{i}: {{image: nginx}}\n" for i in range(200)), encoding="utf-8"
    )
    with pytest.raises(SourceError, match="over the limit"):
        import_files([path], library, limits=Limits(max_bytes=1000), user_mappings=False)


def test_a_bad_mapping_file_names_its_line(tmp_path: Path, library: Library) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "images:\n  by_image:\n    - {match: [x], type: spaceship}\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as error:
        load_mapping(library, [mapping])
    assert str(error.value.problems[0]).startswith(f"{mapping}:3:") and "spaceship" in str(
        error.value
    )


def test_cli_imports_validates_and_lints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shop.archdraw.yaml"
    files = [
        str(DATA / "compose" / "docker-compose.yml"),
        str(DATA / "compose" / "docker-compose.prod.yml"),
    ]
    assert run(["import", *files, "-o", str(out), "--no-user-types"]) == 0
    assert "imported 9 components" in capsys.readouterr().out
    assert run(["validate", str(out)]) == 0
    assert run(["import", str(tmp_path / "missing.yml")]) == 2
    assert "missing.yml:1:1: cannot read" in capsys.readouterr().err


def test_cli_page_and_profile_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "detail.archdraw.yaml"
    pages = str(DATA / "drawio" / "two-pages.drawio")
    assert run(["import", pages, "--page", "Checkout detail", "-o", str(out)]) == 0
    report = capsys.readouterr().out
    assert "pages: 'Overview', 'Checkout detail' (imported)" in report
    assert "Payments" in out.read_text(encoding="utf-8")
    assert run(["import", pages, "--page", "9"]) == 2
    assert "no page '9' in this file" in capsys.readouterr().err
    compose = str(DATA / "compose-extends" / "compose.yaml")
    assert run(["import", compose, "--profile", "", "-o", str(out)]) == 0
    assert "service in profile debug (not active)" in capsys.readouterr().out
    assert run(["import", compose, "--profile", "debug", "-q", "-o", str(out)]) == 0
    assert "mailhog" in out.read_text(encoding="utf-8")
    assert run(["import", pages, "--profile", "debug"]) == 2
    assert "--profile applies to Compose files only" in capsys.readouterr().err


def test_cli_error_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("{", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "archdraw", "import", str(bad)], capture_output=True, text=True
    )
    assert (
        done.returncode == 2 and "Traceback" not in done.stderr and "malformed JSON" in done.stderr
    )


def test_typical_stack_lints_as_a_reviewer_expects(library: Library) -> None:
    """Web, API, Postgres, Redis, a worker on RabbitMQ: single instances, no dead-letter
    queue, a database without backups; and no finding that rests only on a guess."""
    files = [DATA / "compose" / "docker-compose.yml"]
    design = import_files(files, library, user_mappings=False).design
    findings = lint(design, library)
    # AD101 asks about unstated instance counts once, naming the others (related).
    about = {(f.code, r.element) for f in findings for r in f.related}
    found = {(f.code, f.component or f.link) for f in findings}
    assert {
        ("AD101", "api"),
        ("AD101", "db"),
        ("AD202", "rabbitmq"),
        ("AD104", "db"),
    } <= found | about
    # A type guessed from a name changes no finding: typed as a plain service instead, the
    # design raises the same findings (AD607 aside, which asks to confirm the guess).
    plain = design.model_copy(deep=True)
    for element in plain.imported.unconfirmed_guesses():  # type: ignore[union-attr]
        if element.component:
            plain.component(element.component).type = "service"  # type: ignore[union-attr]
    without_guess = {(f.code, f.component or f.link) for f in lint(plain, library)}
    assert {x for x in found if x[0] != "AD607"} == {x for x in without_guess if x[0] != "AD607"}
    # A guessed link never makes a type-specific finding by itself: confirm every guess, and
    # the findings (AD607 aside) are the same set.
    for element in design.imported.elements:  # type: ignore[union-attr]
        element.confirmed = True
    confirmed = {(f.code, f.component or f.link) for f in lint(design, library)}
    assert found - {x for x in found if x[0] == "AD607"} == confirmed


def test_readme_import_tables_are_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert with_tables(readme) == readme, "run: python -m archdraw.imports.docs README.md"


def test_readme_settings_table_names_the_attribute_that_names_the_box() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "| `aws_route53_record` | `alias.name` | failover from" in with_tables(readme)
    assert "| `None` |" not in with_tables(readme)


def test_docs_check_fails_on_stale_tables_and_writes_nothing(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tables = readme.index("<!-- import-tables:begin")
    stale = readme[:tables] + readme[tables:].replace("| `", "| `x", 1)
    path = tmp_path / "README.md"
    path.write_text(stale, encoding="utf-8")
    assert docs_main(["--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == stale
    assert docs_main([str(path)]) == 0
    assert docs_main(["--check", str(path)]) == 0
    assert docs_main(["--check", str(tmp_path / "missing.md")]) == 2


def test_readme_override_example_is_a_valid_mapping(tmp_path: Path, library: Library) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Overriding the mapping") :]
    example = section[
        section.index("```yaml") + 7 : section.index("```", section.index("```yaml") + 7)
    ]
    path = tmp_path / "override.yaml"
    path.write_text(example, encoding="utf-8")
    mapping = load_mapping(library, [path])
    assert mapping.first("images.by_image", "mycorp/billing-db-2").get("type") == "database"  # type: ignore[union-attr]
    assert yaml.safe_load(example)["terraform"]["providers"]["google"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "docker-compose.yml",
            "x-built: 1733616000000\nservices:\n  web:\n    image: myorg/web\n"
            "    shm_size: 20000000000000\n    deploy: {replicas: 20000000000000}\n",
        ),
        (
            "k8s.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
            "  replicas: 20000000000000\n  progressDeadlineSeconds: 99999999999999\n"
            "  template: {spec: {containers: [{name: web, image: myorg/web}]}}\n",
        ),
    ],
)
def test_numbers_no_design_holds_in_fields_of_another_tool_do_not_refuse_the_file(
    tmp_path: Path, library: Library, name: str, text: str
) -> None:
    """Epoch milliseconds, sizes in bytes: numbers over a trillion are another tool's own
    business; the import goes on, and one the design would hold is left out and reported
    (the design written must load)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_files([path], library, user_mappings=False)
    [web] = result.design.components
    assert "replicas" not in web.props
    assert any("web: replicas = 20000000000000 not used" in u for u in result.block.unresolved)


def test_a_terraform_plan_with_numbers_over_a_trillion_imports(
    tmp_path: Path, library: Library
) -> None:
    plan = write_plan(
        tmp_path / "plan.json",
        [
            resource("aws_db_instance.db", {"engine": "postgres", "allocated_storage": 1e13}),
            resource("aws_s3_bucket.b", {"bucket": "b", "created_ms": 1733616000000}),
        ],
    )
    result = import_files([plan], library, user_mappings=False)
    assert {c.type for c in result.design.components} == {"database", "object_storage"}
