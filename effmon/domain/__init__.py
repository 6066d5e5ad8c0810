"""Domain rules and definitions as data in, data out: no store, no streamlit, no files read
beyond the definitions beside this package."""
