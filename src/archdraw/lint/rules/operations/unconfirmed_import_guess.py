"""AD607: an importer guessed an element or a value and nobody has confirmed it yet."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD607",
    name="unconfirmed-import-guess",
    severity=Severity.WARNING,
    title="Imported guess not confirmed",
    why="""`archdraw import` marks what it only guessed: a link read from a host name in a
    variable, a type read from a service's name or a diagram label. Until someone who knows
    the system checks it, every finding and analysis that passes through it rests on a guess,
    and a wrong guess hides a real problem or invents one.""",
    fix="""Check the element against the running system. If it is right, confirm it: in
    the editor select it and choose Edit > Confirm Import Guess, or set "confirmed: true"
    on its entry in the design's import block; if it is wrong, correct or delete the
    element (its entry then no longer applies).""",
    references=(
        "archdraw README, Importing: the report and its confidences",
        "Google SRE book, ch. 12 (effective troubleshooting: test the hypothesis)",
    ),
)
def unconfirmed_import_guess(ctx: LintContext) -> Iterator[Issue]:
    block = ctx.design.imported
    if block is None:
        return
    components = ctx.design.component_index()
    links = {link.key for link in ctx.design.links}
    zones = {zone.id: zone for zone in ctx.design.zones}
    for element in block.unconfirmed_guesses():
        guessed = [name for name, how in element.properties.items() if how == "guessed"]
        what = f"its {', '.join(guessed)}" if element.confidence != "guessed" else "it"
        message = f"the importer guessed {what} ({element.rule}); confirm it or correct it"
        if element.component is not None and element.component in components:
            title = components[element.component].title
            yield Issue(f"'{title}': {message}", element.component)
        elif element.link is not None and element.link in links:
            yield Issue(f"link {element.link}: {message}", link=element.link)
        elif element.zone is not None and element.zone in zones:
            yield Issue(f"zone '{zones[element.zone].title}': {message}", zone=element.zone)
