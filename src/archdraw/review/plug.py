"""Can someone plug in? The extension points, and what each has of authentication, a rate
limit and a versioned contract."""

from __future__ import annotations

from archdraw.analysis import TrafficGraph
from archdraw.library import Library
from archdraw.lint.context import PASS_THROUGH_TYPES
from archdraw.model import Component, Design, Link
from archdraw.review.questions import PLUG_CODES, Context, findings_of
from archdraw.review.types import Item, Section
from archdraw.source.printable import plural

# Types that are extension points by nature: others call or subscribe to them.
PLUG_TYPES = frozenset({"api_gateway", "realtime_gateway", "tool_server"})
# Reached by users' devices but not a contract anyone builds on.
NOT_PLUGS = frozenset({"dns", "cdn", "load_balancer", "firewall"})


def _is_client(library: Library, component: Component) -> bool:
    spec = library.get(component.type)
    return spec is not None and spec.category == "client"


def extension_points(design: Design, library: Library, graph: TrafficGraph) -> list[Component]:
    """Public components, gateways, and whatever users' devices call directly."""
    entry = set()
    for link in design.links:
        source = design.component(link.source)
        if source is not None and _is_client(library, source):
            entry.add(link.target)
    return [
        c
        for c in design.components
        if not _is_client(library, c)
        and (
            (c.id in entry and c.type not in NOT_PLUGS)
            or c.type in PLUG_TYPES
            or library.prop(c, "public") is True
        )
    ]


def _arriving(design: Design, library: Library, component: Component) -> list[Link]:
    """The links outside callers reach it over: from clients, or through pass-through hops."""
    arriving = []
    for link in design.links:
        source = design.component(link.source)
        if link.target != component.id or source is None:
            continue
        if _is_client(library, source) or source.type in PASS_THROUGH_TYPES:
            arriving.append(link)
    return arriving


def authentication(design: Design, library: Library, component: Component) -> str:
    """How it checks who calls, as AD302 reads a design: "NO" when nothing does."""
    if component.type == "auth":
        # The identity provider is where callers get their credentials: its sign-in is
        # reached before they have any, and a rate limit is what protects it.
        return "issues it"
    if library.prop(component, "auth") is True:
        return "yes"
    arriving = _arriving(design, library, component)
    if arriving and all(library.link_prop(k.props, "auth") is True for k in arriving):
        return "yes, on its links"
    for link in design.links:
        target = design.component(link.target)
        if link.source == component.id and target is not None and target.type == "auth":
            return f"yes, by {target.title}"
    return "NO"


def _listed(missing: list[str]) -> str:
    """ "no a, no b and no c"."""
    said = [f"no {name}" for name in missing]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def plug_in(context: Context) -> Section:
    design, library, graph, findings = context
    points = extension_points(design, library, graph)
    section = Section("plug", "Can someone plug in?", "")
    section.header = (
        "extension point",
        "type",
        "authentication",
        "rate limit",
        "versioned contract",
    )
    gaps = 0
    lacking: list[str] = []
    for component in points:
        spec = library.get(component.type)
        takes = set() if spec is None else set(spec.properties)
        auth = authentication(design, library, component)
        limit = library.prop(component, "rate_limit")
        versioned = library.prop(component, "versioned") is True
        # A type that has no such property is not asked for it: the file could not say it.
        section.rows.append(
            (
                component.title,
                component.type,
                auth,
                f"{limit:g}/s per client"
                if isinstance(limit, int | float)
                else "NO"
                if "rate_limit" in takes
                else "n/a",
                "yes" if versioned else "NO" if "versioned" in takes else "n/a",
            )
        )
        missing = [
            name
            for name, ok in (
                ("authentication (`auth`)", auth != "NO"),
                ("rate limit (`rate_limit`)", limit is not None or "rate_limit" not in takes),
                ("versioned contract (`versioned`)", versioned or "versioned" not in takes),
            )
            if not ok
        ]
        if missing:
            gaps += 1
            lacking.append(component.title)
            section.items.append(
                Item(f"{component.title} has {_listed(missing)}", "warning", (component.id,))
            )
    lack = "lacks" if gaps == 1 else "lack"
    more = f" and {len(lacking) - 3} more" if len(lacking) > 3 else ""
    named = f": {', '.join(lacking[:3])}{more}" if lacking else ""
    section.answer = (
        f"{plural(len(points), 'extension point')}; {gaps} {lack} authentication, a rate limit "
        f"or a versioned contract{named}."
        if points
        else "No extension point is drawn (nothing public)."
    )
    section.items += findings_of(findings, PLUG_CODES)
    return section
