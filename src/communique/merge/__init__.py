"""Across documents: events reported by many documents grouped into one (more to come: near
duplicates, cross-lingual alignment of commitments)."""
