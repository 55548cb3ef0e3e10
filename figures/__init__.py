"""The figure layer: views, formats, texts, charts and sentences shared by the app and the report (no Streamlit)."""
