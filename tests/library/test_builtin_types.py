"""The built-in component library: every type loads, names are consistent, icons exist."""

from __future__ import annotations

import difflib

import pytest

from archdraw.library import CATEGORIES, Library, builtin_library
from archdraw.library.catalog import builtin_library_dir
from archdraw.library.loader import SHARED_PROPERTIES_FILE, read_shared_properties
from archdraw.model import Component
from archdraw.style import has_icon

REQUIRED_TYPES = {
    "client", "dns", "cdn", "load_balancer", "api_gateway", "rate_limiter", "service",
    "worker", "scheduler", "cache", "database", "nosql_database", "object_storage", "queue",
    "stream", "search_index", "vector_db", "llm", "external_api", "auth", "realtime_gateway",
    "notification", "monitoring", "data_warehouse", "peer", "device_cache", "firewall",
}  # fmt: skip
# The issue's common property names, with the kind and (min, max, default) they must have.
COMMON = {
    "replicas": ("int", 1, None, 1),
    "failover": ("choice", None, None, None),
    "zones": ("int", 1, None, 1),
    "rate_limit": ("float", 0, None, None),
    "auth": ("bool", None, None, None),  # unstated security is unknown (issue 14)
    "tls": ("bool", None, None, None),
    "capacity_rps": ("float", None, None, None),
    "latency_ms": ("float", 0, None, None),
    "replication": ("choice", None, None, None),
    "backups": ("bool", None, None, False),
    "dead_letter": ("bool", None, None, False),
    "timeout_ms": ("float", 0, None, None),
    "retries": ("int", 0, None, None),
    "idempotent": ("bool", None, None, False),
    "rps": ("float", 0, None, None),
    "hit_ratio": ("float", 0, 1, None),
}
CHOICES = {
    "failover": ("none", "active-standby", "active-active", "dns"),
    "replication": ("none", "sync", "async"),
}
SHARED, LINK_SHARED, SHARED_PROBLEMS = read_shared_properties(
    builtin_library_dir() / SHARED_PROPERTIES_FILE
)
LIBRARY = builtin_library()


def test_library_loads_without_problems(library: Library) -> None:
    assert library.problems == [] and SHARED_PROBLEMS == []
    assert set(library.types) >= REQUIRED_TYPES


@pytest.mark.parametrize("type_id", sorted(LIBRARY.types))
def test_type_is_complete(type_id: str, library: Library) -> None:
    component_type = library.types[type_id]
    assert component_type.id == type_id
    assert component_type.category in CATEGORIES
    assert component_type.label and component_type.summary
    assert len(component_type.explanation) >= len(component_type.summary)
    assert has_icon(component_type.icon), f"no Lucide icon '{component_type.icon}'"
    assert library.check_props(type_id, {}) == []
    for name, spec in component_type.properties.items():
        assert name in SHARED, f"{type_id}.{name} is not in {SHARED_PROPERTIES_FILE}"
        assert spec.kind == SHARED[name].kind, f"{type_id}.{name} changes the shared kind"
        assert spec.help
        if spec.default is not None:
            assert spec.check(spec.default) is None


@pytest.mark.parametrize("name", sorted(COMMON))
def test_common_property_is_defined_as_the_issue_says(name: str) -> None:
    kind, minimum, maximum, default = COMMON[name]
    spec = SHARED[name]
    assert spec.kind == kind
    if minimum is not None:
        assert spec.minimum == minimum
    if maximum is not None:
        assert spec.maximum == maximum
    if default is not None:
        assert spec.default == default
    if name in CHOICES:
        assert spec.choices == CHOICES[name]


def test_no_property_name_is_a_near_miss_of_a_common_one() -> None:
    names = set(SHARED) | set(LINK_SHARED)
    for name in names - set(COMMON):
        close = difflib.get_close_matches(name, list(COMMON), n=1, cutoff=0.85)
        assert not close, f"'{name}' looks like a misspelling of '{close[0]}'"


def test_common_properties_sit_where_the_issue_puts_them(library: Library) -> None:
    def accepts(type_id: str, prop: str) -> bool:
        return prop in library.types[type_id].properties

    assert all(accepts(t, "hit_ratio") for t in ("cache", "cdn", "device_cache"))
    assert all(accepts(t, "dead_letter") for t in ("queue", "stream"))
    assert accepts("client", "rps") and accepts("worker", "idempotent")
    assert accepts("database", "replication") and accepts("database", "backups")
    assert set(library.link_properties) >= {"calls", "tls", "timeout_ms", "retries"}


def test_prop_falls_back_to_the_type_default(library: Library) -> None:
    cache = Component(id="c", type="cache", props={"replicas": 3})
    assert library.prop(cache, "replicas") == 3
    assert library.prop(cache, "hit_ratio") == library.types["cache"].default("hit_ratio")
    assert library.prop(Component(id="x", type="nope"), "replicas") is None
    assert library.link_prop({}, "calls") == 1
    assert library.is_stateful(Component(id="d", type="database"))
    assert not library.is_stateful(Component(id="s", type="service"))


def test_check_props_names_the_problem(library: Library) -> None:
    problems = library.check_props(
        "cache", {"hit_ratio": 2, "replicaz": 1, "tls": "yes", "failover": "hope"}
    )
    reasons = {p.prop: p.message for p in problems}
    assert "at most 1" in reasons["hit_ratio"]
    assert "did you mean 'replicas'" in reasons["replicaz"]
    assert "true or false" in reasons["tls"]
    assert "one of none, active-standby" in reasons["failover"]


def test_a_firewall_filters_but_neither_authenticates_nor_limits_by_default(
    library: Library,
) -> None:
    firewall = library.types["firewall"]
    assert firewall.category == "network" and not firewall.stateful
    # Not authentication: no `auth` to state, so rules never take it for a sign-in check.
    assert "auth" not in firewall.properties
    # A rate-based rule is something a design states; the type assumes none.
    assert "rate_limit" in firewall.properties
    assert library.prop(Component(id="waf", type="firewall"), "rate_limit") is None
    # Nobody's measured throughput: capacity stays unknown rather than a made-up default.
    assert firewall.default("capacity_rps") is None
    assert {"replicas", "zones", "global", "latency_ms", "availability"} <= set(firewall.properties)


# Flags most designs never set: the Properties panel lists a type's properties in the
# library's order, and a service opening on "anonymous" and "compensation" hid its replicas.
RARELY_SET = {
    "anonymous",
    "compensation",
    "celebrity_path",
    "in_process",
    "managed",
    "global",
    "skew",
}


def test_rarely_set_flags_come_after_a_types_everyday_properties(library: Library) -> None:
    for type_id, component_type in library.types.items():
        names = list(component_type.properties)
        first_rare = next((i for i, n in enumerate(names) if n in RARELY_SET), len(names))
        later_everyday = [n for n in names[first_rare:] if n not in RARELY_SET]
        assert not later_everyday, f"{type_id}: {later_everyday} listed after a rarely set flag"
    service = list(library.types["service"].properties)
    assert service[:3] == ["replicas", "zones", "failover"]
