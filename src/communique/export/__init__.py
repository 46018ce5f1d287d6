"""The public export contract (`communique.export/2`; `/1` still written): building, writing, validating."""

from communique.export.contract import SCHEMA_ID, build_export, iter_sections, schema_id, validate
from communique.export.writers import write_export

__all__ = ["SCHEMA_ID", "build_export", "schema_id", "iter_sections", "validate", "write_export"]
