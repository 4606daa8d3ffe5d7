"""One component's cost lines: compute, storage, requests, tokens (no Qt).

Each line says what it rests on: `stated` when every input was written in the
file (or in the design's own prices), `default` when one came from the component
library or the price list's default model. A line with a default input carries a
range of half to double its figure, since the default may be far off either way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from archdraw.analysis.instances import DERIVED, Instances, partition_copies, report_basis
from archdraw.analysis.kinds import CACHING_TYPES, TypeFacts, count
from archdraw.analysis.text_table import rate
from archdraw.cost.prices import Billing, PriceBook
from archdraw.library import Library
from archdraw.model import Component
from archdraw.source.printable import plural

BASELINE_KINDS = ("compute", "storage")
USAGE_KINDS = ("requests", "tokens", "transfer")
DEFAULT_RANGE = (0.5, 2.0)
# Token counts assumed when a model component does not state them (library defaults).
DEFAULT_TOKENS_IN = {"llm": 1500, "embedding_model": 200}
DEFAULT_TOKENS_OUT = 400


@dataclass(frozen=True)
class CostLine:
    component: str
    kind: str  # compute | storage | requests | tokens | transfer
    monthly: float | None  # None: unknown (see `unknown`)
    basis: str  # stated | default | derived (from stated rates and prices)
    detail: str
    unknown: str | None = None
    at_least: float = 0.0  # the known part of an unknown usage line

    @property
    def baseline(self) -> bool:
        return self.kind in BASELINE_KINDS

    @property
    def low(self) -> float | None:
        if self.monthly is None:
            return None
        return self.monthly * (DEFAULT_RANGE[0] if self.basis == "default" else 1.0)

    @property
    def high(self) -> float | None:
        if self.monthly is None:
            return None
        return self.monthly * (DEFAULT_RANGE[1] if self.basis == "default" else 1.0)


DEFAULT_AVERAGE_LOAD = 0.4


@dataclass(frozen=True)
class Usage:
    """Peak requests per second reaching a component, or why they are not known.

    Usage is billed on the month's average: the peak times `average_load`.
    """

    rps: float
    unknown: str | None  # "depends on usage: set `rps` on client 'users'"
    average_load: float = DEFAULT_AVERAGE_LOAD
    average_stated: bool = False
    writes: float = 0.0  # the writes it applies per second (its own and replicated): what
    # its `replication` links carry

    def requests(self, hours: float) -> float:
        return self.rps * self.average_load * hours * 3600.0


def per_second(rps: float) -> str:
    """A rate as people write it: 500,000 (not 5e+05), 32, 0.8 (the analysis text's format)."""
    return rate(rps)


# Below a billionth no price or monthly figure means anything (request prices start near
# $0.0000001); a float's digits past the 15th are noise, not money.
_LEAST_MONEY = 1e-9
_FLOAT_DIGITS = 15


def money(value: float, currency: str = "USD") -> str:
    """A figure written out as people write money: $1,544, $12.50, $0.0000004 (never
    $4e-07 or the noise digits of a figure over a quadrillion)."""
    sign = "$" if currency == "USD" else f"{currency} "
    if value >= 10**_FLOAT_DIGITS:
        return f"{sign}{Decimal(f'{value:.{_FLOAT_DIGITS}g}'):,f}"
    if value >= 100:
        return f"{sign}{value:,.0f}"
    if value >= 1:
        return f"{sign}{value:,.2f}"
    if 0 < value < _LEAST_MONEY:
        return f"under {sign}{Decimal(str(_LEAST_MONEY)):f}"
    return f"{sign}{Decimal(f'{value:.4g}'):f}"


def money_range(low: float, high: float, currency: str = "USD", *, joined_by: str = "to") -> str:
    """A range of figures as every cost text writes it, "$1,544 to $6,176"; "" when both
    ends read the same once written, since a range of one figure says nothing."""
    first, last = money(low, currency), money(high, currency)
    return "" if first == last else f"{first} {joined_by} {last}"


def count_basis(component: Component, found: Instances) -> str:
    """The basis of a line that rests on a count: stated, a library default, or derived from
    a stated `zones` or `shards` (a default one makes it a default); one managed service is
    stated when the design says `managed` or `global` itself."""
    if found.basis in DERIVED:
        return "derived" if found.basis in component.props else "default"
    own = component.props
    if found.managed and (own.get("managed") is True or own.get("global") is True):
        return "stated"  # one service because the design says the provider runs it
    return report_basis(found.basis)


@dataclass(frozen=True)
class Copies:
    """Copies of a store's data: each partition's copies on its machines (data roles)."""

    count: int
    basis: str
    note: str  # what the count rests on, for the line's detail ("" when plain)


def stored_copies(component: Component, facts: TypeFacts, found: Instances, billed: int) -> Copies:
    """The copies `billed` machines hold (`archdraw.analysis.instances.partition_copies`): a
    store's shards split its data, so machines over shards copies of each, never fewer than
    one; a stream keeps `replication_factor` copies of each partition, at most one per
    broker."""
    value = facts.values(component).get
    shards = count(value("shards"))
    factor = value("replication_factor")
    copies = partition_copies(
        found._replace(total=billed),
        shards,
        value("replication"),
        factor,
        stated="replication" in component.props,
        cache=component.type in CACHING_TYPES,
    )
    basis = count_basis(component, found)
    if factor is not None:
        return _stream_copies(component, copies, count(factor), billed, shards, basis)
    if copies != max(1, billed // shards) and "replication" not in component.props:
        basis = "default"  # the second copy rests on the type's default `replication`
    if shards == 1:
        return Copies(copies, basis, "")
    note = f" (of each of {shards} shards on {plural(billed, 'instance')})"
    return Copies(copies, basis, note)


def _stream_copies(
    component: Component, copies: int, factor: int, brokers: int, partitions: int, basis: str
) -> Copies:
    """A stream's copies say what they rest on: `replication: none`, its replication factor,
    or its brokers when it has fewer (`basis`: the broker count's)."""
    props = component.props
    stated = "replication" in props
    if copies == 1 and factor > 1 and brokers > 1:
        why = "`replication` none"
    elif copies < factor:
        why = f"replication factor {factor}, but {plural(brokers, 'broker')}"
        stated = stated and basis == "stated"
    else:
        why = f"replication factor {factor}"
        stated = stated and "replication_factor" in props
    of = f"{partitions} partitions" if partitions > 1 else "its partition"
    # Unstated, the count rests on the type's default `replication` or factor.
    return Copies(copies, "stated" if stated else "default", f" (of each of {of}: {why})")


def _stated_number(component: Component, name: str) -> float | None:
    value = component.props.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def compute_line(
    component: Component, book: PriceBook, billing: Billing, found: Instances, billed: int
) -> CostLine | None:
    """Every machine the analysis counts (`found`), or `billed` when re-sized for a growth."""
    own = _stated_number(component, "price_per_hour")
    if own is None and billing.compute is None:
        return None
    hours = book.hours_per_month
    if own is not None:
        price, what = own, "its own price_per_hour"
    else:
        assert billing.compute is not None
        entry = book.prices[billing.compute]
        price, what = entry.price, entry.what
    counted = found.describe()
    if billed != found.total:
        counted = f"{plural(billed, 'instance')} (re-sized for the growth from {counted})"
    detail = f"{counted} x {hours:g} h x {money(price, book.currency)}/h ({what})"
    return CostLine(
        component.id, "compute", billed * hours * price, count_basis(component, found), detail
    )


def as_a_service(billing: Billing) -> Billing:
    """How a service the provider runs is billed: by request and by GB stored, once (its
    price covers the copies it keeps), never at the type's price per machine (an hourly price
    of the whole service, a load balancer's, stays)."""
    return replace(
        billing, compute=billing.compute if billing.service_hour else None, per_copy=False
    )


def service_line(component: Component, book: PriceBook) -> CostLine:
    """The unknown line of a service the provider runs that has no price by request, GB or
    hour: its cost is not the type's per-machine price, and not $0."""
    return CostLine(
        component.id,
        "requests",
        None,
        "default",
        "a service the provider runs",
        unknown=f"no price for a managed '{component.type}' in the {book.provider} table (it "
        "is billed per request or GB, not per machine): set `price_per_request` or "
        "`price_per_hour`",
    )


def storage_line(
    component: Component, book: PriceBook, billing: Billing, copies: Copies
) -> CostLine | None:
    if billing.storage is None:
        return None
    size = _stated_number(component, "storage_gb")
    if size is None:
        return CostLine(
            component.id,
            "storage",
            None,
            "default",
            "storage",
            unknown="storage size not stated: set `storage_gb`, in GB per copy",
        )
    entry = book.prices[billing.storage]
    if not billing.per_copy:
        copies = Copies(1, "stated", "")
    many = copies.count
    detail = (
        f"{size:g} GB x {many} cop{'ies' if many != 1 else 'y'}{copies.note} x "
        f"{money(entry.price, book.currency)}/GB-month ({entry.what})"
    )
    return CostLine(component.id, "storage", size * many * entry.price, copies.basis, detail)


def request_line(
    component: Component, book: PriceBook, billing: Billing, usage: Usage
) -> CostLine | None:
    own = _stated_number(component, "price_per_request")
    if own is None and billing.requests is None:
        return None
    if own is not None:
        price, what = own, "its own price_per_request"
    else:
        assert billing.requests is not None
        entry = book.prices[billing.requests]
        price, what = entry.price, entry.what
    return _usage_line(component, "requests", usage, price, f"{what}", book)


def token_line(component: Component, library: Library, book: PriceBook, usage: Usage) -> CostLine:
    name = component.props.get("model")
    model_basis = "stated" if isinstance(name, str) else "default"
    if not isinstance(name, str):
        name = book.default_models.get(component.type, "")
    model = book.models.get(name)
    if model is None or model.input_per_mtok != model.input_per_mtok:  # unknown or NaN
        return CostLine(
            component.id,
            "tokens",
            None,
            model_basis,
            f"model {name!r}",
            unknown=f"no token price for model {name!r}: add `{name}.input_per_mtok` and "
            f"`{name}.output_per_mtok` to the design's cost.prices",
        )
    tokens_in = _stated_number(component, "tokens_in")
    tokens_out = _stated_number(component, "tokens_out")
    inputs_stated = tokens_in is not None and (tokens_out is not None or component.type != "llm")
    if tokens_in is None:
        tokens_in = float(DEFAULT_TOKENS_IN.get(component.type, 0))
    if tokens_out is None:
        ceiling = _stated_number(component, "max_tokens")
        tokens_out = (
            0.0
            if component.type != "llm"
            else min(ceiling or DEFAULT_TOKENS_OUT, DEFAULT_TOKENS_OUT)
        )
    output = model.output_per_mtok if model.output_per_mtok == model.output_per_mtok else 0.0
    per_call = (tokens_in * model.input_per_mtok + tokens_out * output) / 1e6
    stated = inputs_stated and model_basis == "stated" and usage.average_stated
    basis = "derived" if stated else "default"
    what = (
        f"{tokens_in:,.0f} tokens in + {tokens_out:,.0f} out per call, {name} at "
        f"{money(model.input_per_mtok, book.currency)} / {money(output, book.currency)} "
        "per M tokens"
    )
    line = _usage_line(component, "tokens", usage, per_call, what, book)
    return line if line.monthly is None else replace(line, basis=basis)


def _usage_line(
    component: Component, kind: str, usage: Usage, price: float, what: str, book: PriceBook
) -> CostLine:
    per_month = usage.requests(book.hours_per_month)
    detail = (
        f"{per_second(usage.rps)} req/s peak x {usage.average_load:g} average x "
        f"{book.hours_per_month:g} h x {money(price, book.currency)} per request ({what})"
    )
    if usage.unknown is not None:
        return CostLine(
            component.id,
            kind,
            None,
            "default",
            detail,
            unknown=usage.unknown,
            at_least=per_month * price,
        )
    basis = "derived" if usage.average_stated else "default"
    return CostLine(component.id, kind, per_month * price, basis, detail)
