"""The price book: cloud list prices and LLM token prices, as shipped data with overrides.

Shipped data lives in `component_library/prices/` (`cloud.yaml`: provider, region,
currency, the date the prices were taken, their sources, a price per key and the
keys each component type is billed with; `llm.yaml`: a snapshot of an open LLM
price list with its version and licence). A user's `archdraw/prices/*.yaml` files
(same shapes) replace entries of the shipped ones, and a design's `cost.prices`
replaces single prices by key (`vm.general`, `gpt-4o.input_per_mtok`). Nothing is
fetched: `archdraw prices update --from FILE` writes a new snapshot by hand.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archdraw.library import builtin_library_dir
from archdraw.source import Limits, Locations, SourceError, read_yaml
from archdraw.source.numbers import clip
from archdraw.source.printable import plural

CLOUD_FILE = "cloud.yaml"
LLM_FILE = "llm.yaml"
UNITS = ("replica-hour", "gb-month", "request", "gb")
BILLING_KEYS = ("compute", "storage", "requests", "transfer")


class PriceError(Exception):
    """A price file that cannot be used: names the file and the cause."""


@dataclass(frozen=True)
class Price:
    key: str
    price: float
    unit: str
    what: str
    origin: str  # "table" (shipped), a user file's path, or "design"


@dataclass(frozen=True)
class ModelPrice:
    name: str
    input_per_mtok: float
    output_per_mtok: float
    origin: str


@dataclass(frozen=True)
class Billing:
    """How one component type is billed: price keys by kind, whether storage is per copy, and
    whether its compute price is one service's hour (a load balancer's), which a service the
    provider runs keeps, rather than one machine's, which it does not."""

    compute: str | None = None
    storage: str | None = None
    requests: str | None = None
    transfer: str | None = None
    per_copy: bool = False
    service_hour: bool = False
    # How one we run ourselves is billed, for a type whose prices are a provider's service
    # (a queue priced as SQS): per machine the analysis counts, not per request.
    self_run: Billing | None = None


@dataclass
class PriceBook:
    provider: str
    region: str
    currency: str
    taken: str
    hours_per_month: float
    sources: list[str]
    prices: dict[str, Price]
    types: dict[str, Billing]
    models: dict[str, ModelPrice]
    default_models: dict[str, str]
    llm_source: str
    llm_version: str
    llm_licence: str
    llm_taken: str
    overridden: list[str] = field(default_factory=list)  # keys replaced by user or design
    rejected: list[str] = field(default_factory=list)  # the design's unusable price keys

    def with_design_prices(self, overrides: Mapping[str, float]) -> PriceBook:
        """A copy where the design's `cost.prices` replace entries; unusable ones are listed
        in `rejected` (lint reports them as AD703) and change nothing."""
        book = replace(self, prices=dict(self.prices), models=dict(self.models))
        book.overridden = list(self.overridden)
        book.rejected = []
        for key, value in overrides.items():
            try:
                book.override(key, float(value), "design")
            except PriceError as error:
                book.rejected.append(str(error))
        return book

    def override(self, key: str, value: float, origin: str) -> None:
        if not math.isfinite(value) or value < 0:
            raise PriceError(f"{origin}: price {key!r} must be a number of 0 or more, got {value}")
        model, _, part = key.rpartition(".")
        if key in self.prices:
            self.prices[key] = replace(self.prices[key], price=value, origin=origin)
        elif part in ("input_per_mtok", "output_per_mtok") and model:
            known = self.models.get(model, ModelPrice(model, math.nan, math.nan, origin))
            if part == "input_per_mtok":
                self.models[model] = replace(known, input_per_mtok=value, origin=origin)
            else:
                self.models[model] = replace(known, output_per_mtok=value, origin=origin)
        else:
            raise PriceError(
                f"{origin}: unknown price key {key!r} (one of {', '.join(sorted(self.prices))}, "
                "or MODEL.input_per_mtok and MODEL.output_per_mtok)"
            )
        self.overridden.append(key)


@functools.cache
def shipped_prices() -> PriceBook:
    """The shipped price book alone (read once per process; callers copy before changing it)."""
    return load_prices()


def prices_dir() -> Path:
    return builtin_library_dir() / "prices"


def user_prices_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("archdraw")) / "prices"


@dataclass(frozen=True)
class _File:
    """A price file read by the bounded reader, so every complaint names file:line:col."""

    path: Path
    data: dict[str, Any]
    locations: Locations

    def at(self, *keys: str | int) -> str:
        line, column = self.locations.of(keys)
        return f"{self.path}:{line}:{column}"


# Price files are small tables; a larger one is not a price file.
_LIMITS = Limits(max_bytes=4 * 1024 * 1024)


def _read(path: Path) -> _File:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PriceError(f"{path}: cannot read: {error.strerror}") from None
    try:
        data, locations = read_yaml(raw, str(path), _LIMITS)
    except SourceError as error:
        more = len(error.problems) - 1
        raise PriceError(
            str(error.problems[0]) + (f" (and {plural(more, 'more problem')})" if more else "")
        ) from None
    if not isinstance(data, dict):
        raise PriceError(f"{path}:1:1: a price file must be a mapping")
    return _File(path, data, locations)


def _number(src: _File, keys: tuple[str, ...], value: object) -> float:
    where = f"{src.at(*keys)}: {'.'.join(keys)}"
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PriceError(f"{where}: expected a number, got {clip(repr(value))}")
    if value < 0:
        raise PriceError(f"{where}: a price cannot be negative, got {value!r}")
    return float(value)


