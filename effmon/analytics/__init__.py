"""Pure computations on DataFrames from the store: no SQL, no streamlit."""
