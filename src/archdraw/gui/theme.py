"""Light, dark or follow-the-system: the Qt palette built from `archdraw.style` colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from archdraw.style import Theme, theme

THEME_CHOICES = ("light", "dark", "system")


def resolve(choice: str) -> Theme:
    if choice in ("light", "dark"):
        return theme(choice)
    hints = QGuiApplication.styleHints()
    dark = hints.colorScheme() == Qt.ColorScheme.Dark
    return theme("dark" if dark else "light")


def apply_palette(app: QApplication, chosen: Theme) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    if chosen.name == "dark":
        window, base, text = QColor("#1f242f"), QColor(chosen.background), QColor(chosen.text)
        colours = {
            QPalette.ColorRole.Window: window,
            QPalette.ColorRole.WindowText: text,
            QPalette.ColorRole.Base: base,
            QPalette.ColorRole.AlternateBase: QColor("#1c212b"),
            QPalette.ColorRole.Text: text,
            QPalette.ColorRole.Button: QColor("#2a303c"),
            QPalette.ColorRole.ButtonText: text,
            QPalette.ColorRole.ToolTipBase: QColor("#2a303c"),
            QPalette.ColorRole.ToolTipText: text,
            QPalette.ColorRole.PlaceholderText: QColor(chosen.muted_text),
            QPalette.ColorRole.Highlight: QColor("#1570ef"),
            QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
            QPalette.ColorRole.Link: QColor(chosen.selection),
            QPalette.ColorRole.Mid: QColor("#333741"),
            QPalette.ColorRole.Dark: QColor("#0c111d"),
        }
        for role, colour in colours.items():
            palette.setColor(role, colour)
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#61646c"))
        palette.setColor(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#61646c")
        )
        palette.setColor(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#61646c")
        )
    else:
        palette = app.style().standardPalette()
    app.setPalette(palette)