def _mapping(src: _File, key: str) -> dict[str, Any]:
    value = src.data.get(key) or {}
    if not isinstance(value, dict):
        raise PriceError(f"{src.at(key)}: '{key}' must be a mapping")
    return value


def _prices(src: _File, origin: str) -> dict[str, Price]:
    found: dict[str, Price] = {}
    for key, entry in _mapping(src, "prices").items():
        if not isinstance(entry, dict):
            raise PriceError(
                f"{src.at('prices', key)}: prices.{key}: expected {{price, unit, what}}"
            )
        unit = entry.get("unit")
        if unit not in UNITS:
            raise PriceError(
                f"{src.at('prices', key, 'unit')}: prices.{key}.unit: one of {', '.join(UNITS)}, "
                f"got {clip(repr(unit))}"
            )
        price = _number(src, ("prices", key, "price"), entry.get("price"))
        found[str(key)] = Price(str(key), price, str(unit), str(entry.get("what", key)), origin)
    return found


def _billing(src: _File, prices: Iterable[str]) -> dict[str, Billing]:
    known = set(prices)
    found: dict[str, Billing] = {}
    for type_id, entry in _mapping(src, "types").items():
        found[str(type_id)] = _one_billing(src, ("types", str(type_id)), entry, known)
    return found


def _one_billing(
    src: _File, path: tuple[str | int, ...], entry: object, known: set[str]
) -> Billing:
    name = ".".join(str(part) for part in path)
    if not isinstance(entry, dict):
        raise PriceError(f"{src.at(*path)}: {name}: expected a mapping")
    keys = {key: entry.get(key) for key in BILLING_KEYS}
    for key, value in keys.items():
        if value is not None and (not isinstance(value, str) or value not in known):
            raise PriceError(
                f"{src.at(*path, key)}: {name}.{key}: no price named {clip(repr(value))}"
            )
    own = entry.get("self_run")
    if own is not None and len(path) > 2:
        raise PriceError(f"{src.at(*path, 'self_run')}: {name}.self_run: not inside self_run")
    return Billing(
        **keys,
        per_copy=entry.get("per_copy") is True,
        service_hour=entry.get("service_hour") is True,
        self_run=None if own is None else _one_billing(src, (*path, "self_run"), own, known),
    )


def _models(src: _File, origin: str) -> dict[str, ModelPrice]:
    found: dict[str, ModelPrice] = {}
    for name, entry in _mapping(src, "models").items():
        if not isinstance(entry, dict):
            raise PriceError(
                f"{src.at('models', name)}: models.{name}: "
                "expected {input_per_mtok, output_per_mtok}"
            )
        found[str(name)] = ModelPrice(
            str(name),
            _number(src, ("models", name, "input_per_mtok"), entry.get("input_per_mtok")),
            _number(src, ("models", name, "output_per_mtok"), entry.get("output_per_mtok", 0)),
            origin,
        )
    return found


def _text_list(src: _File, key: str) -> list[str]:
    value = src.data.get(key) or []
    if not isinstance(value, list):
        raise PriceError(f"{src.at(key)}: '{key}' must be a list")
    return [str(item) for item in value]


def load_prices(directory: Path | None = None, user_dir: Path | None = None) -> PriceBook:
    """The shipped price book, with the user's price files (if any) laid over it."""
    directory = directory or prices_dir()
    cloud, llm = _read(directory / CLOUD_FILE), _read(directory / LLM_FILE)
    prices = _prices(cloud, "table")
    about, llm_about = cloud.data, llm.data
    book = PriceBook(
        provider=str(about.get("provider", "?")),
        region=str(about.get("region", "?")),
        currency=str(about.get("currency", "USD")),
        taken=str(about.get("taken", "?")),
        hours_per_month=_number(cloud, ("hours_per_month",), about.get("hours_per_month", 730)),
        sources=_text_list(cloud, "sources"),
        prices=prices,
        types=_billing(cloud, prices),
        models=_models(llm, "table"),
        default_models={str(k): str(v) for k, v in _mapping(llm, "defaults").items()},
        llm_source=str(llm_about.get("source", "?")),
        llm_version=str(llm_about.get("version", "?")),
        llm_licence=str(llm_about.get("licence", "?")),
        llm_taken=str(llm_about.get("taken", "?")),
    )
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.y*ml")):
            _lay_over(book, _read(path))
    return book


def _lay_over(book: PriceBook, src: _File) -> None:
    origin = str(src.path)
    stated = src.data.get("currency")
    if stated is not None and str(stated) != book.currency:
        # Its prices would be added to the book's as if they were the same money.
        raise PriceError(
            f"{src.at('currency')}: currency {clip(repr(stated))} differs from the price "
            f"book's {book.currency}: write this file's prices in {book.currency}"
        )
    for key, price in _prices(src, origin).items():
        book.prices[key] = price
        book.overridden.append(key)
    book.types.update(_billing(src, book.prices))
    for name, model in _models(src, origin).items():
        book.models[name] = model
        book.overridden.append(f"{name}.*")
    data = src.data
    if data.get("models"):
        book.llm_source = str(data.get("source", origin))
        book.llm_version = str(data.get("version", "?"))
        book.llm_licence = str(data.get("licence", book.llm_licence))
        book.llm_taken = str(data.get("taken", "?"))
