"""Reading and writing design files: positions in errors, atomic and deterministic saves."""

from archdraw.io.errors import DesignError, Problem
from archdraw.io.load import LoadedDesign, load, loads
from archdraw.io.locations import ElementLocations
from archdraw.io.save import dumps, save
from archdraw.source import Limits

__all__ = [
    "DesignError",
    "ElementLocations",
    "Limits",
    "LoadedDesign",
    "Problem",
    "dumps",
    "load",
    "loads",
    "save",
]
