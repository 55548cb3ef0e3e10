"""Esitys: the dashboard as slides for a meeting, one chart per slide, keyboard and URL navigation."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from data_sources.domain.programme import deck_ids
from figures.i18n import t
from report.export import file_stem
from report.slides import deck_title
from ui.built import deck, deck_file, slide_spec
from ui.context import bind, page_frame, set_selection
from ui.figures import chart_downloads
from ui.frame import headline_length

HERE = Path(__file__).resolve().parent.parent / "ui"

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
st.html(HERE / "projector.css")
# ?embed=true is the projector: the slide alone. The controls stay on the page, hidden, so that their
# keyboard shortcuts (← → Page Up Page Down) keep working.
if st.context.is_embedded:
    st.html(HERE / "projector-embed.css")
ctx = page_frame(slide=True)
lang, sel = ctx.lang, ctx.sel


areas = (sel.area, *[c for c in sel.compare if c != sel.area])
slides = deck(ctx.data, sel.deck, lang, areas, sel.view)
number = min(max(sel.slide, 1), len(slides))
slide = slides[number - 1]


def go(step: int) -> None:
    set_selection(slide=min(max(number + step, 1), len(slides)))


headline_length(len(slide.headline))  # its type shrinks with its length: two lines at most
spec = None
# The slide fills the window and no more (ui/projector.css): the label, headline and caption take what they
# need, the chart the height that is left, at 1366×768 as at 1920×1080.
with st.container(key="slide"):
    if ctx.data.is_demo:  # demo figures are labelled on every slide, small
        st.warning(t("demo_short", lang), icon=":material/warning:")
    st.title(slide.headline, anchor=False)  # no link icon by a projected headline
    if slide.closing:
        # the deck's own headlines (figures and catalog labels), as a list; Markdown marks escaped all the same
        st.markdown("\n".join("- " + re.sub(r"([\\`*_\[\]<>#])", r"\\\1", point) for point in slide.points))
        st.caption(ctx.source_line(ctx.catalog.monthly_table_key))
    else:
        spec = slide_spec(ctx.data, slide, lang)
        st.vega_lite_chart(spec, width="stretch", height="stretch", theme=None)
    st.caption(" · ".join(x for x in [slide.theme, f"{number} / {len(slides)}", slide.note] if x))

with st.container(key="slide-controls"):
    previous, counter, following, *_ = st.columns([1.2, 0.8, 1.2, 1, 1, 3])
    previous.button(
        "◀ " + t("slide_previous", lang),
        on_click=go,
        args=(-1,),
        shortcut="Left",
        disabled=number == 1,
        key="prev",
    )
    counter.markdown(f"### {number} / {len(slides)}")
    following.button(
        t("slide_next", lang) + " ▶",
        on_click=go,
        args=(1,),
        shortcut="Right",
        disabled=number == len(slides),
        key="next",
    )
    # Presentation clickers send Page Up / Page Down: the same moves, on buttons of their own.
    _[0].button("PgUp", on_click=go, args=(-1,), shortcut="PageUp", type="tertiary", key="pgup")
    _[1].button("PgDn", on_click=go, args=(1,), shortcut="PageDown", type="tertiary", key="pgdn")

    with st.expander(t("deck_and_downloads", lang)):
        bind(
            st.selectbox,
            "deck",
            t("deck", lang),
            list(deck_ids()),
            format_func=lambda d: deck_title(d, lang),
            write=lambda value: {"deck": value, "slide": 1},
        )
        if spec is not None:  # a downloaded chart travels without the slide: it carries the headline itself
            chart_downloads(
                slide_spec(ctx.data, slide, lang, titled=True),
                file_stem(
                    slide.series_id, slide.areas[0], str(ctx.last.date())[:7], "demo" if ctx.data.is_demo else ""
                ),
            )
        st.download_button(
            f"PDF: {deck_title(sel.deck, lang)}",
            lambda: deck_file(ctx.data, sel.deck, lang, areas, sel.view),
            file_name=file_stem("esitys", sel.deck, str(ctx.last.date())[:7]) + ".pdf",
            mime="application/pdf",
            on_click="ignore",
        )
        st.caption(ctx.source_line(ctx.catalog.monthly_table_key))
