"""数据管理: upload CSV/XLSX of any kind, preview, map headers, confirm; load history."""

import streamlit as st

from effmon import config, labels
from effmon.domain.kinds import kinds
from effmon.errors import EffmonError
from effmon.ingest.pipeline import error_report_csv, load_file, preview_file
from effmon.ui import cached, downloads, grid, session, state
from effmon.ui.mapping import choose_header_mapping
from effmon.ui.plain import plain
from effmon.ui.uploads import file_picker, offer_likelier_kind, upload_on_disk

session.require("page:data_admin")
st.title(labels.PAGES["data_admin"])
path = cached.db()

kind = st.selectbox(
    labels.UPLOAD["kind"], list(kinds()), key=state.UPLOAD_KIND, format_func=labels.KINDS.get
)
upload = file_picker(labels.UPLOAD["file"], ["csv", "txt", "tsv", "xlsx"], state.UPLOAD_FILE)
if upload is not None:
    sheet = st.text_input(labels.UPLOAD["sheet"], key=state.UPLOAD_SHEET).strip() or None
    with upload_on_disk(upload) as file_path:
        try:
            preview = preview_file(file_path, kind, name=upload.name, sheet=sheet)
        except EffmonError as exc:
            st.error(str(exc))
            offer_likelier_kind(upload, file_path, kind, sheet)
            st.stop()
        st.subheader(labels.UPLOAD["preview"])
        grid.show_frame(preview.sample, key="upload_preview")
        if preview.mapping.missing:  # with every column it needs, the kind is likely right
            offer_likelier_kind(upload, file_path, kind, sheet)
        user_map = choose_header_mapping(kinds()[kind], preview.mapping.unknown)
        mode = st.radio(
            labels.UPLOAD["mode"],
            list(labels.MODES),
            key=state.UPLOAD_MODE,
            format_func=labels.MODES.get,
            horizontal=True,
        )
        undecided = None in user_map.values()
        if st.button(
            labels.UPLOAD["confirm"], key=state.UPLOAD_CONFIRM, type="primary", disabled=undecided
        ):
            try:
                st.session_state[state.UPLOAD_RESULT] = load_file(
                    cached.cursor(path),
                    kind,
                    file_path,
                    name=upload.name,
                    sheet=sheet,
                    user_map=user_map,
                    skip_invalid=mode == "skip-invalid",
                    actor=session.username(),
                )
            except EffmonError as exc:
                st.session_state[state.UPLOAD_RESULT] = str(exc)
            cached.data_changed()

result = st.session_state.get(state.UPLOAD_RESULT)
if isinstance(result, str):
    st.error(result)
elif result is not None:
    if result.loaded:
        st.success(result.summary())
        if result.findings_months:
            st.caption(labels.FINDINGS["loaded"].format(months="、".join(result.findings_months)))
    else:
        st.error(labels.REJECTED_STRICT.format(name=plain(result.name), rows=result.rows_rejected))
        st.caption(result.summary())
    if len(result.errors):
        # one file's errors: its name is in the message above (the CSV report keeps it)
        shown = result.errors.drop(columns="file").head(int(config.get("error_rows_shown")))
        grid.show_frame(
            shown.rename(columns=labels.ERROR_COLUMNS),
            key="upload_errors",
            column_config={labels.ERROR_COLUMNS["reason"]: st.column_config.Column(width=720)},
        )
        downloads.download_button(
            labels.UPLOAD["download_errors"],
            error_report_csv(result.errors),
            permission="load",
            what=result.name,
            file_name=f"{result.name}.errors.csv",
            mime="text/csv",
            key="upload_errors_csv",
        )

st.subheader(labels.UPLOAD["history"])
history = cached.load_history(path)
history["kind"] = history["kind"].map(labels.BATCH_KINDS)
history["mode"] = history["mode"].map(labels.BATCH_MODES)
grid.show_frame(history.rename(columns=labels.COLUMNS), key="load_history")
