"""A model we run ourselves (`managed: false` on an `llm`) is paid by the GPU hour, not by the
token: AD506 says a repeated prompt takes its GPUs' time, and AD701 (an uncapped per-token
bill over the budget) does not judge it, nor a hosted endpoint billed by the hour
(`price_per_hour`), whose AD503 and AD506 speak of capacity, not cost. A hosted model billed by the
token keeps the per-token words."""

from __future__ import annotations

from archdraw.library import builtin_library
from archdraw.lint import Finding, lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetProperties

DESIGN = """archdraw: 1
name: chat on a budget
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: chat, type: service, props: {replicas: 2}}
  - {id: hosted, type: llm, props: {model: gpt-4o, tokens_in: 2000, tokens_out: 500}}
  - id: local
    type: llm
    props: {managed: false, replicas: 2, price_per_hour: 4.1, tokens_in: 2000, tokens_out: 500}
  - {id: bare, type: llm, props: {managed: false, replicas: 2}}
links:
  - {from: web, to: chat}
  - {from: chat, to: hosted}
  - {from: chat, to: local}
  - {from: chat, to: bare}
cost: {budget_month: 1000, average_load: 0.4}
"""


def by_code(load_text, text: str, code: str) -> dict[str, Finding]:  # type: ignore[no-untyped-def]
    loaded = load_text(text)
    found = lint_design(loaded.design, builtin_library(), loaded.locations)
    return {str(f.component): f for f in found if f.code == code}


def test_a_self_hosted_model_is_not_judged_as_an_uncapped_token_bill(load_text) -> None:  # type: ignore[no-untyped-def]
    """The wrong verdicts this guards against: "'local' costs $5,986/month at the stated
    traffic (`model` not stated: assuming the library default `model: gpt-4o` ...) ... and
    nothing caps its tokens" on 2 GPUs billed by the hour, and a per-token figure for one
    whose GPUs have no price."""
    found = by_code(load_text, DESIGN, "AD701")
    assert set(found) == {"hosted"}
    assert found["hosted"].message.endswith("and nothing caps its tokens")
    # Run by a provider and billed by the token, the same model is a token bill again.
    hosted = DESIGN.replace("managed: false, replicas: 2, price_per_hour: 4.1, ", "")
    assert set(by_code(load_text, hosted, "AD701")) == {"hosted", "local"}


def test_a_hosted_endpoint_billed_by_the_hour_has_no_token_bill(load_text) -> None:  # type: ignore[no-untyped-def]
    """The wrong verdict this guards against: "'local' costs $2,993/month at the stated
    traffic (`model` not stated: assuming the library default `model: gpt-4o` ...), over the
    design's budget of $1,000, and nothing caps its tokens" on a provider's endpoint billed by
    the hour (provisioned throughput): its bill is its hours, which no token cap lowers."""
    hourly = DESIGN.replace("managed: false, replicas: 2, price", "price")
    assert set(by_code(load_text, hourly, "AD701")) == {"hosted"}
    found = by_code(load_text, hourly, "AD503")
    assert found["hosted"].message.endswith("its cost is unbounded")
    local = found["local"].message
    assert "billed by the hour" in local and "not its cost but its capacity" in local
    repeated = by_code(load_text, hourly, "AD506")["local"].message
    assert "take its capacity from other requests" in repeated and "price" not in repeated


def test_a_repeated_prompt_takes_a_self_hosted_models_gpu_time(load_text) -> None:  # type: ignore[no-untyped-def]
    found = by_code(load_text, DESIGN, "AD506")
    hosted = found["hosted"].message
    assert hosted.endswith("repeated prompts pay full price and latency every time")
    for model in ("local", "bare"):
        message = found[model].message
        assert f"the self-hosted LLM '{model}'" in message and "GPUs' time" in message
        assert "price" not in message


def test_a_session_follows_managed_on_the_model(load_text) -> None:  # type: ignore[no-untyped-def]
    library = builtin_library()
    loaded = load_text(DESIGN)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    seen = []
    for edit in (
        SetProperties("local", {"managed": True, "price_per_hour": None}),
        SetProperties("local", {"managed": None, "replicas": None}),
        SetProperties("local", {"price_per_hour": 40.0}),  # an hourly endpoint: no token bill
        SetProperties("local", {"managed": False}),
    ):
        document.apply(edit)
        full = lint_design(document.design, library, locations)
        got = session.lint(document.design, locations)
        key = [(f.code, f.severity, f.component, f.message) for f in full]
        assert [(f.code, f.severity, f.component, f.message) for f in got] == key
        seen.append(sorted(str(f.component) for f in full if f.code == "AD701"))
    assert seen == [["hosted", "local"], ["hosted", "local"], ["hosted"], ["hosted"]]
