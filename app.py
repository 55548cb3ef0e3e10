"""Kymenlaakso employment dashboard: the shared frame (data status for now)."""

from __future__ import annotations

import streamlit as st

from data_sources.dataset import load_dataset
from data_sources.store import cache_dir_from_env


@st.cache_data(show_spinner=False)
def dataset():
    return load_dataset(cache_dir_from_env())


st.set_page_config(page_title="Kymenlaakson työllisyys", layout="wide")
data = dataset()
if data.is_demo:
    st.warning("DEMOAINEISTO – ei virallisia tilastoja. Hae oikeat luvut: python -m data_sources.refresh")
st.title("Kymenlaakson työllisyys")
for _key, prov in data.provenance.items():
    st.text(f"{prov.table_path}: julkaistu {prov.release}, haettu {prov.fetched_at}, {prov.kind}, {prov.rows} lukua")
