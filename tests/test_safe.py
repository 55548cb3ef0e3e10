"""Outside text as a Markdown code span: every character kept, nothing rendered."""

from __future__ import annotations

import pytest

from ui.safe import plain


def test_outside_text_becomes_one_code_span_with_every_character():
    assert plain("**bold** [x](http://a.b)") == "` **bold** [x](http://a.b) `"


def test_backticks_inside_get_a_longer_fence_and_newlines_become_spaces():
    assert plain("a `b` ``c``\nd\x00e") == "``` a `b` ``c`` d e ```"
    assert plain("`starts") == "`` `starts ``"


def test_long_text_is_cut_and_empty_text_stays_empty():
    assert plain("x" * 600, limit=10) == "` " + "x" * 9 + "… `"
    assert plain("  \n ") == ""


def test_tables_of_figures_escape_every_text_and_take_markup_only_as_markup():
    import xml.etree.ElementTree as ET

    import pandas as pd

    from figures.markup import Markup
    from figures.sparklines import sparkline_svg
    from figures.tables import html_table
    from ui.safe import show_markup

    hostile = '<img src=x onerror="alert(1)">'
    svg = pd.Series([sparkline_svg([1.0, 2.0], "#000000")], dtype=object)  # a str column would drop the mark
    frame = pd.DataFrame({"Luku": [hostile], "Arvo": ["10 153"], "Kehitys": svg})
    markup = html_table(frame, "Luku", markup_columns=("Kehitys",))
    table = ET.fromstring(markup)  # well-formed: the hostile text is text, not an element
    row = table.find("tbody/tr")
    assert row[0].text == hostile and row[1].get("class") == "num" and row[2][0].tag == "svg"
    assert "<img" not in markup
    with pytest.raises(TypeError, match="markup cells take figures.markup.Markup"):
        html_table(frame.assign(Kehitys=[hostile]), "Luku", markup_columns=("Kehitys",))
    with pytest.raises(TypeError, match="show_markup takes figures.markup.Markup, not str"):
        show_markup(hostile)
    assert isinstance(markup, Markup)


def test_markup_travels_as_one_script_that_no_text_inside_can_end():
    import json

    from figures.markup import Markup
    from tests.shown import _SCRIPT
    from ui.safe import markup_script

    markup = Markup('<p title="a">&lt;/script&gt; ja </script><script>alert(1)</script>\u2028ä</p>')
    script = markup_script(markup)
    assert script.count("<") == 2 and script.startswith("<script>") and script.endswith("</script>")
    assert json.loads(_SCRIPT.fullmatch(script).group(1)) == markup
    with pytest.raises(TypeError, match="show_markup takes figures.markup.Markup, not str"):
        markup_script(str(markup))
