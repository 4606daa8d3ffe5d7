"""AD214: static assets are served to clients without a CDN."""

from collections.abc import Iterator

from archdraw.lint.audience import PUBLIC, audience
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD214",
    name="static-assets-without-cdn",
    severity=Severity.WARNING,
    title="Static assets served without a CDN",
    why="""Images, scripts, styles and video are the same for every user and make up most of
    the bytes of a page. Served from your servers, each request crosses the world (100 to 300 ms
    for a user on another continent), uses your bandwidth and your servers' capacity, and a
    popular launch saturates them. A CDN serves them from an edge a few milliseconds from the
    user and typically absorbs 90 % or more of those requests. That is true of the public
    (`audience: public` on the client): assets that only the organisation's staff on its
    own network (`audience: staff`: a store's dashboard, an admin console) or its own
    programs (`audience: internal`) fetch are not judged. Where the clients do not state
    their `audience`, they are taken as the public and the finding says so, as info.""",
    fix="""Put a CDN in front (client -> CDN -> origin) with long cache lifetimes and
    fingerprinted file names, or move the assets to object storage behind a CDN. If only
    staff or your own programs fetch them, say so on the client: `audience: staff` (or
    `audience: internal`).""",
    references=(
        "AWS Well-Architected Framework, Performance Efficiency pillar: PERF04 (networking)",
        "High Performance Browser Networking (Grigorik), ch. 10",
    ),
)
def static_assets_without_cdn(ctx: LintContext) -> Iterator[Issue]:
    on_path, flag = ctx.request_path_ids, ctx.flag
    serving = [
        c for c in ctx.with_prop("static_assets") if c.id in on_path and flag(c, "static_assets")
    ]
    if not serving:
        return  # skip the walk from every CDN
    behind_cdn = ctx.reachable((c.id for c in ctx.of_type("cdn")), sync_only=True)
    serving = [c for c in serving if c.id not in behind_cdn]
    if not serving:
        return
    public = [c.id for c in ctx.clients if audience(ctx, c) == PUBLIC]
    reached_by_public = ctx.reachable(public, sync_only=True)
    unstated = [c for c in ctx.clients if audience(ctx, c) is None]
    reached_by: dict[str, set[str]] = {}  # an unstated client -> what it reaches, when asked
    for component in serving:
        if component.id in reached_by_public:
            yield Issue(
                f"'{component.title}' serves static assets to clients with no CDN in front: "
                "every image and script crosses the world and loads your servers",
                component=component.id,
            )
            continue
        assumed = []
        for client in unstated:
            if client.id not in reached_by:
                reached_by[client.id] = ctx.reachable([client.id], sync_only=True)
            if component.id in reached_by[client.id]:
                assumed.append(f"'{client.title}'")
        if not assumed:
            continue  # only staff on the organisation's network or its own programs
        yield Issue(
            f"'{component.title}' serves static assets to clients with no CDN in front "
            f"(`audience` not stated for {', '.join(assumed)}: assuming the public): every "
            "image and script crosses the world and loads your servers",
            component=component.id,
            severity=Severity.INFO,
        )
