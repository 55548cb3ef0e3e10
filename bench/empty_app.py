"""The baseline for the browser benchmark: a Streamlit page with one line of text and nothing else."""

import streamlit as st

st.title("Tyhjä sivu")
st.write("Vertailukohta: Streamlitin oma käynnistys- ja piirtoaika ilman kaavioita ja dataa.")
