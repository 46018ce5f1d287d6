"""Per-language data folders have one shape (communique.text.languages)."""

import pytest

from communique.text import languages
from communique.text.languages import LanguageDataError, language_files


@pytest.mark.parametrize("package, folder", [("communique.text", "data/dates"),
                                             ("communique.extract", "data/targets")])
def test_every_language_file_has_the_folder_shape(package, folder):
    files = language_files(package, folder)
    assert {"vi", "zh", "en"} <= set(files)
    shapes = {code: set(data) for code, data in files.items()}
    assert len({frozenset(keys) for keys in shapes.values()}) == 1


def _folder(tmp_path, monkeypatch, body: str):
    (tmp_path / "shape.yaml").write_text("words: []\nseparator: ''\n", encoding="utf-8")
    (tmp_path / "xx.yaml").write_text(body, encoding="utf-8")
    monkeypatch.setattr(languages.resources, "files", lambda package: tmp_path.parent)
    language_files.cache_clear()
    return tmp_path.name


def test_missing_keys_take_the_shape_default(tmp_path, monkeypatch):
    folder = _folder(tmp_path, monkeypatch, "words: [a, b]\n")
    try:
        assert language_files("any", folder)["xx"] == {"words": ["a", "b"], "separator": ""}
    finally:
        language_files.cache_clear()


@pytest.mark.parametrize("body, reason", [("wrods: [a]\n", "keys not in shape.yaml: wrods"),
                                          ("words: a\n", "words should be a list"),
                                          ("- a\n", "a mapping of keys is expected")])
def test_a_file_of_another_shape_is_refused_with_its_name(tmp_path, monkeypatch, body, reason):
    folder = _folder(tmp_path, monkeypatch, body)
    try:
        with pytest.raises(LanguageDataError, match=f"xx.yaml: {reason}"):
            language_files("any", folder)
    finally:
        language_files.cache_clear()
