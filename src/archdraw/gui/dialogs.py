"""Dialogs the editor shows: file problems (file:line:col), the rules reference."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class ProblemDialog(QDialog):
    """Lists problems as `file:line:col: message`, selectable for copying."""

    def __init__(
        self, title: str, summary: str, problems: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 360)
        self.summary, self.problems = summary, problems
        text = QPlainTextEdit("\n".join(problems))
        text.setReadOnly(True)
        text.setObjectName("problem-list")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        label = QLabel(summary)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)


def rules_reference_html() -> str:
    from archdraw.lint import all_rules

    rows = []
    for rule in all_rules():
        rows.append(
            f"<h3>{rule.code} {html.escape(rule.name)} <small>({rule.severity.value})</small></h3>"
            f"<p><b>{html.escape(rule.title)}</b></p><p>{html.escape(rule.why)}</p>"
            f"<p><i>Fix:</i> {html.escape(rule.fix)}</p>"
        )
    return "<h2>Lint rules</h2>" + "".join(rows)


class RulesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rules reference")
        self.resize(720, 640)
        browser = QTextBrowser()
        browser.setHtml(rules_reference_html())
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
