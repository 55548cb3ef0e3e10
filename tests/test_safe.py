"""Outside text as a Markdown code span: every character kept, nothing rendered."""

from __future__ import annotations

from ui.safe import plain


def test_outside_text_becomes_one_code_span_with_every_character():
    assert plain("**bold** [x](http://a.b)") == "` **bold** [x](http://a.b) `"


def test_backticks_inside_get_a_longer_fence_and_newlines_become_spaces():
    assert plain("a `b` ``c``\nd\x00e") == "``` a `b` ``c`` d e ```"
    assert plain("`starts") == "`` `starts ``"


def test_long_text_is_cut_and_empty_text_stays_empty():
    assert plain("x" * 600, limit=10) == "` " + "x" * 9 + "… `"
    assert plain("  \n ") == ""
