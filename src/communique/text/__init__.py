"""The ground floor: text primitives that clean, link and extract share (and import from here,
never from each other).

- `normalize`: folding (`fold`), tone-mark placement (`tone_normal`), Simplified script
  (`to_simplified`), the event-word form (`search_form`), `is_word_char`;
- `words`: the word index (`WordIndex`, `find_word`, `has_word`) and its one boundary rule;
- `sentences`: the one sentence splitter (`sentence_spans`), abbreviations in `data/sentences.yaml`;
- `passages`: the pieces of a body that search by meaning embeds (`passage_spans`, `chunks`, `text_key`);
- `dates`: dates in text, metadata and URLs, words per language in `data/dates/<code>.yaml`;
- `numerals`: Chinese numerals and amounts;
- `spans`: choosing among overlapping spans; `patterns`: regex first-character prefilters;
- `languages`: loading per-language data folders (one YAML file per language, same keys).
"""
