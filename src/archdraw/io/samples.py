"""The sample designs shipped with archdraw: where they are and what each one is.

`list_samples` reads only each file's name and purpose (no validation against
the component library), so a gallery can list them quickly; open one with
`archdraw.io.load` as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SAMPLE_SUFFIX = ".archdraw.yaml"
NAIVE_SUFFIX = "-naive"


@dataclass(frozen=True)
class SampleInfo:
    path: Path
    name: str
    purpose: str
    naive: bool

    @property
    def slug(self) -> str:
        """The file name without `.archdraw.yaml`, e.g. "twitter-naive"."""
        return self.path.name.removesuffix(SAMPLE_SUFFIX)


def sample_dir(package_dir: Path | None = None) -> Path:
    """`sample_designs/` beside the sources, or the copy inside an installed wheel.

    `package_dir` is the `archdraw` package folder (default: this installation's).
    """
    package = package_dir if package_dir is not None else Path(__file__).resolve().parent.parent
    packaged = package / "_data" / "sample_designs"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "sample_designs"


def _loader() -> type[yaml.SafeLoader]:
    # libyaml's loader is several times faster; the pure-Python one is the fallback.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def read_sample_info(path: Path) -> SampleInfo | None:
    """Name and purpose of one sample file, or None when it cannot be read as a design."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    doc = data.get("doc")
    purpose = _text(doc.get("purpose")) if isinstance(doc, dict) else ""
    slug = path.name.removesuffix(SAMPLE_SUFFIX)
    name = _text(data.get("name")) or slug
    return SampleInfo(path=path, name=name, purpose=purpose, naive=slug.endswith(NAIVE_SUFFIX))


def list_samples(directory: Path | None = None) -> list[SampleInfo]:
    """Every readable `*.archdraw.yaml` in the sample folder, sorted by file name."""
    folder = directory if directory is not None else sample_dir()
    if not folder.is_dir():
        return []
    found = (read_sample_info(path) for path in sorted(folder.glob(f"*{SAMPLE_SUFFIX}")))
    return [info for info in found if info is not None]
