"""Reading article files and folders (issue 15 items 9 and 15)."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.text.articles import find_article_files, make_article, read_article


def _tree(root: Path) -> Path:
    for relative in ("x.txt", "a/x.txt", "a/deeper/y.md", "b/x.txt", "notes.json", "story.text", "x.txt.meta.json",
                     ".hidden.txt", ".git/config.txt"):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}" if relative.endswith(".json") else "Shelling hit Kharkiv.\n", encoding="utf-8")
    return root


def test_subfolders_are_walked_and_same_names_stay_distinct(tmp_path):
    """Item 9: subfolders were not walked; two x.txt in different folders shared one name."""
    found = find_article_files([_tree(tmp_path / "in")])
    assert [name for _, name in found.files] == ["a/deeper/y.md", "a/x.txt", "b/x.txt", "story.text", "x.txt"]
    assert found.errors == []


def test_files_that_are_not_articles_are_reported_as_skipped(tmp_path):
    """Item 9: .json files were skipped silently (.text is now read as text)."""
    found = find_article_files([_tree(tmp_path / "in")])
    (line,) = found.skipped
    assert "notes.json" in line and "skipped" in line


def test_an_unreadable_subfolder_is_reported_and_skipped(tmp_path, monkeypatch):
    """Item 9: an unreadable subfolder aborted the whole build with a PermissionError."""
    root = _tree(tmp_path / "in")
    locked = root / "a"
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if isinstance(path, (str, Path)) and Path(path) == locked:  # as chmod 000 would, even for root
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    found = find_article_files([root])
    assert [name for _, name in found.files] == ["b/x.txt", "story.text", "x.txt"]
    (line,) = found.errors
    assert str(locked) in line and "Permission denied" in line


def test_same_name_from_two_given_folders_keeps_full_paths(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("Shelling hit Kharkiv.\n", encoding="utf-8")
    found = find_article_files([tmp_path / "one", tmp_path / "two"])
    assert [name for _, name in found.files] == [str(tmp_path / "one" / "x.txt"), str(tmp_path / "two" / "x.txt")]


def test_utf16_article_is_read(tmp_path):
    """Item 15: UTF-16 files were called "binary"."""
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffdate 2023-03-10\r\nShelling hit Kharkiv.\r\n".encode("utf-16-le"))
    article = read_article(path)
    assert article.text == "date 2023-03-10\nShelling hit Kharkiv.\n"
    assert article.published.date == "2023-03-10"


def test_pasted_text_and_sidecar_values_are_normalised():
    article = make_article("p.txt", "Title\u2028line\x00\nShelling hit Kharkiv.",
                           {"title": "A\u2029B", "date": "2023-03-10", "nested": {"x": 1}})
    assert article.text == "Title\nline\nShelling hit Kharkiv."
    assert article.title == "A B" and article.meta == {"title": "A B", "date": "2023-03-10"}


def test_sidecar_with_nan_is_a_clear_error(tmp_path):
    import pytest

    from pipeline.errors import InputError

    (tmp_path / "a.txt").write_text("Shelling hit Kharkiv.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"date": "2023-03-10", "score": NaN}', encoding="utf-8")
    with pytest.raises(InputError, match="a.txt.meta.json"):
        read_article(tmp_path / "a.txt")
