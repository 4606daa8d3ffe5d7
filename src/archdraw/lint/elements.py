"""`ElementViews`: per-element look-ups for rules (types, properties, fixes), answered from
dicts built once per lint run. `LintContext` adds the graph views on top."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from archdraw.analysis import kinds
from archdraw.analysis.columns import Columns, per_component
from archdraw.analysis.instances import Instances, instance_counter
from archdraw.analysis.kinds import BUFFER_TYPES, provider_runs
from archdraw.analysis.links import LinkTable
from archdraw.library import Library
from archdraw.lint.design_view import ComponentView, DesignView, LinkView
from archdraw.lint.types import Fix
from archdraw.model import Design

_MISSING = object()
_NUMBERS = (int, float)
_T = TypeVar("_T")


class structural_view(cached_property[_T]):
    """A cached view that depends only on the design's structure (which elements exist,
    their types, zones, links and the property names they state), never on property
    values: a lint session keeps it across property edits. A view not marked so is
    computed afresh on every run, so forgetting the mark costs time, never correctness."""


class value_view(cached_property[_T]):
    """A cached view that reads property values: computed once per run. A lint session
    carries one to the next run only while none of the values it reads changed, so each
    is listed in `archdraw.lint.recording.VALUE_VIEWS` with the properties it reads."""


DEFAULT_OPTIONS: dict[str, float] = {
    "max_sync_depth": 5,
    "max_retry_amplification": 8,
    "max_sync_fan_out": 5,
    "monitoring_min_components": 5,
    "utilization_warning": 0.8,
    "long_generation_ms": 10000,
    "long_generation_tokens": 4000,
}


def as_number(value: Any) -> float | None:
    """A property value as a number: None for anything else (booleans included)."""
    # The exact type first: nearly every value read is an int, a float or None.
    kind = type(value)
    if kind is int or kind is float:
        return float(value)
    if value is None or kind is bool or not isinstance(value, _NUMBERS):
        return None
    return float(value)


class TypeFacts(NamedTuple):
    """What the rules ask of a component type, read once per run from the library."""

    category: str
    stateful: bool
    properties: frozenset[str]
    defaults: dict[str, Any]  # the type's default property values


class ElementViews:
    """A read-only view of one design's elements: types, categories, properties, fixes."""

    def __init__(self, design: Design, library: Library) -> None:
        self.model = design
        self.library = library
        self._fitted: dict[tuple[str, str, type, Any], Any] = {}  # `_fit`'s answers
        self._assumed_words: dict[tuple[str, tuple[str, ...]], str] = {}  # `assumed`'s
        self._columns: Columns | None = None  # `columns`

    @structural_view
    def design(self) -> DesignView:
        """The design as the rules read it (see `archdraw.lint.design_view`)."""
        return DesignView(self.model, self._type_defaults, self.link_table)

    @structural_view
    def link_table(self) -> LinkTable:
        """The design's links, read once and indexed (`archdraw.analysis.links`): the rules'
        link look-ups, the data roles and the traffic graph share it."""
        return LinkTable(self.model)

    def columns(self) -> Columns:
        """Each component's cells as the data roles and the traffic graph read them
        (`archdraw.analysis.columns`), worked out once per run for both. A memo, not a view:
        it reads property values, so a lint session never keeps it for the next run."""
        if self._columns is None:
            library = self.library
            components = list(self.model.components)
            self._columns = per_component(components, kinds.TypeFacts(library), library)
        return self._columns

    # -- options --------------------------------------------------------------
    def option(self, name: str) -> float:
        value = self.design.lint.options.get(name, DEFAULT_OPTIONS[name])
        if isinstance(value, bool) or not isinstance(value, int | float):
            return DEFAULT_OPTIONS[name]
        return float(value)

    # -- elements -------------------------------------------------------------
    @structural_view
    def components(self) -> dict[str, ComponentView]:
        return self.design.component_index()

    @structural_view
    def _type_facts(self) -> dict[str, TypeFacts]:
        facts = {}
        for type_id, found in self.library.types.items():
            defaults = {k: s.default for k, s in found.properties.items() if s.default is not None}
            facts[type_id] = TypeFacts(
                found.category, found.stateful, frozenset(found.properties), defaults
            )
        return facts

    @structural_view
    def _type_defaults(self) -> dict[str, dict[str, Any]]:
        return {type_id: facts.defaults for type_id, facts in self._type_facts.items()}

    @structural_view
    def _store_types(self) -> frozenset[str]:
        """Types `is_store` accepts: whether a component is a store depends on its type only."""
        return frozenset(
            type_id
            for type_id, facts in self._type_facts.items()
            if facts.stateful and (facts.category == "storage" or type_id == "vector_db")
        )

    @structural_view
    def _link_defaults(self) -> dict[str, Any]:
        specs = self.library.link_properties.items()
        return {k: s.default for k, s in specs if s.default is not None}

    @structural_view
    def by_type(self) -> dict[str, list[ComponentView]]:
        index: dict[str, list[ComponentView]] = {}
        for component in self.design.components:
            found = index.get(component.type)
            if found is None:
                index[component.type] = [component]
            else:
                found.append(component)
        return index

    def each(self, items: Iterable[_T]) -> Iterable[_T]:
        """The elements (components or their ids) a rule judges one at a time: the body of
        its loop over them judges one element from that element's properties and its own
        entries of the traffic views (`arrival`, `store_work` by id, its data role), with
        nothing carried from one body to the next, and every finding is yielded in a body.
        A lint session then re-judges only the elements an edit changed
        (`archdraw.lint.element_reads`); any other read counts for them all."""
        return items

    def title(self, component_id: str) -> str:
        """A component's label, else its id (what messages name)."""
        component = self.components.get(component_id)
        return component_id if component is None else component.title

    def link_title(self, link: LinkView) -> str:
        """A link as messages name it: its label, else "Source → Target" by titles (as the
        editor names links)."""
        return link.label or f"{self.title(link.source)} → {self.title(link.target)}"

    def category(self, component: ComponentView) -> str:
        facts = self._type_facts.get(component.type)
        return facts.category if facts is not None else "unknown"

    @structural_view
    def _client_ids(self) -> frozenset[str]:
        types = [t for t, facts in self._type_facts.items() if facts.category == "client"]
        return frozenset(c.id for t in types for c in self.by_type.get(t, ()))

    def is_stateful(self, component: ComponentView) -> bool:
        facts = self._type_facts.get(component.type)
        return facts is not None and facts.stateful

    def has_prop(self, component: ComponentView, name: str) -> bool:
        facts = self._type_facts.get(component.type)
        return facts is not None and name in facts.properties

    # -- properties: one read path ---------------------------------------------
    # Every component property is read through `prop` (its own value, else its type's
    # default) and every link property through `link_prop`: a lint session records the
    # names read there to know which rules an edit can affect.
    def prop(self, component: ComponentView, name: str) -> Any:
        """The component's value for `name`, or its type's default (None if neither)."""
        props = component.props  # `in` and a subscript cost less than a call of `get`
        return props[name] if name in props else component.defaults.get(name)

    def valued(self, name: str) -> list[ComponentView]:
        """The components whose `prop(name)` can be other than None, grouped by type: those
        whose type has a default for it and those that state it. Which they are follows from
        the structure (the types, the names stated), so a rule about a value most components
        lack reads it of these only."""
        found = self._valued.get(name)
        if found is None:
            found = self._valued[name] = []
            defaults = self._type_defaults
            for type_id, components in self.by_type.items():
                if name in defaults.get(type_id, ()):
                    found.extend(components)
                else:
                    found.extend([c for c in components if name in c.props])
        return found

    @structural_view
    def _valued(self) -> dict[str, list[ComponentView]]:
        return {}

    def number(self, component: ComponentView, name: str) -> float | None:
        """`prop` as a number: None for anything else (booleans included)."""
        value = self.prop(component, name)
        # `as_number`'s first test, here: nearly every value read is an int, a float or None.
        kind = type(value)
        if kind is int or kind is float:
            return float(value)
        return None if value is None else as_number(value)

    def flag(self, component: ComponentView, name: str) -> bool:
        """Whether `prop` is true itself (not merely truthy)."""
        return self.prop(component, name) is True

    def instances(self, component: ComponentView) -> Instances:
        """How many instances it runs and what that rests on (`archdraw.analysis.instances`:
        the count failure analysis, capacity and cost read too)."""
        prop = self.prop
        sharded = component.type in self._sharded_types
        return self._instances_of(
            prop(component, "replicas"),
            prop(component, "zones"),
            prop(component, "shards") if sharded else None,
            stated="replicas" in component.props,
            sharded=sharded,
            managed=provider_runs(prop(component, "managed"), prop(component, "global")),
        )

    def capacity(self, component: ComponentView) -> float | None:
        """Requests per second all its instances together serve, or None when unknown."""
        per_replica = self.number(component, "capacity_rps")
        if per_replica is None:
            return None
        return per_replica * self.instances(component).total

    @structural_view
    def _sharded_types(self) -> frozenset[str]:
        """Types whose shards run on machines of their own: stateful, but not a buffer."""
        return frozenset(
            type_id
            for type_id, facts in self._type_facts.items()
            if facts.stateful and type_id not in BUFFER_TYPES
        )

    @cached_property
    def _instances_of(self) -> Callable[..., Instances]:
        """`instances`, worked out once per distinct set of values in a run."""
        return instance_counter()

    def replicas(self, component: ComponentView) -> int:
        """The instances it runs (see `instances` for what the count rests on)."""
        return self.instances(component).total

    def failover(self, component: ComponentView) -> str:
        return str(self.prop(component, "failover") or "none")

    def stated(self, component: ComponentView, name: str) -> bool:
        """Whether the design gives the value itself (else it is the type's default)."""
        return name in component.props

    def assumed(self, component: ComponentView, *names: str) -> str:
        """How a verdict resting on unstated values says so ("" when the design states them):
        " (`zones` not stated: assuming the library default `zones: 1`)"."""
        props = component.props
        unstated = tuple([n for n in names if n not in props])
        if not unstated:
            return ""
        # The words depend on the type's defaults only: each distinct set is written once.
        key = (component.type, unstated)
        words = self._assumed_words.get(key)
        if words is None:
            defaults = component.defaults
            words = assumed_words([(n, defaults.get(n)) for n in unstated])
            self._assumed_words[key] = words
        return words

    def link_assumed(self, link: LinkView, *names: str) -> str:
        """`assumed` for a link's properties."""
        props, defaults = link.props, self._link_defaults
        return assumed_words([(n, defaults.get(n)) for n in names if n not in props])

    def is_global(self, component: ComponentView) -> bool:
        """A managed service spanning zones and regions on its own (`global: true`)."""
        return self.flag(component, "global")

    def in_process(self, component: ComponentView) -> bool:
        """Runs inside its caller (`in_process: true`): no network hop, no failure of its own."""
        return self.flag(component, "in_process")

    def writes(self, link: LinkView) -> bool:
        """The link changes data in its target (`writes: true`)."""
        return self.link_prop(link, "writes") is True

    def link_prop(self, link: LinkView, name: str) -> Any:
        props = link.props
        return props[name] if name in props else self._link_defaults.get(name)

    def link_number(self, link: LinkView, name: str) -> float | None:
        value = self.link_prop(link, name)
        kind = type(value)  # as in `number`
        if kind is int or kind is float:
            return float(value)
        return None if value is None else as_number(value)

    def link_default(self, name: str) -> Any:
        """The library's default for link property `name` (None if it has none)."""
        return self._link_defaults.get(name)

    def link_default_number(self, name: str) -> float | None:
        """The library's default for link property `name`, when it is a number."""
        return as_number(self._link_defaults.get(name))

    def is_client(self, component: ComponentView) -> bool:
        if component.id in self._client_ids:
            return True
        return component.id not in self.components and self.category(component) == "client"

    def is_store(self, component: ComponentView) -> bool:
        """A data store: a stateful storage component or a vector database."""
        return component.type in self._store_types

    def fix(self, component: ComponentView, label: str, **props: Any) -> Fix | None:
        """A property fix, keeping only properties the type accepts, clamped to their range."""
        accepted: dict[str, Any] | None = None
        fitted, type_id = self._fitted, component.type
        for name, value in props.items():
            # Fixes propose a few distinct values: check each against the library once.
            key = (type_id, name, type(value), value)
            try:
                fit = fitted[key]
            except KeyError:
                fit = fitted[key] = self._fit(type_id, name, value)
            except TypeError:  # an unhashable value: nothing to remember it by
                fit = self._fit(type_id, name, value)
            if fit is _MISSING:
                continue
            if fit != self.prop(component, name):
                if accepted is None:
                    accepted = {}
                accepted[name] = fit
        return None if accepted is None else Fix(label, component.id, None, accepted)

    def _fit(self, type_id: str, name: str, value: Any) -> Any:
        """`value` clamped to the range of the type's property `name`, or _MISSING when
        the type has no such property or the value does not fit it."""
        found = self.library.types.get(type_id)
        spec = None if found is None else found.properties.get(name)
        if spec is None:
            return _MISSING
        problem = spec.check(value)
        if problem is not None and isinstance(value, int | float):
            if spec.maximum is not None and value > spec.maximum:
                value = type(value)(spec.maximum)
            if spec.minimum is not None and value < spec.minimum:
                value = type(value)(spec.minimum)
            problem = spec.check(value)
        return value if problem is None else _MISSING

    @staticmethod
    def link_fix(link: LinkView, label: str, **props: Any) -> Fix:
        return Fix(label, None, link.key, props)


def assumed_words(unstated: list[tuple[str, Any]]) -> str:
    """ " (`tls` not stated)", or with the library default the verdict assumed instead; several
    joined by "; " ("" when there are none)."""
    said = []
    for name, value in unstated:
        if value is None:
            said.append(f"`{name}` not stated")
            continue
        shown = str(value).lower() if isinstance(value, bool) else value
        said.append(f"`{name}` not stated: assuming the library default `{name}: {shown}`")
    return f" ({'; '.join(said)})" if said else ""
