"""AD606: a component with no links at all."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

# Drawn alone on purpose: they watch everything, and a link to each would clutter the picture.
_STANDALONE = frozenset({"monitoring"})


@rule(
    code="AD606",
    name="orphan-component",
    severity=Severity.INFO,
    title="Component with no links",
    why="""A component connected to nothing receives no traffic and sends none, so no rule,
    failure analysis or growth analysis can say anything about it: it is either left over from
    an earlier version of the design or its links were forgotten, and then the analysis of
    everything around it is wrong too.""",
    fix="""Draw the links that carry its traffic (sync for requests, async for messages,
    replication for copies) or remove it.""",
    references=("C4 model: every element in a diagram should have a reason to be there",),
)
def orphan_component(ctx: LintContext) -> Iterator[Issue]:
    if len(ctx.components) < 2:
        return
    # The link indexes hold only components with at least one link: look ids up there
    # rather than reading each component.
    out_links, in_links = ctx.out_links, ctx.in_links
    for component_id, component in ctx.components.items():
        if component_id in out_links or component_id in in_links:
            continue
        if component.type not in _STANDALONE:
            yield Issue(
                f"'{component.title}' has no links: nothing reaches it and it reaches nothing",
                component=component_id,
            )
