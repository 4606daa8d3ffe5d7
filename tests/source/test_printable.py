"""File text shown to people: escaped for terminals (`printable`) and Markdown (`markdown_text`)."""

from __future__ import annotations

import pytest

from archdraw.review.markdown import render_markdown as review_markdown
from archdraw.review.types import Item, Review, Section
from archdraw.source import markdown_text, printable_joined


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a | b", "a \\| b"),
        ("`code` and ``more``", "`code` and \\``more`\\`"),  # code spans stay code
        (
            "<script>alert(1)</script> & <b>",
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;",
        ),
        ("line\nbreak\r\n# heading\u2028next\x85end", "line break \\# heading next end"),
        ("*bold* _it_ [link](x) \\", "\\*bold\\* \\_it\\_ \\[link\\](x) \\\\"),
        ("title\x1b]0;owned\x07\u202egnp", "title\\\\x1b\\]0;owned\\\\x07\\\\u202egnp"),
    ],
)
def test_markdown_text_is_one_inert_line(text: str, shown: str) -> None:
    assert markdown_text(text) == shown


def test_review_markdown_escapes_cells_as_diff_markdown_does() -> None:
    hostile = "DB | `x` <b>\n| forged | row |"
    section = Section(
        key="grows",
        title="Grows 10x?",
        answer=hostile,
        items=[Item(hostile, "warning")],
        header=("component", "load"),
        rows=[(hostile, "1")],
    )
    review = Review(hostile, None, {}, [], [section], [], [], {}, {}, 10.0)
    text = review_markdown(review)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[1] == f"| {markdown_text(hostile)} | 1 |"
    assert not any(line.startswith("| forged") for line in text.splitlines())


def test_printable_lines_keeps_our_breaks_and_escapes_theirs() -> None:
    assert printable_joined(["ours", "theirs\nforged", "x\u2028y"]) == (
        "ours\ntheirs\\nforged\nx\\u2028y"
    )
