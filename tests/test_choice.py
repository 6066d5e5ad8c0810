"""A pick among things described by text keeps the thing when its text changes."""

from streamlit.testing.v1 import AppTest


def _app():
    import streamlit as st

    from effmon.ui.choice import choose

    version = st.session_state.get("version", 0)
    described = {"a": f"甲 v{version}", "b": f"乙 v{version}", "c": f"乙 v{version}"}
    if st.session_state.get("drop"):
        del described["b"]
    st.session_state["chosen"] = choose("挑选", described, key="pick")


def test_a_choice_follows_its_thing_and_falls_back_when_it_is_gone():
    at = AppTest.from_function(_app).run()
    assert at.selectbox(key="pick").options == ["甲 v0", "乙 v0", "乙 v0（c）"]  # told apart
    at.selectbox(key="pick").set_value("乙 v0").run()
    assert at.session_state["chosen"] == "b"
    at.session_state["version"] = 1  # b's text changes: the choice moves with it
    at.run()
    assert at.selectbox(key="pick").value == "乙 v1"
    assert at.session_state["chosen"] == "b"
    at.session_state["drop"] = True  # b is gone: the first one
    at.run()
    assert at.session_state["chosen"] == "a"
