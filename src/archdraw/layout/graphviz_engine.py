"""Layout with Graphviz `dot`, run as a subprocess we can time out and cancel.

Zones become nested clusters whose margins leave room for our padding and
title bar, so the zone rectangles drawn from member bounding boxes (see
geometry.zone_rectangles) never overlap their siblings. Only node positions
are read back (`-Tplain`): links are drawn by the canvas and the exporters.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import threading
from collections.abc import Iterable, Sequence
from itertools import pairwise

from archdraw.layout.geometry import Point, ZoneTree
from archdraw.layout.labels import clean_text
from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING, ZONE_TITLE_HEIGHT

POINTS_PER_INCH = 72.0
# Slack over our own padding, so rounding positions can never make zones touch.
CLUSTER_SLACK = 6.0
NODE_SEPARATION = 36.0
RANK_SEPARATION = 64.0
MAX_RANK_SEPARATION = 200.0
LABEL_CHAR_WIDTH = 6.5
TITLE_SPACER = (
    '<<table border="0" cellborder="0" cellpadding="0" cellspacing="0">'
    f'<tr><td width="1" height="{ZONE_TITLE_HEIGHT:g}"></td></tr></table>>'
)

INSTALL_HINT = (
    "Install Graphviz for tidier layouts: `sudo apt install graphviz` (Debian/Ubuntu), "
    "`brew install graphviz` (macOS) or `winget install graphviz` (Windows), "
    "then make sure `dot` is on your PATH."
)


class LayoutCancelled(Exception):
    """The caller asked the layout to stop."""


class EngineFailed(Exception):
    """The engine could not produce a layout (timed out, crashed, or printed nonsense)."""


def find_program(name: str = "dot") -> str | None:
    return shutil.which(name)


def iteration_caps(nodes: int, edges: int) -> dict[str, str]:
    """Caps on dot's network-simplex and mincross passes, tighter as the graph grows.

    Uncapped, dot needs 0.7 s for 1,000 nodes of average degree 2 but never
    finishes at degree 4; these caps keep its time roughly linear.
    """
    size = nodes + edges
    if size <= 300:
        return {}
    if size <= 1_500:
        return {"nslimit": "8", "nslimit1": "8", "mclimit": "0.5"}
    # searchsize is left alone: lowering it with nslimit1=1 makes dot fail
    # ("trouble in init_rank") on some clustered graphs.
    if size <= 6_000:
        return {"nslimit": "2", "nslimit1": "2", "mclimit": "0.1"}
    return {"nslimit": "2", "nslimit1": "2", "mclimit": "0.05"}


def dot_source(design: Design, tree: ZoneTree, ids: Sequence[str], direction: str) -> str:
    """The graph `dot` lays out: nodes named n0, n1, ... (no user text), zones as clusters.

    Written as text rather than through graphviz.Digraph: every name and value
    here is ours and needs no quoting, and the builder took 40 % as long as
    `dot` itself at 1,000 nodes.
    """
    names = {component_id: f"n{index}" for index, component_id in enumerate(ids)}
    edges = [
        f"{names[link.source]}->{names[link.target]}"
        for link in design.links
        if link.source in names and link.target in names and link.source != link.target
    ]
    rank_gap = rank_separation(design)
    graph_attributes = {
        "rankdir": "TB" if direction == "TB" else "LR",
        "splines": "false",
        "nodesep": _inches(NODE_SEPARATION),
        "ranksep": _inches(rank_gap),
        **iteration_caps(len(names), len(edges)),
    }
    lines = ["digraph layout {"]
    lines.extend(f"{key}={value}" for key, value in graph_attributes.items())
    lines.append(
        f"node [shape=box fixedsize=true width={_inches(NODE_WIDTH)} "
        f'height={_inches(NODE_HEIGHT)} label=""]'
    )
    wanted = set(ids)
    counter = iter(range(len(tree.order) + 1))
    # dot ignores the y part of a cluster margin, so an empty label of the title
    # bar's height reserves the room for it on top.
    cluster_head = f"label={TITLE_SPACER} margin={ZONE_PADDING + CLUSTER_SLACK:g}"

    linked = {end for link in design.links for end in (link.source, link.target)}

    def add_zone(zone_id: str | None) -> None:
        members = [c for c in tree.members[zone_id] if c in wanted]
        lines.extend(names[c] for c in members)
        lines.extend(_grid(names[c] for c in members if c not in linked))
        for child in tree.children[zone_id]:
            if any(c in wanted for c in tree.subtree_components(child)):
                lines.append(f"subgraph cluster_{next(counter)} {{ {cluster_head}")
                add_zone(child)
                lines.append("}")

    add_zone(None)
    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines)


# Unlinked boxes in one zone (a manifest's workloads whose wiring is not in it) would stand
# in one column as tall as all of them; from this many on they are laid out in rows.
GRID_FROM = 4


def _grid(nodes: Iterable[str]) -> list[str]:
    """Invisible edges that chain unlinked nodes into rows of about the square root of
    their count, so dot lays them out as a block rather than a single rank."""
    found = list(nodes)
    if len(found) < GRID_FROM:
        return []
    width = math.ceil(math.sqrt(len(found)))
    rows = [found[i : i + width] for i in range(0, len(found), width)]
    return [f"{a}->{b} [style=invis]" for row in rows for a, b in pairwise(row)]


def rank_separation(design: Design) -> float:
    """Room between layers for the longest link label (as drawn, up to 40 characters)."""
    longest = max((len(clean_text(k.label, 40)) for k in design.links if k.label), default=0)
    return min(MAX_RANK_SEPARATION, max(RANK_SEPARATION, longest * LABEL_CHAR_WIDTH + 24))


def _inches(pixels: float) -> str:
    return f"{pixels / POINTS_PER_INCH:.4f}"


def run_program(
    program: str,
    source: str,
    arguments: Sequence[str],
    timeout_s: float,
    cancel: threading.Event | None,
) -> str:
    """Run a Graphviz program on `source`; kill it on timeout or when `cancel` is set."""
    process = subprocess.Popen(
        [program, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if cancel is not None:
        threading.Thread(target=_kill_on_cancel, args=(process, cancel), daemon=True).start()
    try:
        output, errors = process.communicate(source.encode("utf-8"), timeout=max(0.01, timeout_s))
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise EngineFailed(f"{_name(program)} did not finish within {timeout_s:g} s") from None
    if cancel is not None and cancel.is_set():
        raise LayoutCancelled
    if process.returncode != 0:
        first = errors.decode("utf-8", "replace").strip().splitlines()[:1]
        detail = f": {first[0]}" if first else ""
        raise EngineFailed(f"{_name(program)} failed (exit {process.returncode}){detail}")
    return output.decode("utf-8", "replace")


def _name(program: str) -> str:
    return program.replace("\\", "/").rsplit("/", 1)[-1]


def _kill_on_cancel(process: subprocess.Popen[bytes], cancel: threading.Event) -> None:
    while process.poll() is None:
        if cancel.wait(0.02):
            process.kill()
            return


def parse_plain(output: str, count: int) -> list[Point]:
    """Node centres in pixels (y down) from `-Tplain` output, for nodes n0..n{count-1}."""
    height = 0.0
    found: dict[int, Point] = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "graph":
            height = float(parts[3]) * POINTS_PER_INCH
        elif len(parts) >= 4 and parts[0] == "node" and parts[1].startswith("n"):
            index = int(parts[1][1:])
            x, y = float(parts[2]) * POINTS_PER_INCH, float(parts[3]) * POINTS_PER_INCH
            found[index] = (x, height - y)
    if len(found) != count:
        raise EngineFailed(f"dot returned {len(found)} of {count} positions")
    return [found[index] for index in range(count)]


def layout_with_dot(
    program: str,
    design: Design,
    tree: ZoneTree,
    ids: Sequence[str],
    direction: str,
    timeout_s: float,
    cancel: threading.Event | None,
) -> dict[str, Point]:
    source = dot_source(design, tree, ids, direction)
    output = run_program(program, source, ["-Tplain"], timeout_s, cancel)
    try:
        centres = parse_plain(output, len(ids))
    except ValueError as error:
        raise EngineFailed(f"could not read dot's output: {error}") from None
    return dict(zip(ids, centres, strict=True))
