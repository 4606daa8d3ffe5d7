"""Compose `extends`: a service built on another one, in the same file or another file.

The base service's attributes are merged under the extending one's with the rules of
`-f` overrides (the Compose specification's merge rules, `!reset` and `!override` too).
A base in another file is read with the same limits and interpolation and is not itself
part of the project; a chain that comes back on itself is an error naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from archdraw.imports.compose_files import merge
from archdraw.imports.inputs import YamlDocument, fail

# A file's services, read and interpolated, and the document they were read from.
Services = dict[str, Any]
Loader = Callable[[Path], tuple[Services, YamlDocument]]

_MAX_CHAIN = 32


class Extends:
    def __init__(self, load: Loader) -> None:
        self.load = load
        self.files: dict[Path, Services] = {}
        self.documents: dict[Path, YamlDocument] = {}
        self.names: dict[Path, str] = {}  # each file as the user named it, for messages

    def resolve_file(self, name: str, services: Services, document: YamlDocument) -> Services:
        """Every service of the file `name` with its `extends` chain merged in."""
        path = Path(name).resolve()
        self.files[path], self.documents[path], self.names[path] = services, document, name
        return {name: self.service(path, name, ()) for name in services}

    def service(self, path: Path, name: str, chain: tuple[tuple[Path, str], ...]) -> Any:
        services = self.files[path]
        body = services[name]
        extends = body.get("extends") if isinstance(body, dict) else None
        if extends is None:
            return body
        where = f"services.{name}.extends"
        line = self.documents[path].line("services", name, "extends")
        shown_path = self.names.get(path, str(path))
        if (path, name) in chain or len(chain) > _MAX_CHAIN:
            shown = " -> ".join(n for _, n in (*chain, (path, name)))
            message = f"{where}: the extends chain comes back on itself ({shown})"
            raise fail(shown_path, message, line)
        if isinstance(extends, str):
            extends = {"service": extends}
        base_name = extends.get("service") if isinstance(extends, dict) else None
        if not isinstance(base_name, str):
            message = f"{where}: needs 'service' (the name of the service to extend)"
            raise fail(shown_path, message, line)
        base_path = path
        if isinstance(extends.get("file"), str):
            base_path = (path.parent / extends["file"]).resolve()
            if not base_path.is_file():
                message = f"{where}: no file {extends['file']} (looked for {base_path})"
                raise fail(shown_path, message, line)
            if base_path not in self.files:
                self.files[base_path], self.documents[base_path] = self.load(base_path)
        if base_name not in self.files[base_path]:
            message = f"{where}: no service '{base_name}' in {base_path.name}"
            raise fail(shown_path, message, line)
        base = self.service(base_path, base_name, (*chain, (path, name)))
        own = {key: value for key, value in body.items() if key != "extends"}
        return merge(base if isinstance(base, dict) else {}, own)
