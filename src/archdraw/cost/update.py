"""`archdraw prices update --from FILE`: a new LLM price snapshot from an open price list.

FILE is a copy of LiteLLM's `model_prices_and_context_window.json` (MIT licence)
or any JSON of the same shape: model name -> {input_cost_per_token,
output_cost_per_token, mode, litellm_provider}. The snapshot keeps only the models
asked for (by default those already in the current snapshot), converts USD per
token to USD per million tokens, and records where it came from and when.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from archdraw.cost.prices import LLM_FILE, PriceError
from archdraw.io.save import write_atomic
from archdraw.source import SourceError, read_json

PRICED_MODES = frozenset({"chat", "completion", "embedding", "responses"})


def _per_mtok(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return round(float(value) * 1e6, 6)


def read_price_list(path: Path) -> tuple[dict[str, Any], str]:
    """The models of a LiteLLM-shaped JSON file, and the file's sha256 (its version)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PriceError(f"{path}: cannot read: {error.strerror}") from None
    try:
        data = read_json(raw, str(path))
    except SourceError as error:
        raise PriceError(str(error.problems[0])) from None
    if not isinstance(data, dict):
        raise PriceError(f"{path}:1:1: expected an object of model name -> prices")
    return data, hashlib.sha256(raw).hexdigest()


def snapshot(
    data: dict[str, Any], version: str, source: str, models: Iterable[str], licence: str
) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    missing = []
    for name in models:
        entry = data.get(name)
        price_in = _per_mtok(entry.get("input_cost_per_token")) if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or price_in is None:
            missing.append(name)
            continue
        mode = entry.get("mode", "chat")
        if not isinstance(mode, str) or mode not in PRICED_MODES:
            missing.append(name)
            continue
        chosen[name] = {
            "input_per_mtok": price_in,
            "output_per_mtok": _per_mtok(entry.get("output_cost_per_token")) or 0.0,
            "provider": str(entry.get("litellm_provider", "?")),
        }
    if missing:
        raise PriceError(f"{source}: no token prices for {', '.join(sorted(missing))}")
    return {
        "source": source,
        "licence": licence,
        "version": version,
        "taken": datetime.date.today().isoformat(),
        "currency": "USD",
        "models": chosen,
    }


def write_snapshot(
    source: Path, target_dir: Path, models: Iterable[str], licence: str = "MIT"
) -> Path:
    data, digest = read_price_list(source)
    written = snapshot(data, f"sha256:{digest[:16]}", str(source), models, licence)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / LLM_FILE
    header = "# Written by `archdraw prices update`; replaces the shipped LLM prices.\n"
    write_atomic(target, (header + yaml.safe_dump(written, sort_keys=False)).encode("utf-8"))
    return target
