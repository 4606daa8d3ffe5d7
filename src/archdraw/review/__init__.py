"""A design review a reviewer reads: the design document with its gaps, the diagram with
findings marked, the four questions (grows 10x? fails halfway? can someone plug in?
data out of order?), cost and assumptions; as Markdown or one self-contained HTML page.
"""

from archdraw.review.html import render_html
from archdraw.review.markdown import render_markdown
from archdraw.review.model import build_review
from archdraw.review.types import Item, Review, Section

__all__ = ["Item", "Review", "Section", "build_review", "render_html", "render_markdown"]
