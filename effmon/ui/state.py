"""Session-state keys, one constant each; widgets use them as ``key=``."""

FILTER_MONTH = "filter_month"
FILTER_LEVELS = "filter_levels"
FILTER_STREETS = "filter_streets"
FILTER_SITES = "filter_site_ids"
FILTER_DEPARTMENTS = "filter_departments"

UPLOAD_KIND = "upload_kind"
UPLOAD_FILE = "upload_file"
UPLOAD_SHEET = "upload_sheet"
UPLOAD_MODE = "upload_mode"
UPLOAD_CONFIRM = "upload_confirm"
UPLOAD_RESULT = "upload_result"
MAP_PREFIX = "upload_map_"

WORKLOAD_SPAN = "workload_span"
WORKLOAD_DIMENSION = "workload_dimension"
WORKLOAD_DRILL = "workload_drill"
WORKLOAD_DRILL_PICK = "workload_drill_pick"
WORKLOAD_DRILL_GO = "workload_drill_go"
WORKLOAD_DRILL_BACK = "workload_drill_back"

EXPLORE_SPAN = "explore_span"
EXPLORE_MEASURE = "explore_measure"
EXPLORE_DIMENSIONS = "explore_dimensions"

OVERVIEW_BIG_SCREEN = "overview_big_screen"

SATISFACTION_SPAN = "satisfaction_span"
SATISFACTION_DIMENSION = "satisfaction_dimension"
