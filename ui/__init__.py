"""Streamlit-facing helpers: language, formats, charts, URL state, page frame."""
