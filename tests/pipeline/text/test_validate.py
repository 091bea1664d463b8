"""The validation layer: text, dates, figures and JSON records as they enter (issue 15)."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from pipeline.errors import InputError
from pipeline.text import validate


def test_line_separators_become_newlines_and_nul_is_stripped():
    text = "a\u2028b\u2029c\x85d\r\ne\rf\x0bg\x0ch\x00i\x1fj\ud800"
    assert validate.clean_text(text) == "a\nb\nc\nd\ne\nf\ng\nh" + "ij\ufffd"
    assert len(validate.clean_text(text).splitlines()) == 8


def test_cleaning_for_offsets_keeps_every_position():
    text = "Shelling\x00 hit \ud800Lviv\u2028on Friday."
    cleaned = validate.clean_text_keeping_offsets(text)
    assert len(cleaned) == len(text) and cleaned.index("Lviv") == text.index("Lviv")
    assert "\x00" not in cleaned and "\ud800" not in cleaned


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                           (codecs.BOM_UTF8, "utf-8")])
def test_utf16_file_with_a_bom_is_decoded_not_called_binary(bom, encoding):
    """Issue 15 item 15: UTF-16 files were called "binary"."""
    data = bom + "date 2023-03-10\r\nShelling hit Kharkiv.\r\n".encode(encoding)
    assert validate.decode_text("a.txt", data) == "date 2023-03-10\nShelling hit Kharkiv.\n"


def test_utf16_without_a_bom_gets_a_clear_line():
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        validate.decode_text("a.txt", "Shelling hit Kharkiv.".encode("utf-16-le"))


def test_nul_bytes_after_the_first_4kb_are_stripped():
    """Issue 15 item 15: NUL bytes after the first 4 KB passed into the outputs."""
    data = b"x" * 5000 + b"Shelling\x00 hit Lviv.\x00"
    assert validate.decode_text("a.txt", data) == "x" * 5000 + "Shelling hit Lviv."


def test_a_binary_file_is_still_refused_in_one_line():
    with pytest.raises(InputError, match="binary"):
        validate.decode_text("image.txt", bytes(range(256)) * 20)


@pytest.mark.parametrize("value", ["1022-05-01", "9876-01-01", "1899-12-31"])
def test_implausible_dates_are_rejected_and_recorded(value):
    with validate.collect_rejections() as rejected:
        assert validate.check_iso_date(value) is None
    (rejection,) = rejected
    assert rejection.value == value and "1900" in rejection.message()


def test_plausible_dates_pass():
    first, last = validate.year_range(date(2024, 6, 1))
    assert (first, last) == (1900, 2025)
    assert validate.check_iso_date("2022-09-30") == date(2022, 9, 30)


@pytest.mark.parametrize("digits, expected", [("25", 25), ("1,200", 1200), ("0007", 7), ("10000000", 10_000_000),
                                              ("10000001", None), ("99999999999999999999", None),
                                              ("9" * 5000, None)])
def test_casualty_figures_above_ten_million_are_rejected(digits, expected):
    with validate.collect_rejections() as rejected:
        assert validate.check_figure(digits) == expected
    assert len(rejected) == (expected is None)


@pytest.mark.parametrize("line", ['{"id": NaN}', '{"id": Infinity}', '{"id": -Infinity}', '{"id": 1e400}',
                                  '{"id": ' + "9" * 5000 + "}"])
def test_non_portable_json_numbers_are_refused(line):
    with pytest.raises(ValueError):
        validate.loads_json(line)


@pytest.mark.parametrize("value, ok", [("a", True), (3, True), (2.5, True), (None, True), ("\ud800", False),
                                       ([1], False), ({"a": 1}, False), (True, False)])
def test_record_ids(value, ok):
    assert (validate.check_record_id(value) is None) == ok
