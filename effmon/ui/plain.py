"""Text that holds data (names, titles, sentences made from them) shown on a page as it is.

Streamlit reads Markdown in st.markdown, st.caption, st.info and the like, so a site named
``![t](http://host/x.png)`` would make every viewer's browser fetch that address, and
``:red[…]`` or ``$…$`` would restyle the page. ``plain`` escapes every character Markdown
(and Streamlit's own directives) would read; the text then shows exactly as stored."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=&])")


def plain(text: object) -> str:
    """``text`` with each Markdown character escaped by a backslash."""
    return _MARKUP.sub(r"\\\1", str(text))
