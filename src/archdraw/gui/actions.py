"""Menus, toolbar and shortcuts of the main window."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMenu

from archdraw.gui.arranging import arrange_commands
from archdraw.gui.connecting import CONNECT_KEY, CONNECT_WORDS, SelectionOrder, connect_selected
from archdraw.gui.theme import THEME_CHOICES
from archdraw.model import LINK_KINDS

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


def add_action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: Key | str | None = None,
    name: str = "",
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    action.setObjectName(name or text.lower().replace(" ", "-").replace("…", ""))
    menu.addAction(action)
    window.actions_by_name[action.objectName()] = action
    return action


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys, and both common ones: on X11 Qt binds only
    `Ctrl+Shift+Z`, but Linux users press `Ctrl+Y` too (as the README's table says)."""
    keys = list(QKeySequence.keyBindings(Key.Redo))
    for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
        if QKeySequence(extra) not in keys:
            keys.append(QKeySequence(extra))
    return keys


def zoom_in_keys() -> list[QKeySequence]:
    """The platform's Zoom In keys and `Ctrl+=`: `Ctrl++` needs Shift on most keyboards,
    and the key users press, the one that reads "=" unshifted, zoomed nothing."""
    keys = list(QKeySequence.keyBindings(Key.ZoomIn))
    if QKeySequence("Ctrl+=") not in keys:
        keys.append(QKeySequence("Ctrl+="))
    return keys


def delete_keys() -> list[QKeySequence]:
    """The platform's Delete keys but `Ctrl+D`: X11 binds that to Delete as well, and two
    actions on one key make Qt run neither, so Duplicate (`Ctrl+D`) did nothing."""
    return [k for k in QKeySequence.keyBindings(Key.Delete) if k != QKeySequence("Ctrl+D")]


def rename_selected(window: MainWindow) -> None:
    """F2: rename the one selected component, zone or link in place, as a double-click
    does (without a mouse, Properties' Label field was the only way)."""
    chosen = window.scene.selectedItems()
    if len(chosen) != 1:
        window.statusBar().showMessage("Select one component, zone or link to rename it", 5000)
        return
    window.view.ensureVisible(chosen[0].sceneBoundingRect(), 20, 20)
    window.view.interactions.start_rename(chosen[0])


ADD_KEY = "Ctrl+Shift+A"


def empty_canvas_hint() -> str:
    """What an empty canvas says: every way to add a component (a new user who never
    drags finds the other two here), then every way to open a design."""
    key = QKeySequence(ADD_KEY).toString(QKeySequence.SequenceFormat.NativeText)
    return (
        "Drag components here from the palette, or double-click one there,\n"
        f"or press {key} (Edit > Add Component), type a name and press Enter;\n"
        "or open a design: File > Open, File > Open Sample, or drop a file"
    )


def add_component(window: MainWindow) -> None:
    """Ctrl+Shift+A: the keys go to the palette's filter (its dock shown), where typing a type's
    name and Enter adds one. Tab from the canvas goes to the selection's fields, so the
    palette was out of the keyboard's reach once anything was selected."""
    dock = window.findChild(QDockWidget, "dock-palette")
    if dock is not None:
        dock.show()
        dock.raise_()
    window.palette_panel.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.palette_panel.filter.selectAll()


def open_review(window: MainWindow) -> None:
    from archdraw.gui.review_dialog import ReviewDialog

    dialog = ReviewDialog(window)
    dialog.setObjectName("review-dialog")
    dialog.open()


