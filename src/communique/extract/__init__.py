"""The `extract` stage (stage.py): facts with evidence — partnerships, events, statement clauses
and commitments, targets and figures. Modules: dates, context, partnerships, events, statements,
pillars, commitments, targets; per-language data in lang/ and data/."""
