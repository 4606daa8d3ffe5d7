"""Edits of the `import:` block: a person confirming (or un-confirming) an importer's guess."""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.model.edit_base import Edit, EditError
from archdraw.model.types import Design


@dataclass(frozen=True)
class SetImportConfirmed(Edit):
    """Set `confirmed` on the import entries of the named elements (component and zone ids,
    link keys). The inverse restores each entry's previous value."""

    confirmed: tuple[tuple[str, bool], ...]
    label: str = "Confirm import guess"

    def apply(self, design: Design) -> Edit:
        block = design.imported
        if block is None:
            raise EditError("this design has no import block: nothing to confirm")
        entries = {element.subject: element for element in block.elements}
        missing = [subject for subject, _ in self.confirmed if subject not in entries]
        if missing:
            raise EditError(f"'{missing[0]}' has no entry in the import block")
        previous = tuple((subject, entries[subject].confirmed) for subject, _ in self.confirmed)
        for subject, value in self.confirmed:
            entries[subject].confirmed = value
        return SetImportConfirmed(previous, label=self.label)

    def touched(self) -> frozenset[str]:
        return frozenset(subject for subject, _ in self.confirmed)


def confirm(subjects: list[str], confirmed: bool = True) -> SetImportConfirmed:
    label = "Confirm import guess" if confirmed else "Unconfirm import guess"
    return SetImportConfirmed(tuple((s, confirmed) for s in subjects), label=label)
