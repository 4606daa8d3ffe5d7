"""AD505: a tool server an agent calls accepts unauthenticated calls."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD505",
    name="tool-server-without-auth",
    severity=Severity.ERROR,
    title="Tool server without authentication",
    why="""A tool server performs actions (read files, query databases, send mail, create
    tickets) on request. A model decides which calls to make from text it reads, and text can
    be written by an attacker (prompt injection in a web page, an email, a document). A tool
    server that does not authenticate its caller and act with the end user's permissions
    will do whatever the most gullible agent, or anyone else who reaches it, asks. Where
    neither the server nor the calling link states `auth`, whether it authenticates is
    unknown: that is asked about, as info, saying so.""",
    fix="""Require authentication on every call (`auth: true` on the tool server, or on the
    link from the agent: OAuth tokens per user, mTLS between services), act with the end user's
    rights rather than a super-user's, validate arguments, and rate limit.""",
    references=(
        "OWASP Top 10 for LLM Applications: LLM01 prompt injection, LLM06 excessive agency",
        "Model Context Protocol specification: authorization",
    ),
)
def tool_server_without_auth(ctx: LintContext) -> Iterator[Issue]:
    for server in ctx.of_type("tool_server"):
        if ctx.flag(server, "auth"):
            continue
        callers = [k for k in ctx.flow_in(server.id) if ctx.link_prop(k, "auth") is not True]
        if callers:
            # `auth: false` on the server or a calling link is the design's word; with
            # neither stated, whether the call is checked is unknown: a question.
            refused = [k for k in callers if ctx.link_prop(k, "auth") is False]
            caller = (refused or callers)[0]
            assumed = "" if refused else ctx.assumed(server, "auth")
            yield Issue(
                f"'{caller.source}' calls the tool server '{server.title}' without "
                f"authentication{assumed}: a prompt-injected agent, or anyone who reaches it, "
                "can use its tools",
                component=server.id,
                fix=ctx.fix(server, "Require authentication", auth=True),
                severity=Severity.INFO if assumed else None,
            )
