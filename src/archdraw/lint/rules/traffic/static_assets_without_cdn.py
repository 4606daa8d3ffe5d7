"""AD214: static assets are served to clients without a CDN."""

from collections.abc import Iterator

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
    user and typically absorbs 90 % or more of those requests.""",
    fix="""Put a CDN in front (client -> CDN -> origin) with long cache lifetimes and
    fingerprinted file names, or move the assets to object storage behind a CDN.""",
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
    for component in serving:
        if component.id not in behind_cdn:
            yield Issue(
                f"'{component.title}' serves static assets to clients with no CDN in front: "
                "every image and script crosses the world and loads your servers",
                component=component.id,
            )
