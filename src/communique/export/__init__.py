"""The public export contract (`communique.export/1`): building, writing, validating."""

from communique.export.contract import SCHEMA_ID, build_export, iter_sections, validate
from communique.export.writers import write_export

__all__ = ["SCHEMA_ID", "build_export", "iter_sections", "validate", "write_export"]
