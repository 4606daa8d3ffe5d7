"""`import_files`: read the inputs, detect their format, run its importer, return the design."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from archdraw.imports.builder import DesignBuilder, ImportResult, imported_name
from archdraw.imports.inputs import FORMATS, detect, fail, read_bytes, yaml_documents
from archdraw.imports.mapping import MappingTables, load_mapping, user_mapping_files
from archdraw.library import Library
from archdraw.source import Limits


def design_name(paths: list[Path], fmt: str) -> str:
    first = paths[0]
    stem = first.name.split(".")[0]
    if stem in ("docker-compose", "compose", "main", "plan", "state", "manifest", "kustomization"):
        stem = first.resolve().parent.name or stem
    return imported_name(stem, fmt)


def import_files(
    paths: Iterable[Path | str],
    library: Library,
    fmt: str | None = None,
    mappings: Iterable[Path] = (),
    limits: Limits | None = None,
    user_mappings: bool = True,
    page: str | None = None,
    profiles: list[str] | None = None,
) -> ImportResult:
    """Import one or more files of one format; raise `SourceError` with file and place.

    `page` picks the page of a draw.io file (a name, a number from 1, or `all`: every page
    in a zone of its own); the first page is imported when it is not given. `profiles` are
    the active Compose profiles (`*`: all; default: `COMPOSE_PROFILES` in the .env file,
    else every service)."""
    # Another tool's file holds numbers no design means (sizes in bytes, times in ms) in
    # fields no import reads: they are read as they are, finite and of bounded length; the
    # builder keeps any over the design's bound out of the design.
    limits = replace(limits or Limits(), max_number=sys.float_info.max)
    files = [Path(p) for p in paths]
    if not files:
        raise fail("<import>", "no file to import")
    if fmt is not None and fmt not in FORMATS:
        raise fail(str(files[0]), f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    raws = [(str(path), read_bytes(path, limits)) for path in files]
    formats = {name: fmt or detect(name, raw, limits) for name, raw in raws}
    if len(set(formats.values())) > 1:
        listed = ", ".join(f"{name} is {kind}" for name, kind in formats.items())
        raise fail(raws[0][0], f"import files of one format at a time ({listed})")
    chosen = next(iter(formats.values()))
    if page is not None and chosen != "drawio":
        raise fail(raws[0][0], f"--page applies to draw.io files only (this is {chosen})")
    if profiles is not None and chosen != "compose":
        raise fail(raws[0][0], f"--profile applies to Compose files only (this is {chosen})")
    overrides = [*(user_mapping_files() if user_mappings else []), *mappings]
    mapping = load_mapping(library, overrides)
    builder = DesignBuilder(design_name(files, chosen), chosen, [n for n, _ in raws], library)
    _run(chosen, builder, mapping, raws, files, limits, page, profiles)
    return builder.finish()


def drawio_pages(path: Path | str, limits: Limits | None = None) -> list[str]:
    """The page names of a draw.io file, to choose from before importing; [] for any other
    format or a file that cannot be read (the import itself then says why)."""
    from archdraw.imports.drawio_read import pages
    from archdraw.imports.inputs import xml_root
    from archdraw.source import SourceError

    limits = limits or Limits()
    try:
        # Only XML can be draw.io: a big manifest or plan is not parsed just to say so
        # (the editor asks this on its UI thread, before importing in the background).
        with Path(path).open("rb") as stream:
            if not stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                return []
        raw = read_bytes(Path(path), limits)
        if detect(str(path), raw, limits) != "drawio":
            return []
        return [page.name for page in pages(xml_root(raw, str(path), limits), str(path), limits)]
    except (SourceError, OSError):
        return []


def _run(
    fmt: str,
    builder: DesignBuilder,
    mapping: MappingTables,
    raws: list[tuple[str, bytes]],
    files: list[Path],
    limits: Limits,
    page: str | None,
    profiles: list[str] | None,
) -> None:
    # Imported here so that importing one format does not load the others' modules.
    if fmt == "compose":
        from archdraw.imports.compose import ComposeImport
        from archdraw.imports.inputs import MERGE_TAGS

        documents = []
        for name, raw in raws:
            found = yaml_documents(raw, name, limits, MERGE_TAGS)
            if len(found) != 1:
                raise fail(name, "a Compose file holds exactly one YAML document")
            documents.append((name, found[0]))
        ComposeImport(builder, mapping, limits, profiles).run(documents, files[0].parent)
    elif fmt == "kubernetes":
        from archdraw.imports.kubernetes import KubernetesImport

        KubernetesImport(builder, mapping).run(
            [(name, doc) for name, raw in raws for doc in yaml_documents(raw, name, limits)]
        )
    elif fmt == "terraform":
        from archdraw.imports.terraform import TerraformImport
        from archdraw.source import read_json

        for name, raw in raws:
            TerraformImport(builder, mapping, name).run(read_json(raw, name, limits))
    else:
        from archdraw.imports.drawio import DrawioImport

        for name, raw in raws:
            DrawioImport(builder, mapping, name, limits, page).run(raw)
