"""Can someone plug in? The extension points, and what each has of authentication, a rate
limit and a versioned contract."""

from __future__ import annotations

from archdraw.analysis import TrafficGraph
from archdraw.cost.lines import per_second
from archdraw.library import Library
from archdraw.lint.context import PASS_THROUGH_TYPES
from archdraw.model import Component, Design, Link
from archdraw.review.questions import PLUG_CODES, Context, findings_of
from archdraw.review.types import Item, Section
from archdraw.source.printable import plural

# Types that are extension points by nature: others call or subscribe to them.
PLUG_TYPES = frozenset({"api_gateway", "realtime_gateway", "tool_server"})
# Reached by users' devices but not a contract anyone builds on: they forward to what is.
NOT_PLUGS = frozenset({"dns", "cdn", "load_balancer", "firewall"})
# Hops an outside call passes on its way in (a rate limiter among them): what it reaches
# behind them is the contract callers build on, as AD201 and AD302 read a design.
_HOPS = NOT_PLUGS | PASS_THROUGH_TYPES
# Who calls in from outside: users' devices and partner systems, and third parties calling
# back (a payment provider's webhook).
_OUTSIDE = frozenset({"client", "external"})


def _category(library: Library, component: Component) -> str | None:
    spec = library.get(component.type)
    return None if spec is None else spec.category


def _is_client(library: Library, component: Component) -> bool:
    return _category(library, component) == "client"


def entries(design: Design, library: Library) -> dict[str, list[Component]]:
    """What outside callers reach, each with the hops it is reached through (a load balancer,
    a WAF, a rate limiter): a service behind a load balancer is what callers build on."""
    reached: dict[str, list[Component]] = {}
    todo: list[tuple[str, list[Component]]] = [
        (c.id, []) for c in design.components if _category(library, c) in _OUTSIDE
    ]
    outside = {component_id for component_id, _ in todo}
    seen = set(outside)
    while todo:
        current, hops = todo.pop(0)
        for link in design.links:
            target = design.component(link.target)
            if link.source != current or target is None or target.id in outside:
                continue
            if target.type in _HOPS:
                if target.id not in seen:
                    seen.add(target.id)
                    todo.append((target.id, [*hops, target]))
            elif target.id not in reached and not (hops and _serves_files(library, target)):
                reached[target.id] = hops
    return reached


def _serves_files(library: Library, component: Component) -> bool:
    """A store behind a CDN or load balancer serves files or rows as they are: its
    contract is the hop's URLs, not an API anyone builds on (AD302 still asks who reads)."""
    return _category(library, component) == "storage"


def extension_points(design: Design, library: Library, graph: TrafficGraph) -> list[Component]:
    """Public components, gateways, and whatever outside callers reach, directly or through
    a load balancer, CDN, WAF or rate limiter."""
    entry = entries(design, library)
    return [
        c
        for c in design.components
        if not _is_client(library, c)
        and (
            (c.id in entry and c.type not in _HOPS)
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
    """How it checks who calls, as AD302 reads a design: "NO" when the design says nothing
    does (`auth: false`), "not stated" when it does not say (AD302 asks, as info)."""
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
    if library.prop(component, "anonymous") is True:
        return "none: anonymous by design"
    return "NO" if "auth" in component.props else "not stated"


def rate_limit(
    library: Library, component: Component, hops: list[Component], takes: set[str]
) -> str:
    """Its own `rate_limit`, or one on the way in (a rate limiter, a load balancer's limit),
    as AD201 reads a design; "n/a" for a type the file could not state it on."""
    limit = library.prop(component, "rate_limit")
    if isinstance(limit, int | float):
        return f"{per_second(limit)}/s per client"
    if library.prop(component, "limits_rate") is True:
        return "yes (figure not stated)"
    for hop in reversed(hops):
        hop_limit = library.prop(hop, "rate_limit")
        if isinstance(hop_limit, int | float):
            return f"{per_second(hop_limit)}/s per client, at {hop.title}"
        if hop.type == "rate_limiter" or library.prop(hop, "limits_rate") is True:
            return f"yes, at {hop.title}"
    return "NO" if "rate_limit" in takes or hops else "n/a"


def _listed(missing: list[str]) -> str:
    """ "a, b and c"."""
    return missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]


def _named(titles: list[str]) -> str:
    more = f" and {len(titles) - 3} more" if len(titles) > 3 else ""
    return f": {', '.join(titles[:3])}{more}" if titles else ""


def plug_in(context: Context) -> Section:
    design, library, graph, findings = context
    points = extension_points(design, library, graph)
    reached = entries(design, library)
    section = Section("plug", "Can someone plug in?", "")
    section.header = (
        "extension point",
        "type",
        "authentication",
        "rate limit",
        "versioned contract",
    )
    lacking: list[str] = []
    unstated: list[str] = []
    for component in points:
        spec = library.get(component.type)
        takes = set() if spec is None else set(spec.properties)
        auth = authentication(design, library, component)
        hops = reached.get(component.id, [])
        limit = rate_limit(library, component, hops, takes)
        versioned = library.prop(component, "versioned") is True
        # A type that has no such property is not asked for it: the file could not say it.
        section.rows.append(
            (
                component.title,
                component.type,
                auth,
                limit,
                "yes" if versioned else "NO" if "versioned" in takes else "n/a",
            )
        )
        missing = [
            said
            for said, ok in (
                ("no authentication (`auth`)", auth != "NO"),
                (
                    # Behind a CDN or load balancer the limit can go on the hop (AD201's fix).
                    "no rate limit (`rate_limit`, on it or on the way in)"
                    if hops
                    else "no rate limit (`rate_limit`)",
                    limit != "NO",
                ),
                ("no versioned contract (`versioned`)", versioned or "versioned" not in takes),
            )
            if not ok
        ]
        # Not stated is a question, not a gap: AD302 asks it (info), listed below.
        unknown = ["authentication not stated (`auth`)"] if auth == "not stated" else []
        if missing:
            lacking.append(component.title)
            section.items.append(
                Item(
                    f"{component.title} has {_listed(missing + unknown)}",
                    "warning",
                    (component.id,),
                )
            )
        elif unknown:
            unstated.append(component.title)
    if not points:
        section.answer = (
            "No extension point: nothing outside calls in, and nothing is marked `public`."
        )
    else:
        said = [
            f"{len(lacking)} {'lacks' if len(lacking) == 1 else 'lack'} authentication, a "
            f"rate limit or a versioned contract{_named(lacking)}"
            if lacking
            else "none lacks authentication, a rate limit or a versioned contract"
            if not unstated
            else ""
        ]
        if unstated:
            said.append(
                f"{len(unstated)} {'does' if len(unstated) == 1 else 'do'} not state "
                f"{'its' if len(unstated) == 1 else 'their'} authentication{_named(unstated)}"
            )
        section.answer = (
            f"{plural(len(points), 'extension point')}; {'; '.join(filter(None, said))}."
        )
    section.items += findings_of(findings, PLUG_CODES)
    return section
