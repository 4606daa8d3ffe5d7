"""New, open, save, recent files, samples, export and recovery for one window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from archdraw.crash import internal_error_message
from archdraw.gui.autosave import AutosaveEntry, pending_autosaves, read_autosave
from archdraw.gui.dialogs import ProblemDialog
from archdraw.gui.exporting import export_dialog, export_to
from archdraw.gui.file_names import DESIGN_SUFFIX, name_from_file, slug
from archdraw.gui.heap import forget, settle_long_lived
from archdraw.gui.layout_job import place_unpositioned
from archdraw.gui.loading import (
    ITEMS_PER_TICK,
    OPEN_IN_BACKGROUND_ABOVE,
    LoadProgress,
    Opening,
    Prepared,
)
from archdraw.gui.pending import enter_pending
from archdraw.gui.recovery import RecoveryDialog
from archdraw.gui.settings import settings
from archdraw.gui.status_path import show_path_message
from archdraw.io import DesignError, ElementLocations, LoadedDesign, load, save
from archdraw.model import Design, Document, new_design
from archdraw.model.edits import SetDesignInfo

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

FILE_FILTER = "archdraw designs (*.archdraw.yaml *.yaml *.yml);;All files (*)"
MAX_RECENT = 10
UNTITLED = new_design().name  # what a new design is called until it is named
NEW = "New design"  # the History tab's first line for it


def opened_words(path: Path, as_copy: bool) -> str:
    """The History tab's first line for a design opened from `path` (a sample opens as a
    copy, saved elsewhere)."""
    return f"Opened a copy of {path.name}" if as_copy else f"Opened {path.name}"


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_problems: ProblemDialog | None = None
        self.opening: Opening | None = None
        self.progress = LoadProgress()
        window.statusBar().addWidget(self.progress)
        self.progress.cancel.clicked.connect(lambda: self.stop_opening())

    @property
    def document(self) -> Document:
        return self.window.document

    # Opening ------------------------------------------------------------------
    def show_problems(self, title: str, summary: str, problems: list[str]) -> None:
        dialog = ProblemDialog(title, summary, problems, self.window)
        self.last_problems = dialog
        dialog.open()

    def open_path(self, path: str | Path, as_copy: bool = False) -> bool:
        """Open a file; a bad one shows its problems and leaves the current design alone.

        A big file opens in the background (`open_in_background`): True then means the
        open has started, and `opening` is set until it ends."""
        path = Path(path)
        if not _exists(path):  # a mistyped name or a moved file: not a file with problems
            where = path.absolute()
            self.show_problems(
                "Cannot open design",
                f"{where} does not exist; nothing was opened.",
                [f"{where}: no such file"],
            )
            return False
        if _opens_in_background(path):
            self.open_in_background(path, as_copy)
            return True
        try:
            loaded = load(path, self.window.library)
        except Exception as error:
            self.cannot_open(path, error)
            return False
        if not self.confirm_discard():
            return False
        note = place_unpositioned(loaded.design, self.window.library)
        self.replace(
            loaded.design, None if as_copy else path.resolve(), origin=opened_words(path, as_copy)
        )
        self.opened(path, as_copy, note)
        return True

    def cannot_open(self, path: Path, error: BaseException) -> None:
        """Say why `path` did not open (the current design stays)."""
        if isinstance(error, DesignError):
            problems = [str(p) for p in error.problems] or [f"{path}: cannot be opened"]
            self.show_problems(
                "Cannot open design", f"{path.name} has problems; nothing was opened.", problems
            )
        elif isinstance(error, OSError):
            self.show_problems(
                "Cannot open design",
                f"{path} cannot be read.",
                [f"{path}: {error.strerror or error}"],
            )
        else:  # a bug in the loader must not take the editor down
            self.show_problems(
                "Cannot open design",
                f"Opening {path.name} failed: nothing was opened.",
                [internal_error_message(error)],
            )

    def opened(self, path: Path, as_copy: bool, note: str | None) -> None:
        if not as_copy:
            self.add_recent(path.resolve())
        if note:
            self.window.statusBar().showMessage(note, 8000)

    def open_in_background(self, path: Path, as_copy: bool = False) -> None:
        """Open a big file while the window stays responsive (`archdraw.gui.loading`);
        `opening` is the open under way until it ends."""

        def accept(prepared: Prepared) -> None:
            design, origin = prepared.loaded.design, opened_words(path, as_copy)
            self.replace(design, None if as_copy else path.resolve(), origin=origin)
            self.opened(path, as_copy, prepared.note)

        self.in_background(path, None, accept, lambda e: self.cannot_open(path, e))

    def in_background(
        self,
        path: Path,
        read: Callable[[], LoadedDesign] | None,
        opened: Callable[[Prepared], None],
        failed: Callable[[BaseException], None],
        verb: str = "Opening",
    ) -> None:
        self.stop_opening()

        def accept(prepared: Prepared) -> Iterator[tuple[int, int]] | None:
            if not self.confirm_discard():
                return None
            design, scene, view = prepared.loaded.design, self.window.scene, self.window.view
            view.show_blank()  # until the scene is complete
            self.window.lint.adopt(design, prepared.lint)
            # Items made with the far-zoom flag if the fitted view will want it (see
            # `update_level_of_detail`), rather than set on each once fitted.
            scene.prepare(design, prepared.drawing, view.fits_far(prepared.drawing))
            opened(prepared)
            return scene.build_items(ITEMS_PER_TICK)

        opening = Opening(path, self.window.library, self.progress, accept, failed, read, verb)
        opening.finished.connect(lambda opened: self._opening_ended(opening, opened))
        self.opening = opening
        self._show_busy(f"{verb} {path.name}…")
        opening.start()

    def _show_busy(self, text: str | None) -> None:
        self.window.view.busy_text = text
        self.window.view.viewport().update()

    def _opening_ended(self, opening: Opening, opened: bool) -> None:
        if self.opening not in (None, opening):
            return  # another open is under way: it shows and fits its design when it ends
        self.opening = None
        self._show_busy(None)
        self.window.view.show_design()
        if opened:
            self.window.view.fit_readable()  # now that the canvas has its items
            settle_long_lived()

    def stop_opening(self, wait_s: float = 0.0) -> None:
        """Cancel an open under way; `wait_s`: wait that long for its worker to stop."""
        opening = self.opening
        if opening is not None:
            opening.cancel()
            if wait_s and opening.worker.is_alive():
                opening.worker.join(wait_s)

    def replace(
        self, design: Design, path: Path | None, saved: bool = True, origin: str | None = None
    ) -> None:
        """Swap in `design`; `origin`: where it came from, the first line of the History tab
        (the step Undo goes back to), "Opened shop.archdraw.yaml" or "New design" by default."""
        forget(self.document.design)  # if it outlives its drawing and items, the heap says
        self.window.autosave.discard()
        self.window.history.setEmptyLabel(origin or (f"Opened {path.name}" if path else NEW))
        self.document.replace(design, path, saved)
        if self.window.view.showing_design:  # else fitted once it is complete
            self.window.view.fit_readable()
        self.window.update_title()
        settle_long_lived()

    def new(self) -> None:
        if self.confirm_discard():
            self.replace(new_design(), None)

    def last_folder(self) -> str:
        """Where the Open dialog starts: the current file's folder, else the last one used."""
        if self.document.path is not None:
            return str(self.document.path.parent)
        return str(settings().value("last_folder", "") or "")

    def remember_folder(self, path: Path) -> None:
        settings().setValue("last_folder", str(path.resolve().parent))

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Open design", self.last_folder(), FILE_FILTER
        )
        if name:
            self.remember_folder(Path(name))
            self.open_path(name)

    def open_sample(self) -> None:
        from archdraw.gui.gallery import SampleGallery

        gallery = SampleGallery(self.window.library, self.window.theme, self.window)
        chosen = gallery.chosen() if gallery.exec() else None
        if chosen is not None:
            self.open_path(chosen, as_copy=True)

    # Saving ---------------------------------------------------------------------
    def save(self) -> bool:
        enter_pending(self.window)
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        enter_pending(self.window)
        folder = Path(self.last_folder() or Path.home())
        name = f"{slug(self.document.design.name)}{DESIGN_SUFFIX}"
        suggested = self.document.path or folder / name
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save design", str(suggested), FILE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if not path.name.lower().endswith((".yaml", ".yml")):
            path = path.with_name(path.name + DESIGN_SUFFIX)  # "shop" -> "shop.archdraw.yaml"
        self.remember_folder(path)
        renamed = self._name_after(path)
        if self._write(path):
            return True
        if renamed:  # a Save As that wrote nothing changes nothing
            self.document.undo()
        return False

    def _name_after(self, path: Path) -> bool:
        """Name a design still called "Untitled design" after the file it is saved as
        ("online-checkout.archdraw.yaml": "online checkout"): one undoable edit, in the file
        written. A name the design states is the design's name and stays."""
        design = self.document.design
        name = name_from_file(path)
        if design.name != UNTITLED or name.lower() in ("", UNTITLED.lower()):
            return False  # named, or saved under the name suggested for an untitled one
        edit = SetDesignInfo(name, design.description, label="Name the design after its file")
        return self.window.editing.apply(edit)

    def _write(self, path: Path) -> bool:
        try:
            save(self.document.design, path)
        except OSError as error:
            self.show_problems("Cannot save", f"Saving to {path} failed.", [f"{path}: {error}"])
            return False
        self.document.mark_saved(path.resolve())
        self.window.autosave.discard()
        self.add_recent(path.resolve())
        self.window.update_title()
        show_path_message(self.window, "Saved", path, 4000)
        return True

    def confirm_discard(self) -> bool:
        """True when it is fine to drop the current design (saved, or the user said so)."""
        enter_pending(self.window)
        if not self.document.dirty:
            return True
        answer = self.window.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # Recent files, export, recovery ---------------------------------------------
    def recent(self) -> list[str]:
        value = settings().value("recent_files", [])
        items: list[object] = (
            [value]
            if isinstance(value, str)
            else list(value)
            if isinstance(value, list | tuple)
            else []
        )
        return [str(i) for i in items if i]

    def add_recent(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent() if p != str(path)]
        settings().setValue("recent_files", items[:MAX_RECENT])
        self.window.refresh_recent_menu()

    def export(self) -> None:
        export_dialog(self)

    def export_to(self, target: Path, chosen: str | None = None) -> bool:
        return export_to(self, target, chosen)

    def offer_recovery(self) -> bool:
        """Offer every autosave left by an editor that did not close; True if one was restored.

        Only the sessions the user discards are deleted; the others stay for next time."""
        entries = pending_autosaves(self.window.autosave.directory)
        if not entries:
            return False
        dialog = RecoveryDialog(entries, self.window)
        dialog.exec()
        entry = dialog.chosen
        if entry is None:
            return False
        if _opens_in_background(entry.data_path):
            self._recover_in_background(entry)
            return True
        try:
            design = read_autosave(entry, self.window.library)
        except (DesignError, OSError, ValueError) as error:
            self._cannot_restore(error)
            return False
        place_unpositioned(design, self.window.library)
        self._restored(design, entry)
        return True

    def _recover_in_background(self, entry: AutosaveEntry) -> None:
        """A big autosave is restored as a big file opens: read, drawn and linted in the
        background, with progress."""
        library = self.window.library

        def read() -> LoadedDesign:
            design = read_autosave(entry, library)
            return LoadedDesign(design, ElementLocations({}, {}, {}), None)

        def failed(error: BaseException) -> None:
            if isinstance(error, DesignError | OSError | ValueError):
                self._cannot_restore(error)
            else:
                self.cannot_open(entry.data_path, error)

        name = entry.original or entry.data_path
        self.in_background(name, read, lambda p: self._restored(p.loaded.design, entry), failed)

    def _restored(self, design: Design, entry: AutosaveEntry) -> None:
        where = entry.original.name if entry.original else "an unsaved design"
        self.replace(design, entry.original, saved=False, origin=f"Restored autosave of {where}")
        self.window.autosave.adopt(entry)
        self.window.update_title()

    def _cannot_restore(self, error: BaseException) -> None:
        self.show_problems("Cannot restore", "The autosaved design cannot be read.", [str(error)])


def _exists(path: Path) -> bool:
    """`path.exists()`, False where the system cannot even look (a name too long)."""
    try:
        return path.exists()
    except OSError:
        return False


def _opens_in_background(path: Path) -> bool:
    """Big enough to read in the background; a file that cannot be looked at is read at
    once, and that read says why it fails."""
    try:
        return path.is_file() and path.stat().st_size > OPEN_IN_BACKGROUND_ABOVE
    except OSError:
        return False
