"""The only package besides pages/ that imports streamlit: caching, filters, KPI cards."""
