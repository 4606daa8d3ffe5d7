"""The Analysis panel's Why column names components by their labels (issue 14): failing one
node of the e-commerce sample's catalog cache sends its misses on to 'Catalog', which the
Component column uses too, never to the raw id `catalog_db`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton

from .conftest import load_into

SAMPLES = Path(__file__).parents[2] / "sample_designs"


def test_a_caches_misses_are_named_by_the_stores_label(window, qtbot):  # type: ignore[no-untyped-def]
    panel = window.analysis_panel
    load_into(window, (SAMPLES / "ecommerce.archdraw.yaml").read_text(encoding="utf-8"))
    window.scene.select_ids(["catalog_cache"])
    box = panel.findChild(QCheckBox, "analysis-all-instances")
    if box.isChecked():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.findChild(QPushButton, "analysis-fail"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Failing" in panel.message.text())
    rows = {row[0]: row for row in panel.failure_components.texts()}
    why = rows["Catalog cache"][3]
    assert "33% of its hits go on to 'Catalog' (inferred from the links;" in why
    assert "catalog_db" not in why


def test_a_failed_zone_is_named_by_its_label(window, qtbot):  # type: ignore[no-untyped-def]
    panel = window.analysis_panel
    load_into(window, (SAMPLES / "payment-gateway.archdraw.yaml").read_text(encoding="utf-8"))
    window.scene.select_ids(["pci"])
    qtbot.mouseClick(panel.findChild(QPushButton, "analysis-fail"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Failing" in panel.message.text())
    assert panel.message.text().startswith("Failing network PCI cardholder-data segment:")
    rows = {row[0]: row for row in panel.failure_components.texts()}
    assert rows["Card vault (tokenizer)"][3] == "network 'PCI cardholder-data segment' failed"