def build_menus(window: MainWindow) -> None:
    files, bar = window.files, window.menuBar()
    file_menu = bar.addMenu("&File")
    add_action(window, file_menu, "New", files.new, Key.New)
    add_action(window, file_menu, "Open…", files.open_dialog, Key.Open, "open")
    window.recent_menu = file_menu.addMenu("Open Recent")
    add_action(window, file_menu, "Open Sample…", files.open_sample, None, "open-sample")
    file_menu.addSeparator()
    add_action(window, file_menu, "Save", files.save, Key.Save)
    add_action(window, file_menu, "Save As…", files.save_as, Key.SaveAs, "save-as")
    add_action(window, file_menu, "Export…", files.export, "Ctrl+E", "export")
    file_menu.addSeparator()
    add_action(window, file_menu, "Quit", window.close, Key.Quit)

    edit = bar.addMenu("&Edit")
    undo = window.stack.createUndoAction(window, "Undo")
    undo.setShortcuts(Key.Undo)
    redo = window.stack.createRedoAction(window, "Redo")
    redo.setShortcuts(redo_keys())
    edit.addActions([undo, redo])
    window.actions_by_name.update(undo=undo, redo=redo)
    edit.addSeparator()
    add = functools.partial(add_component, window)
    add_action(window, edit, "Add Component…", add, ADD_KEY, "add-component")
    add_action(window, edit, "Cut", window.cut, Key.Cut)
    add_action(window, edit, "Copy", window.copy, Key.Copy)
    add_action(window, edit, "Paste", window.paste, Key.Paste)
    add_action(window, edit, "Duplicate", window.duplicate, "Ctrl+D")
    add_action(window, edit, "Rename", functools.partial(rename_selected, window), "F2")
    add_action(window, edit, "Group into Zone", window.group_into_zone, "Ctrl+G", "group")
    order = SelectionOrder(window)
    connect = functools.partial(connect_selected, window, order)
    order.action = add_action(window, edit, CONNECT_WORDS, connect, CONNECT_KEY, "connect-selected")
    delete = add_action(window, edit, "Delete", window.delete_selection)
    delete.setShortcuts(delete_keys())
    arrange = edit.addMenu("Arrange")
    for text, slot, shortcut, name in arrange_commands(window):
        add_action(window, arrange, text, slot, shortcut, name)
    edit.addSeparator()
    add_action(window, edit, "Select All", window.select_all, Key.SelectAll, "select-all")
    add_action(window, edit, "Find…", window.open_find, Key.Find, "find")

    view = bar.addMenu("&View")
    zoom_in = add_action(
        window, view, "Zoom In", lambda: window.view.zoom_by(1.25), None, "zoom-in"
    )
    zoom_in.setShortcuts(zoom_in_keys())
    add_action(window, view, "Zoom Out", lambda: window.view.zoom_by(0.8), Key.ZoomOut, "zoom-out")
    add_action(window, view, "Fit", window.view.fit, "Ctrl+0", "fit")
    add_action(window, view, "Actual Size", window.view.actual_size, "Ctrl+1", "actual-size")
    view.addSeparator()
    add_action(window, view, "Auto Layout", window.auto_layout, "Ctrl+L", "auto-layout")
    add_action(
        window,
        view,
        "Design Review…",
        functools.partial(open_review, window),
        "Ctrl+Shift+R",
        "design-review",
    )
    grid = add_action(window, view, "Grid", window.toggle_grid, "Ctrl+'", "grid")
    grid.setCheckable(True)
    grid.setChecked(True)
    snap = add_action(window, view, "Snap to Grid", window.toggle_snap, None, "snap")
    snap.setCheckable(True)
    snap.setChecked(True)
    view.addSeparator()
    themes = QActionGroup(window)
    for choice in THEME_CHOICES:
        action = add_action(
            window,
            view,
            f"{choice.capitalize()} Theme",
            functools.partial(window.set_theme, choice),
            None,
            f"theme-{choice}",
        )
        action.setCheckable(True)
        action.setChecked(choice == window.theme_choice)
        themes.addAction(action)
    view.addSeparator()
    window.docks_menu = view.addMenu("Panels")

    help_menu = bar.addMenu("&Help")
    add_action(window, help_menu, "Rules Reference", window.show_rules, Key.HelpContents, "rules")
    add_action(window, help_menu, "About archdraw", window.show_about, None, "about")


def build_toolbar(window: MainWindow) -> None:
    toolbar = window.addToolBar("Tools")
    toolbar.setObjectName("tools")
    connect = QAction("Connect", window)
    connect.setObjectName("connect-tool")
    connect.setCheckable(True)
    connect.setShortcut(QKeySequence("C"))
    connect.setToolTip("Connect tool (C): drag from one component to another to link them")
    connect.toggled.connect(lambda on: setattr(window.view.interactions, "connect_tool", on))
    toolbar.addAction(connect)
    window.actions_by_name["connect-tool"] = connect
    toolbar.addWidget(QLabel(" link kind "))
    kind = QComboBox()
    kind.setObjectName("link-kind")
    kind.addItems(list(LINK_KINDS))
    kind.setToolTip("Kind of new links: sync (solid), async (dashed), replication (dotted)")
    kind.currentTextChanged.connect(lambda text: setattr(window.editing, "link_kind", text))
    toolbar.addWidget(kind)
    window.link_kind_box = kind
    toolbar.addSeparator()
    for name in ("fit", "zoom-in", "zoom-out", "auto-layout"):
        toolbar.addAction(window.actions_by_name[name])
