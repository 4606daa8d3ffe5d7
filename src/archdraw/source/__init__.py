"""Reading YAML safely, with the file position of every value. No archdraw knowledge.

Used by `archdraw.library` (component type files) and `archdraw.io` (designs).
"""

from archdraw.source.json_reader import read_json
from archdraw.source.limits import Limits
from archdraw.source.locations import Locations
from archdraw.source.printable import markdown_text, printable, printable_joined
from archdraw.source.problems import Problem, SourceError
from archdraw.source.reader import read_yaml, read_yaml_documents
from archdraw.source.writer import FlowMap, FlowSeq, write_yaml

__all__ = [
    "FlowMap",
    "FlowSeq",
    "Limits",
    "Locations",
    "Problem",
    "SourceError",
    "markdown_text",
    "printable",
    "printable_joined",
    "read_json",
    "read_yaml",
    "read_yaml_documents",
    "write_yaml",
]
