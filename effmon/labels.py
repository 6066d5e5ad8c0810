"""Every Chinese string a user sees: titles, column headers, messages."""

APP_TITLE = "政务服务效能监察分析平台"
DEMO_BANNER = "当前展示的是系统生成的演示数据，并非真实业务数据。{can}"
# What each role can do here, said in the demo banner (effmon.security.roles).
ROLE_CAN = {
    "领导": "您可以查看各项看板、专项调研和报告，并生成、下载报告；导入真实数据请联系系统管理员。",
    "分析员": "您可以查看和分析各项看板、做自助分析、生成报告和导出数据；导入真实数据请联系系统管理员。",
    "巡查员": "您可以录入巡查、登记和办理投诉、查看考勤；导入真实数据请联系系统管理员。",
    "管理员": "导入真实数据请到「数据管理」页面。",
    "大屏": "本账户只显示大屏。",
}
DEMO_SOURCE = "（系统生成的演示数据）"
WHOLE_TEXT_HINT = "点击表格中的一行，可在此处查看其中较长的文字全文。"
DEMO_BUILDING = "数据库为空，正在生成演示数据（首次启动约需一分钟）……"
NO_DATA = "所选范围内暂无数据。"

PAGES = {
    "overview": "总览",
    "workload": "窗口办件",
    "explore": "自助分析",
    "satisfaction": "满意度",
    "hotspots": "投诉热点",
    "trends": "趋势预测与预警",
    "data_admin": "数据管理",
    "inspections": "日常巡查",
    "complaints": "投诉处理",
    "attendance": "考勤",
    "audit": "审计日志",
    "users": "账户管理",
    "settings": "系统设置",
    "reports": "报告中心",
    "research": "专项调研",
    "wall": "大屏",
    "city": "区县对比",
}
SECTIONS = {
    "dashboards": "分析看板",
    "reports": "报告与调研",
    "fieldwork": "现场工作",
    "admin": "系统管理",
    "city": "市级",
}

KINDS = {
    "sites": "点位",
    "cases": "办件明细",
    "case-totals": "月度办件汇总",
    "evaluations": "好差评",
    "complaints": "投诉诉求工单",
    "inspections": "巡查记录",
    "attendance": "考勤检查",
    "benchmarks": "对标数据",
    "holidays": "节假日安排（官方）",
    "punches": "钉钉打卡记录",
}

COLUMNS = {
    # shared
    "source_file": "来源文件",
    "batch_id": "批次",
    "loaded_at": "导入时间",
    "department": "部门",
    "site_id": "点位编号",
    "site_name": "点位名称",
    "street": "街道",
    "window_name": "窗口",
    "channel": "渠道",
    "staff": "工作人员",
    "level": "层级",
    "month": "月份",
    "name": "名称",
    "community": "社区",
    "address": "地址",
    # cases
    "case_id": "办件编号",
    "item": "事项名称",
    "received_at": "受理时间",
    "finished_at": "办结时间",
    "promised_days": "承诺时限(工作日)",
    "wait_minutes": "等候时长(分钟)",
    "status": "办件状态",
    "cases": "办件量",
    "online_cases": "网办量",
    "extended_cases": "延时服务办件量",
    # evaluations
    "evaluation_id": "评价编号",
    "evaluated_at": "评价时间",
    "comment": "评价内容",
    "followup_state": "回访整改状态",
    "rectified_at": "整改完成时间",
    # complaints
    "ticket_id": "工单编号",
    "source": "来源",
    "complainant": "诉求人",
    "title": "标题",
    "body": "诉求内容",
    "category": "分类",
    "category_origin": "分类来源",
    "likes": "点赞数",
    "dislikes": "反对数",
    "reply_text": "答复意见",
    "replied_at": "答复时间",
    "closed_at": "办结时间",
    "result": "结果",
    "satisfaction": "满意度",
    "trends": "趋势预测与预警",
    # inspections, attendance, benchmarks
    "visit_date": "巡查日期",
    "indicator_id": "指标编号",
    "inspector": "巡查人",
    "finding": "发现问题",
    "rectify_by": "整改期限",
    "rectify_state": "整改状态",
    "staff_name": "姓名",
    "staff_id": "工号",
    "check_date": "考勤日期",
    "slot": "考勤时段",
    "checked_at": "打卡时间",
    "region": "地区",
    "indicator": "指标",
    "period": "期间",
    "value": "数值",
    "unit": "单位",
    "note": "备注",
    # load batches
    "kind": "数据类型",
    "file_sha256": "文件校验值",
    "mode": "导入模式",
    "rows_read": "读取行数",
    "rows_new": "新增",
    "rows_present": "已存在",
    "rows_rejected": "拒绝",
    "rows_skipped": "跳过(空行/合计行)",
    "table": "数据表",
    "rows": "行数",
}

REASONS = {
    "required": "必填项为空",
    "bad_text": "文本无效",
    "bad_int": "不是整数",
    "bad_float": "不是有效数字",
    "bad_number": "不是有效数字",
    "bad_timestamp": "日期时间格式无法识别（可用如 2026-10-08 09:05:33、2026/10/8、2026年10月8日、20261008）",
    "bad_date": "日期格式无法识别（可用如 2026-10-08、2026/10/8、2026年10月8日、20261008）",
    "bad_month": "月份格式无法识别（可用如 2026-10、2026年10月、202610）",
    "bad_enum": "不是允许的取值（允许：{allowed}）",
    "bad_level": "不是有效的评价等级（允许：{allowed}，或 1-5）",
    "negative": "不能为负数",
    "date_range": "日期超出合理范围（1990 年至今后一年内）",
    "unknown_ref": "在{table}中不存在",
    "duplicate": "与文件第 {other_row} 行重复（{key}相同）",
    "too_long": "文本过长（超过 2 万字）",
    "control_chars": "含不可见的控制字符",
    "before_received": "早于同一行的受理时间",
}
XLSX_TOO_BIG = (
    "文件「{name}」的工作表「{sheet}」用到第 {rows:,} 行、第 {columns:,} 列（约 {cells:,} 个单元格），"
    "超过可读取的 {limit:,} 个单元格，已拒绝，未导入任何数据。请删除表格末尾的空行空列，或另存为 CSV 后导入。"
)
XLSX_ERRORS = "文件「{name}」含 Excel 错误值，已拒绝，未导入任何数据：{cells}{more}。请在 Excel 中修正公式后重新导出。"
XLSX_ERROR_CELL = "第 {row} 行第 {column} 列（{ref}）为 {value}"
XLSX_BROKEN = "文件「{name}」的内容与其压缩目录不符（文件已损坏或被篡改），已拒绝：{detail}"
XLSX_BOMB = "文件「{name}」解压后约 {mb:.0f} MB，远超正常工作簿（疑似压缩炸弹），已拒绝。"
XLSX_ACTIVE = "文件「{name}」含宏或外部链接（{parts}），数据导出文件不应含有，已拒绝。请另存为不含宏的 .xlsx 后再导入。"
REFERENCED_TABLES = {"sites": "点位表", "indicators": "巡查指标目录"}

MODES = {"strict": "严格（有错则全部不导入）", "skip-invalid": "跳过错误行"}
SUMMARY = "「{name}」（{kind}）：读取 {rows_read} 行，新增 {rows_new}，已存在 {rows_present}，拒绝 {rows_rejected}，跳过空行/合计行 {rows_skipped}。"
REJECTED_STRICT = (
    "「{name}」有 {rows} 行数据不合格，按严格模式全部未导入，数据库未作任何改动。错误明细见下表。"
)
UNKNOWN_COLUMNS = "文件「{name}」有未识别的列：{columns}。请在列映射中指定对应字段，或选择忽略（命令行：--map 源列=字段 或 --map 源列=）。"
MISSING_COLUMNS = "文件「{name}」缺少必需的列：{columns}。"
DOUBLED_COLUMNS = (
    "文件「{name}」中多列对应同一字段「{column}」：{sources}。请只保留一列或用列映射区分。"
)
BAD_MAP_TARGET = "列映射「{source}={target}」无效：{kind} 没有字段「{target}」（可用：{allowed}）。"
UNREADABLE = "文件「{name}」无法读取：{detail}"
UNKNOWN_KIND = "未知的数据类型「{kind}」（可用：{allowed}）。"
COLUMN_COUNT = "文件「{name}」第 {line} 行的列数与表头不一致：应为 {expected} 列，实际 {actual} 列。请检查该行是否多了或少了分隔符。"
DEMO_NOT_EMPTY = "数据库中已有数据：演示数据只能生成到空数据库中（可用 --db 指定一个新文件）。"
DEMO_TOO_SHORT = "演示数据至少需要 {months} 个月（计划事件分布在最近 10 个月）。"
MORE_ERRORS = "……仅显示前 {shown} 条，共 {total} 条，完整明细见错误报告。"
REPORT_WRITTEN = "错误报告已写入：{path}"
DEMO_DONE = "演示数据已生成，共 {rows} 行："
DEMO_EVENTS = "计划事件（供检验分析功能）：{events}"
TABLES = {
    "sites": "点位",
    "departments": "部门",
    "windows": "窗口",
    "service_items": "事项",
    "cases": "办件明细",
    "case_totals": "月度办件汇总",
    "evaluations": "好差评",
    "complaints": "投诉诉求工单",
    "complaint_events": "工单流程节点",
    "inspections": "巡查记录",
    "visits": "巡查到访",
    "attendance": "考勤检查",
    "benchmarks": "对标数据",
    "indicators": "巡查指标目录",
    "holidays": "节假日安排（官方）",
    "punches": "钉钉打卡记录",
}

METRICS = {
    "cases": "办件量",
    "online_share": "网办率",
    "extended_cases": "延时服务办件量",
    "department_extended_cases": "某部门延时服务办件量",
    "wait_minutes_mean": "平均等候时长",
    "overdue_cases": "超期件数",
    "good_share": "好评率",
    "bad_count": "差评数",
    "complaints": "投诉诉求量",
    "on_time_share": "按时办结率",
    "inspection_pass_share": "巡查合格率",
    "satisfaction_index": "满意度指数",
    "bad_share": "差评率",
}
MISSING = "—"  # a missing value in tables, cards and reports
# A measure's change in words (effmon.semantic.display).
CHANGE_TEXT = {
    "up": "上升 {change}",
    "down": "下降 {change}",
    "flat": "基本持平",
    "points": "{value:.1f} 个百分点",
    "point_unit": "个百分点",
    "units": "{value:.1f} {unit}",
    "from_to": "由 {before}{moved} {after}",
    "rose_to": "增至",
    "fell_to": "降至",
    "none": "—",
}
KPI_YOY = "同比 {change}"
KPI_NO_BASE = "无对比数据"
KPI_AS_OF = "截至 {day}"
KPI_NO_ONLINE = "网办件不属于任何点位，按点位、街道或层级筛选时不统计"
OVERVIEW_TREND = "近 24 个月趋势"
# The wall display (views/wall.py).
WALL = {
    "title": "{month} 政务服务运行情况",
    "as_of": "存量指标截至 {day}　·　{now} 刷新",
    "findings": "本月待处理的发现",
    "no_findings": "本月没有待处理的发现。",
    "hot": "本月投诉热点",
    "hot_item": "- {title}（{count} 件）",
    "no_hot": "本月未形成多件集中反映的热点问题。",
}
OVERVIEW_DEFINITIONS = "指标口径"
DEFINITION_COLUMNS = {"name": "指标", "unit": "单位", "definition": "口径"}
FILTERS = {
    "month": "统计月份",
    "levels": "点位层级",
    "streets": "街道",
    "site_ids": "点位",
    "departments": "部门",
    "title": "筛选条件",
}
FILTER_HINT = "按点位层级、街道或点位筛选时，网办件（无办理点位）不计入。"
BATCH_KINDS = {**KINDS, "demo": "演示数据"}
BATCH_MODES = {**MODES, "generated": "系统生成", "form": "手工录入"}
OVERVIEW_CAPTION = "{month} 主要指标（卡片下方为同比，箭头为环比；绿色表示向好，红色表示变差）"
UPLOAD = {
    "kind": "数据类型",
    "file": "选择 CSV 或 XLSX 文件",
    "sheet": "工作表名（XLSX 可选，默认第一个）",
    "preview": "预览（前 10 行）",
    "unknown": "以下列未能自动识别，请指定对应字段或选择忽略：",
    "map_to": "「{header}」对应字段",
    "ignore": "（忽略此列）",
    "mode": "导入模式",
    "confirm": "确认导入",
    "likelier": "文件「{name}」的列更像「{likelier}」数据，而当前选择的数据类型是「{kind}」。",
    "switch_kind": "改按「{likelier}」导入",
    "download_errors": "下载错误报告（CSV）",
    "history": "导入历史",
}
NO_HEADER = "文件「{name}」的前 {rows} 行中找不到表头：没有一列是已知的列名（「{kind}」需要如 {examples} 等列）。请检查数据类型是否选对，或用列映射指定。"
EMPTY_FILE = "文件「{name}」是空文件。"
TOO_LARGE = "文件「{name}」大小 {mb:.1f} MB，超过上限 {limit} MB。"
OLD_XLS = "文件「{name}」是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 或 CSV。"
CSV_NO_SHEET = "文件「{name}」是 CSV，没有工作表「{sheet}」。"
BAD_ENCODING = "文件「{name}」的编码无法识别：第 {line} 行附近有既不是 UTF-8 也不是 GBK 的字节。请在 Excel 中另存为「CSV UTF-8」后再导入。"
BAD_XLSX = "文件「{name}」不是有效的 XLSX 文件：{detail}"
NO_SHEET = "文件「{name}」中没有工作表「{sheet}」（现有：{sheets}）。"
MIGRATION_FAILED = "数据库升级到第 {version} 版失败：{detail}"
STORE_UNAVAILABLE = "无法打开数据库 {path}：{detail}"
STORE_BUSY = "数据库 {path} 正被另一程序（应用或命令）写入，{seconds} 秒内未释放，请稍后再试"
STORE_WAIT_COMMAND = "数据库 {path} 正被应用或另一命令使用，等待其释放（最多 {seconds} 秒）…"
STORE_WAIT_PAGE = "数据正在由另一程序更新，请稍候…"
NO_ROWS = "文件「{name}」只有表头，没有数据行。"
MISSING_TEXT_COLUMNS = "文件「{name}」中没有列：{columns}（现有列：{present}）。"
ERROR_COLUMNS = {"file": "文件", "row": "行号", "column": "列", "value": "原始值", "reason": "原因"}
FILTER_ALL = "全部"
MODELS = {
    "no_earlier": "没有更早的模型版本可以回退。",
    "rolled_back": "已撤下 v{withdrawn}，改用 v{version}（{trained_at} 训练）。",
    "worse": "新训练的模型交叉验证准确率为 {new}，低于正在使用的 v{version}（{old}），未替换；正在使用的模型不变。",
}
TRUST = {
    "title": "置信度是否可信",
    "summary": "按本模型的训练数据交叉验证（{texts:,} 条，每条由未见过它的模型判断）：准确率 {accuracy}，"
    "置信度与实际准确率平均{gap}。置信度最低的 {queued} 送人工复核，可拦下模型错判的 {caught}；"
    "其余自动采纳，其准确率为 {accepted}。",
    "faultless": "按本模型的训练数据交叉验证（{texts:,} 条，每条由未见过它的模型判断）：没有一条判错，"
    "置信度与实际准确率平均{gap}。置信度最低的 {queued} 仍送人工复核，其余自动采纳。",
    "unmeasured": "训练数据中有的类别不足 9 条，无法交叉验证置信度；请在积累更多已分类数据后重新训练。",
    "gap": "相差 {points}",
    "under_a_tenth": "相差不到 0.1 个百分点",
    "diagonal": "置信度与准确率相等",
    "observed": "实际准确率",
    "hover": "置信度 %{x:.0%}：实际准确率 %{y:.0%}（%{text} 条）",
    "x": "模型置信度",
    "y": "实际准确率",
    "learning": "学习曲线：每次训练的版本、其中人工复核更正的条数，以及交叉验证准确率（准确率低于正在使用的版本时不替换）。",
    "columns": {
        "version": "版本",
        "trained_at": "训练时间",
        "rows": "训练条数",
        "corrections": "其中复核更正",
        "accuracy": "交叉验证准确率",
    },
    "unmeasured_short": "未测",
}
CHOOSE = "请选择……"  # an empty choice box
DROPZONE = {
    "button": "选择文件",
    "limit": "可拖入文件，或点「选择文件」；每个文件不超过 {megabytes} MB，格式：{types}。",
}

WORKLOAD = {
    "span": "统计范围",
    "spans": {1: "当月", 3: "近 3 个月", 12: "近 12 个月"},
    "by_dimension": "按维度统计",
    "dimension": "统计维度",
    "drill": "逐级下钻（全区 → 街道 → 点位 → 部门 → 窗口）",
    "drill_pick": "下钻到",
    "drill_go": "下钻",
    "drill_back": "返回上一级",
    "drill_top": "全区",
    "drill_end": "已到窗口一级。",
    "drill_click": "点击表格中的一行可下钻到该项，也可在下方选择。",
    "heatmap": "办件时段分布（窗口及延时服务，星期 × 小时）",
    "definitions": "指标口径",
    "csv": "下载 CSV",
    "xlsx": "下载 XLSX",
}
WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
EXPLORE = {
    "measure": "指标",
    "dimensions": "维度（最多两个）",
    "pick_dimension": "请至少选择一个维度。",
    "chart_html": "下载图表（HTML）",
    "hint": "第一个维度为行，第二个维度为列。",
    "not_split": "「{measure}」的数据中没有所选维度（例如在岗小时不分渠道和事项，评价没有办理渠道），请换一个维度。",
}
ATTENTION = {
    "title": "本月需要关注",
    "caption": "与上月相比上升最明显的等候时长、超期件、差评和投诉（按偏离程度排序，少量数据不计）。",
    "tabs": {"department": "部门", "site_id": "点位"},
    "none": "本月没有明显变差的单位。",
    "unit": "单位",
    "measure": "指标",
    "current": "本月",
    "previous": "上月",
    "change": "环比变化",
}
BIG_SCREEN = "大屏模式"

SENTIMENT = {
    "using_snownlp": "情感评分：snownlp 内置模型（尚未训练本地模型；可运行 effmon sentiment train）",
    "using_model": "情感评分：本地训练模型 v{version}（{trained_at} 训练，来源：{source}，{rows} 条）",
    "too_few": "训练数据太少：正面和负面各至少需要 {minimum} 条，现有正面 {positive} 条、负面 {negative} 条。",
    "bad_labels": "文件「{name}」的标签列「{column}」只能是正面/负面两类（1/0、positive/negative、正面/负面），"
    "第 {rows} 行的值不是：{values}。",
    "no_source": "请指定训练文件（FILE --text-col 列 --label-col 列）或 --from-evaluations。",
    "from_store": "本库评价",
    "trained": "已训练并保存模型 v{version}：{path}（正面 {positive} 条，负面 {negative} 条）",
    "scored": "已评分 {rows} 条：最难判断的 {review} 条（{share}）建议复核，其余 {accepted} 条自动采纳；结果写入 {path}。",
    "rescored": "已重新评分本库评价内容 {comments:,} 条（不同内容各评一次），报告和页面将读取新分数。",
    "positive": "正面",
    "negative": "负面",
    "score_column": "情感分",
    "label_column": "情感倾向",
    "model": "情感模型",
    "train_hint": "用本库已有的评价训练本地情感模型：满意、非常满意的评价内容为正面，不满意、非常不满意为负面，"
    "基本满意不参与。每次训练保存为新版本，页面自动改用最新版本。",
    "train_button": "用本库评价训练",
}

# The review mark of each row `effmon classify` and `effmon sentiment score` write.
REVIEW_MARK = {"column": "复核", "values": {True: "待复核", False: "自动采纳"}}

CATEGORIES = {
    "output_columns": {"category": "类别", "confidence": "类别置信度"},
    "origin": {
        "file": "导入文件",
        "review": "人工复核",
        "queued": "模型·待复核",
        "accepted": "模型·自动采纳",
    },
    "one_category": "训练数据只有一个类别（{found}），至少需要两个类别才能训练分类模型。",
    "too_few": "每个类别至少需要 {minimum} 条训练文本，以下类别不足：{found}。",
    "trained": "已训练并保存投诉分类模型 v{version}：{path}（{rows} 条，{categories} 个类别）",
    "using_model": "投诉分类：本地训练模型 v{version}（{trained_at} 训练，来源：{source}，{rows} 条）",
    "no_model": "尚未训练投诉分类模型：请先运行 effmon complaints train。",
    "no_source": "请指定训练文件（FILE --text-col 列 --label-col 列）或不带 FILE 用本库已分类的投诉训练。",
    "from_store": "本库投诉",
    "classified": "已分类 {rows} 条：置信度最低的 {review} 条（{share}）建议复核，其余 {accepted} 条自动采纳；结果写入 {path}。",
}

HOTSPOTS = {
    "columns": "文件「{name}」需要时间列（如 留言时间、受理时间）和标题或内容列（如 留言主题、留言详情）。",
    "bad_time": "文件「{name}」第 {row} 行「{column}」的时间无法识别：{value}",
    "no_complaints": "所选范围内没有投诉。",
    "no_hot_issues": "所选范围内没有 {least} 件以上集中反映的问题。",
    "written": "已写入 {rows} 个热点问题：{path}",
    "tabs": ["热点问题", "新兴话题", "类别趋势", "办结与重复", "分类与复核"],
    "no_street": "（未填街道）",
    "street_heat": "街道 × 类别投诉数（颜色越深越多）",
    "closure_caption": "按时办结：从受理到办结的工作日数不超过该来源的办结时限（在「投诉处理 → 时限设置」中查看和修改；默认 12345热线 15、意见箱 15、纪委转办 30、现场 5、网上 10 个工作日），"
    "按时办结率 = 按时办结数 ÷ 已办结数；超期未办结 = 尚未办结且已超时限。重复投诉：同一投诉人在此前 {days} 天内有已办结的投诉，或同一热点问题在已有投诉办结后 {days} 天内再被投诉。按时办结率最低的在前。",
    "closure_by": "统计维度",
    "closure_dimensions": {"source": "来源", "department": "承办部门", "street": "街道"},
    "closure_columns": {
        "tickets": "投诉数",
        "closed": "已办结",
        "on_time": "按时办结",
        "on_time_rate": "按时办结率(%)",
        "overdue": "超期未办结",
        "median_workdays": "办结用时中位数（工作日）",
        "repeats": "重复投诉",
        "repeat_share": "重复投诉占比(%)",
    },
    "emerging_caption": "{month} 与此前 {months} 个月相比，投诉中出现比例显著上升的词（单侧二项检验，按检验的词数做 Bonferroni 校正，总体显著性 0.05；至少 3 件）。"
    "同一批投诉里一起上升的词合为一个话题，括号内是常与它同时出现的词。",
    "emerging_none": "本月没有显著上升的新话题。",
    "emerging_columns": {
        "topic": "话题",
        "complaints": "本月投诉数",
        "before": "此前投诉数",
        "expected": "按原比例应有",
        "rise": "上升倍数",
        "p_value": "p 值",
    },
    "cards": {
        "complaints": "投诉数",
        "issues": "热点问题（{least} 件以上）",
        "unclassified": "未分类",
        "review": "待复核",
    },
    "heat_rule": "热度怎么算",
    "heat_text": "说同一地点（小区、学校、道路、服务场所）或同一对象（公司、平台、案件、派出所）的相近投诉，"
    "或文字高度相近的投诉，合为一个问题；名称带不带前缀后缀（如「A市」「有限公司」「案件」）算同一个。"
    "支持度 = 投诉人数 + min(¼ × 同一人的重复投诉数, 投诉人数) + min(log₂(1 + 点赞数), 投诉人数)；"
    "热度 = 支持度 × (½ + ½ × 0.5^(距最近一次投诉天数 ÷ {days})) × (1 + ½ × min(持续天数, 90) ÷ 90)。"
    "即：不同的人越多越热；重复投诉和点赞都最多与投诉人数相当，一个人的几十条留言、一条两千赞的留言都约等于两个人；"
    "{days} 天没有新投诉热度减半（最低减到一半）；持续越久越热（最多加一半）。"
    "问题名称取最能代表这组投诉的一条留言的主题，去掉「请问」「关于……的投诉」等说法。",
    "drill": "查看问题下的投诉",
    "tickets": "投诉明细",
    "trend": "近 {months} 个月各类别投诉数（按月，不随统计范围变化）",
    "category": "类别",
    "unclassified_name": "（未分类）",
    "model_none": "尚未训练投诉分类模型。训练后，导入时没有类别（或类别不属于本库分类体系）的投诉会自动分类。",
    "train_hint": "用本库已分类的投诉（导入文件自带的类别和人工复核的类别，不含模型自己的分类）训练分类模型。每次训练保存为新版本。",
    "train_button": "用本库投诉训练分类模型",
    "review_none": "没有待复核的分类。",
    "review_caption": "模型分类的投诉中置信度最低的 {share}（{count} 条）送人工复核，最低的在前；其余自动采纳。复核结果保存后立即生效，并用于下一次训练。",
    "review_pick": "复核工单",
    "review_category": "正确类别",
    "review_save": "保存复核",
    "review_saved": "已将工单 {ticket} 的类别复核为「{category}」。",
    "confidence": "置信度",
    "file_category": "原文件类别",
    "columns_shown": {
        "title": "热点问题",
        "place": "地点",
        "object": "对象",
        "first": "最早",
        "last": "最近",
        "complaints": "投诉数",
        "complainants": "投诉人数",
        "likes": "点赞数",
        "heat": "热度",
        "ticket_ids": "工单编号",
    },
}

SATISFACTION = {
    "by_dimension": "按维度统计",
    "dimension": "统计维度",
    "bar": "差评数",
    "definitions": "指标口径",
}
LEVEL_NAMES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
SATISFACTION_DEFINITIONS = [
    "评价等级按国家「好差评」五级：非常满意、满意、基本满意、不满意、非常不满意。",
    "好评率 = 满意及非常满意 ÷ 全部评价；差评率 = 不满意及非常不满意 ÷ 全部评价。"
    "上报的好评率常在 99.9% 左右，请同时看条数和趋势。",
    "主动评价率 = 评价数 ÷ 同期同口径办件量（按评价渠道统计时不适用）。",
    "情感分：评价内容为正面的概率（0-1），低于 0.5 为负面；所用模型见页首说明。",
]

FOLLOWUP = {
    "title": "差评回访整改",
    "caption": "每条不满意、非常不满意评价自动生成回访整改事项，期限为评价后 {days} 个工作日（节假日顺延，调休上班日计入）。",
    "unknown": "找不到差评事项「{id}」。",
    "bad_step": "该事项当前为「{current}」，不能直接登记为「{state}」（顺序：待回访 → 已回访 → 已整改）。",
    "bad_time": "登记时间不能早于评价时间，也不能晚于现在。",
    "by_department": "各部门整改情况",
    "items": "事项明细",
    "record": "登记回访/整改",
    "pick": "事项",
    "state": "登记为",
    "when": "时间",
    "actor": "经办人",
    "note": "说明",
    "save": "保存",
    "saved": "已登记：{id} → {state}",
    "no_actor": "请填写经办人。",
    "none_open": "所选范围内没有待处理的差评事项。",
}
FOLLOWUP_COLUMNS = {
    "evaluated_at": "评价时间",
    "department": "部门",
    "site_id": "点位",
    "window_name": "窗口",
    "level": "评价等级",
    "comment": "评价内容",
    "state": "状态",
    "revisited_at": "回访时间",
    "rectified_at": "整改完成时间",
    "due_at": "期限",
    "overdue": "超期",
    "sentiment": "内容情感(0-1)",
}
FOLLOWUP_SUMMARY = {
    "department": "部门",
    "items": "差评事项",
    "rectified": "已整改",
    "rectify_share": "整改率(%)",
    "overdue": "超期",
    "days_to_fix": "平均整改用时(天)",
}

INDEX = {
    "rank_basis": "区间下限（排名依据）",
    "name": "满意度指数",
    "title": "部门满意度指数（近 {months} 个月）",
    "formula": "指数 = 每条评价的 60×评分 + 20×评价内容情感 + 20×服务要素情感 的平均值（0-100）。"
    "评分：非常满意 1、满意 0.75、基本满意 0.5、不满意 0.25、非常不满意 0；无评价内容时情感取评分，"
    "未提及服务要素时要素情感取内容情感。区间为 95% 置信区间，评价越少区间越宽；排名按区间下限。",
    "hover": "%{y} %{x}<br>指数 %{z}<br>评价 %{customdata} 条<extra></extra>",
    "ranking": "{month} 排名",
    "falls": "显著下降（当月评价不少于 {evaluations} 条，且整个置信区间低于该部门近 {months} 个月中位数）",
    "no_falls": "近 {months} 个月没有显著下降的部门。",
    "drill": "查看部门的评价",
    "drill_pick": "部门",
    "aspects": "服务要素情感（{start} — {end}，0-100，括号内为提及次数）",
}
INDEX_COLUMNS = {
    "rank": "排名",
    "department": "部门",
    "month": "月份",
    "index": "满意度指数",
    "low": "区间下限",
    "high": "区间上限",
    "evaluations": "评价数",
    "median": "期间中位数",
    "fall": "下降",
    "level": "评价等级",
    "comment": "评价内容",
    "rating": "评分(0-1)",
    "sentiment": "内容情感(0-1)",
    "aspects": "要素情感(0-1)",
    "x": "得分",
}
ASPECTS = {
    "attitude": "服务过程/服务态度",
    "efficiency": "服务效率",
    "result": "处置结果",
    "guide": "办事指南/信息公开",
    "facility": "环境设施",
}

FORECAST = {
    "metric": "指标",
    "key": "类别、街道或点位",
    "frequency": "周期",
    "ratio_daily": "比率类指标（网办率、等候时长、差评率）按周或按月预测：单日的办件太少，比率波动过大。",
    "band": "{level} 预测区间",
    "forecast": "预测",
    "backtest": "回测（滚动起点，{origins} 次 × 向前 {horizon} 期）",
    "too_short": "历史数据不足，暂不能回测（按月的指标需要一年以上的数据）。",
    "backtest_caption": "MASE：预测误差 ÷ 季节性朴素预测（上周同日或去年同月）的误差，小于 1 表示更准；"
    "覆盖率：实际值落在 95% 预测区间内的比例。",
    "table": "预测值",
    "hotspots": "下月投诉可能上升的{what}",
    "no_hotspots": "未发现预计上升的{what}。",
    "hotspot_caption": "列出预测值比近三月平均至少多 {min_rise:g} 件、且近三月平均不低于前三月平均的项，按「预测上升量 ÷ √近三月平均」排序；"
    "「把握较大」表示整个 80% 预测区间都高于近三月平均。"
    "月度预测已考虑下月的工作日数。",
    "model": "本系统的日历模型：按日的计数用工作日、节假日、调休上班日、节后首个工作日和季节拟合；"
    "按周、按月的计数用每日发生率（休息日按工作日的 0.2 计）的泊松回归，区间按负二项分布给出；"
    "比率（网办率、等候时长、差评率）用近期加权的水平和休息日占比拟合，有明显趋势（p < 0.001）时按趋势外推，新系统上线等持久变化会成为新的水平。",
}
ESTIMATED_CALENDAR = (
    "{years}年的节假日尚未公布，预测按通常安排估算：放假 {off}，调休上班 {made_up}（估算）。"
    "在「数据管理」上传官方节假日安排后，以官方安排为准。"
)
FORECAST_METRICS = {
    "cases": "办件量",
    "online_share": "网办率",
    "extended_cases": "延时服务办件量",
    "department_extended_cases": "某部门延时服务办件量",
    "wait_minutes_mean": "平均等候时长（分钟）",
    "site_wait_minutes": "某点位平均等候时长（分钟）",
    "complaints": "投诉量",
    "category_complaints": "某类投诉量",
    "street_complaints": "某街道投诉量",
    "bad_reviews": "差评数",
    "bad_share": "差评率",
}
FREQUENCIES = {"daily": "按日", "weekly": "按周", "monthly": "按月"}
# What each stored alert watches (monthly unless said otherwise).
ALERT_METRICS = {
    "daily_cases": "日办件量",
    "cases": "月办件量",
    "department_extended_cases": "某部门延时服务办件量（月）",
    "complaints": "月投诉量",
    "category_complaints": "某类投诉（月）",
    "street_complaints": "某街道投诉（月）",
    "bad_reviews": "月差评数",
    "site_wait_minutes": "点位平均等候时长（月）",
    "repeated_failure": "巡查连续不合格",
    "rule": "阈值规则",
    "hot_issue": "投诉热点问题",
    "complaints_change": "投诉较上月上升",
    "bad_count_change": "差评较上月上升",
    "overdue_cases_change": "超期件较上月上升",
}
FORECASTERS = {
    "calendar": "日历模型",
    "seasonal_naive": "季节性朴素",
    "ets": "指数平滑(Holt-Winters)",
}
BACKTEST_COLUMNS = {"forecaster": "方法", "mase": "MASE", "coverage_95": "95%区间覆盖率(%)"}
FORECAST_COLUMNS = {"period": "日期", "mean": "预测", "low_95": "95%下限", "high_95": "95%上限"}
HOTSPOT_COLUMNS = {
    "key": "名称",
    "month": "预测月份",
    "before": "前三月平均",
    "recent": "近三月平均",
    "forecast": "预测",
    "low_80": "80%下限",
    "high_80": "80%上限",
    "rise": "预计上升",
    "confident": "把握较大",
}
HOTSPOT_KEYS = {"category_complaints": "投诉类别", "street_complaints": "街道"}

ALERTS = {
    "unknown": "找不到预警「{id}」。",
    "bad_step": "该预警当前为「{current}」，不能改为「{state}」（顺序：新发现 → 已确认 → 处理中 → 已解决，未解决前可标为误报）。",
    "title": "当前预警",
    "none": "当前没有未处理的预警。",
    "scanned": "扫描 {month}：新增预警 {added} 条，未处理 {open} 条。",
    "pick": "查看和处理预警",
    "step": "改为",
    "saved": "已登记：预警状态改为「{state}」。",
    "district": "全区",
    "blank": "（未填）",
    "causes": "异常解构",
    "share": "占变化(%)",
}
ALERT_HISTORY_COLUMNS = {"state": "状态", "happened_at": "时间", "actor": "经办人", "note": "说明"}
ALERT_DIRECTIONS = {"up": "偏高", "down": "偏低"}
# Findings (effmon.findings_text): computed once per month, shown on 总览, 趋势预测与预警,
# in the reports and by `effmon alerts`.
FINDINGS = {
    "title": "本月发现",
    "none": "{month} 已计算，未发现需要关注的异常或问题。",
    "not_computed": "{month} 的发现尚未计算（导入数据后自动计算；也可运行 effmon alerts --period {month}）。",
    "compute": "计算本月发现",
    "computed": "已计算 {month}：发现 {count} 项。",
    "computed_cli": "已计算 {month}：发现 {count} 项（新增 {added} 项）。",
    "loaded": "已重新计算受影响月份的发现：{months}。",
    "measured": "{when}{subject}{direction}：实际 {value}，按以往规律预期约 {expected}",
    "streak": "{site}「{indicator}」自{first}起连续 {months} 个月巡查不合格",
    "hot_issue": "投诉热点「{title}」：本月 {complaints}（{people} 人）",
    "rule": "阈值规则「{rule}」触发：实际 {value}",
    "change": "{when}{unit}{metric}：当月 {value}，上月 {before}",
    "end": "。",
    "from": "主要来自 {cells}。",
    "cell": "{where}（{department}）{actual}，预期 {expected}",
    "cause": "变化的 {share} 来自 {where}。",
    "merged": "同一事件还表现为：{members}。",
    "months": "{n} 个月",
    "pick": "查看和处理发现",
    "breakdown": "按街道 × 类别 × 部门分解",
    "bad_period": "期间应为 YYYY-MM 或 YYYY：{period}",
    "bad_time": "每日计算时间应为 HH:MM：{text}",
}
# What a measured finding is about, in a sentence ({key}: its street, category, site …).
FINDING_SUBJECTS = {
    "daily_cases": "全区日办件量",
    "cases": "全区办件量",
    "department_extended_cases": "{key}延时服务办件量",
    "complaints": "全区投诉量",
    "category_complaints": "「{key}」类投诉",
    "street_complaints": "{key}投诉量",
    "bad_reviews": "全区差评数",
    "site_wait_minutes": "{key}平均等候时长",
}
FINDING_COLUMNS = {
    "severity": "级别",
    "judgement": "判断",
    "metric": "指标",
    "key": "对象",
    "unit": "责任单位",
    "happened": "时间",
    "value": "实际",
    "expected": "预期",
    "state": "状态",
}
BREAKDOWN_COLUMNS = {
    "street": "街道",
    "category": "类别",
    "department": "部门",
    "actual": "投诉数",
    "expected": "预期",
}

RULES = {
    "title": "预警规则",
    "caption": "在模型自动发现的异常之外，可按全区当月指标设置阈值（比率按百分数填写，如差评率 > 1）。添加或停用规则后重新计算所选月份的发现，其他月份在下次计算时生效。",
    "metric": "指标",
    "op": "条件",
    "threshold": "阈值",
    "add": "添加规则",
    "added": "已添加规则：{rule}",
    "off": "停用",
    "none": "尚未设置规则。",
    "severity": "规则",
}

VISITS = {
    "no_inspector": "请填写巡查人。",
    "no_actor": "请填写经办人。",
    "future": "巡查日期 {day} 在今天之后。",
    "person_days": "投入人天应在 0 到 31 之间，现为 {value}。",
    "unknown_site": "找不到点位「{site}」，或该点位没有适用的巡查指标。",
    "unknown_visit": "找不到巡查记录「{visit}」。",
    "empty": "本次巡查没有填写任何指标。",
    "not_applicable": "指标 {indicator} 不适用于该点位。",
    "result": "指标 {indicator} 的结果「{value}」无效，应为 合格、不合格 或 不适用。",
    "finding": "指标 {indicator} 不合格：请填写发现的问题。",
    "rectify_by": "指标 {indicator} 不合格：请填写不早于巡查日期的整改期限。",
    "duplicate": "同一指标在一次巡查中只能填写一次。",
    "grace_over": "保存已超过 {hours:g} 小时，只有管理员填写修改原因后才能修改。",
    "nothing_open": "该项没有待整改的问题。",
}

# The focus problems a prompt letter (提示函) names (effmon.domain.inspection_visits).
LETTER_PROBLEMS = {
    "repeated": "连续{months}个月不合格",
    "overdue": "整改逾期（期限 {deadline}）",
}

CATALOG = {
    "who_why": "修改巡查指标需要填写经办人和修改原因。",
    "id_name": "指标编号和指标名称不能为空。",
    "frequency": "指标 {indicator} 的频次「{value}」无效，应为 {allowed} 之一。",
    "levels": "指标 {indicator} 的适用点位「{value}」无效，应为 {allowed} 中的一个或多个（用 | 分隔）。",
}

INSPECTION = {
    "tabs": ["巡查录入", "覆盖情况", "巡查分析", "指标目录"],
    "site": "点位",
    "day": "巡查日期",
    "inspector": "巡查人",
    "person_days": "投入人天",
    "show_all": "显示全部适用指标（不只本期应查的）",
    "none_due": "该点位本期没有应查的指标；可勾选上方选项查看全部适用指标。",
    "entry_caption": "每行依次为：指标、结果、发现的问题、整改期限。结果留空的指标不保存。"
    "不合格须填写发现的问题和整改期限。"
    "区级大厅按工作日日常巡查，其他点位按每月全覆盖巡查：短于一月的频次在这些点位按每月一次计。",
    "save": "保存本次巡查",
    "rest_passed": "其余未选结果的指标均记为合格",
    "saved": "已保存巡查 {visit}（{rows} 项指标）。",
    "recent": "本点位近期巡查（保存后 {hours} 小时内可修改，之后只有管理员填写修改原因后可改）",
    "pick_visit": "选择一次巡查",
    "edit_actor": "修改人",
    "edit_reason": "修改原因",
    "edit_save": "保存修改",
    "edited": "已修改 {rows} 项，原值已留存。",
    "no_change": "没有改动。",
    "history": "修改记录",
    "as_of": "统计截至 {day}",
    "covered": "已巡查点位",
    "due": "本期应查指标",
    "overdue": "逾期未查指标",
    "person_days_title": "投入人天与计划（按点位层级）",
    "board_title": "点位覆盖情况",
    "only_gaps": "只看未巡查或有逾期指标的点位",
    "overdue_pick": "查看某点位的逾期指标",
    "rates_title": "巡查合格率",
    "by": "按",
    "streaks_title": "连续不合格（同一点位同一指标连续月份，在所选期间内结束）",
    "no_streaks": "没有连续 {months} 个月及以上不合格的指标。",
    "rectify_title": "整改跟踪",
    "close_title": "登记整改完成",
    "close_pick": "待整改事项",
    "close_actor": "经办人",
    "close_note": "整改说明",
    "close_save": "确认整改完成",
    "closed": "已登记整改完成：{site} {indicator}。",
    "none_open": "没有待整改的事项。",
    "letters_title": "应发提示函的重点问题（按单位）",
    "letters_caption": "本月新出现的问题：同一指标连续不合格在本月达到 {months} 个月，或整改期限在本月届满仍未整改；"
    "更早逾期的在整改跟踪中列出。提示函 PDF 由报告中心生成。",
    "no_letters": "本月没有需要发提示函的问题。",
    "catalog_title": "巡查指标目录",
    "catalog_pick": "修改的指标（或新增）",
    "catalog_new": "新增指标",
    "catalog_actor": "经办人",
    "catalog_reason": "修改原因",
    "catalog_save": "保存指标",
    "catalog_saved": "已保存指标 {indicator}，修改已记入历史。",
    "catalog_same": "内容没有变化。",
    "catalog_history": "目录修改历史",
    "catalog_counts": "按检查清单，各类点位适用指标数（招标文件定期测评需求清单计划每类 29 项）",
}
INSPECTION_DIMENSIONS = {
    "indicator_id": "指标",
    "site_id": "点位",
    "level": "点位层级",
    "street": "街道",
}
INSPECTION_COLUMNS = {
    "indicator_id": "指标编号",
    "name": "名称",
    "method": "检查方法",
    "frequency": "频次",
    "last": "上次检查",
    "due": "本期应查",
    "overdue": "逾期",
    "result": "结果",
    "finding": "发现问题",
    "rectify_by": "整改期限",
    "rectify_state": "整改状态",
    "site_id": "点位编号",
    "site_name": "点位",
    "level": "点位层级",
    "street": "街道",
    "visits": "巡查天数",
    "last_visit": "最近巡查",
    "inspected": "已巡查",
    "sites": "点位数",
    "indicators": "计划指标数",
    "plan": "计划人天",
    "spent": "实际人天",
    "share": "完成比例(%)",
    "key": "对象",
    "checked": "检查项次",
    "passed": "合格",
    "failed": "不合格",
    "pass_rate": "合格率(%)",
    "indicator": "指标",
    "visit_date": "巡查日期",
    "state": "状态",
    "first": "起始月份",
    "until": "截止月份",
    "months": "连续月数",
    "problem": "问题",
    "since": "起始",
    "days_overdue": "逾期天数",
    "streak_months": "连续不合格月数",
    "description": "问题描述",
    "site_levels": "适用点位",
    "changed_at": "修改时间",
    "actor": "经办人",
    "reason": "原因",
    "before_json": "修改前",
    "after_json": "修改后",
    "before_result": "原结果",
    "before_finding": "原发现问题",
    "before_rectify_by": "原整改期限",
    "before_rectify_state": "原整改状态",
    "visit_id": "巡查编号",
    "inspector": "巡查人",
    "person_days": "投入人天",
    "saved_at": "保存时间",
}

FLOW = {
    "moved_on": "工单 {ticket} 刚刚已由他人办理到下一步，本次提交未记录；请刷新后查看其当前状态。",
    "unknown": "找不到工单「{ticket}」。",
    "bad_step": "工单 {ticket} 当前为「{current}」，不能转为「{state}」；可转为：{allowed}。",
    "none": "无（已办结）",
    "missing": "请填写{what}。",
    "revisit": "回访须记录三个问题（渠道是否畅通、态度是否友好、问题是否解决）和群众满意度。",
    "solved": "问题未解决，不能办结：请转为「重办」。",
    "unsolved": "问题已解决，不必重办：请转为「办结」。",
    "correction": "更正须填写经办人和更正说明。",
    "bad_source": "来源「{source}」无效，应为 {allowed} 之一。",
    "bad_limit": "没有「{source}」来源的「{state}」环节。",
    "limit_range": "时限应为 1 到 60 个工作日，并须填写经办人。",
}
FLOW_FIELDS = {
    "title": "标题",
    "body": "诉求内容",
    "unit": "责任单位",
    "actor": "经办人",
    "result": "处理结果",
}

DESK = {
    "tabs": ["工单队列", "登记投诉", "办理与时间线", "时限设置"],
    "overdue": "已超时",
    "states": "环节",
    "all": "全部环节",
    "only_overdue": "只看超时工单",
    "source": "来源",
    "state": "环节",
    "complainant": "投诉人（可不填）",
    "register": "登记受理",
    "registered": "已受理，工单号 {ticket}。",
    "ticket_any": "输入任意工单号查看（含已办结）",
    "ticket": "或选择在办工单",
    "none_open": "没有在办的工单。",
    "timeline": "工单 {ticket} 全流程",
    "closed": "该工单已办结。",
    "next": "当前环节：{current}。登记下一步：",
    "step": "转入环节",
    "note": "办理说明",
    "unit_hint": "责任单位（退回后重新核查时必填）",
    "result_hint": "处理结果（转入回访时必填）",
    "revisit_hint": "回访（办结或重办时必填）：渠道是否畅通、态度是否友好、问题是否解决，以及群众满意度。",
    "channel_ok": "渠道是否畅通",
    "attitude_ok": "态度是否友好",
    "solved": "问题是否解决",
    "satisfaction": "群众满意度",
    "save_step": "保存本步",
    "correct": "更正工单记录（不改变环节，更正作为新记录保留）",
    "correct_note": "更正说明",
    "correct_unit": "更正后的责任单位（可不填）",
    "correct_save": "保存更正",
    "corrected": "工单 {ticket} 的更正已记录。",
    "stepped": "工单 {ticket} 已转入「{state}」。",
    "workdays": "时限（工作日）",
    "limits_caption": "各来源、各环节的办理时限，按工作日计（含法定节假日和调休）；「办结」列是从受理到办结的总时限，用于按时办结率（默认 12345热线 15、意见箱 15、纪委转办 30、现场 5、网上 10 个工作日）。修改后新登记的环节按新时限计，原设置保留在历史中。",
    "save_limit": "保存时限",
    "limit_saved": "已将「{source}」来源「{state}」环节的时限改为 {days} 个工作日。",
}
DESK_COLUMNS = {
    "ticket_id": "工单号",
    "source": "来源",
    "title": "标题",
    "category": "类别",
    "category_origin": "分类来源",
    "received_at": "受理时间",
    "state": "环节",
    "since": "进入环节时间",
    "due_at": "环节时限",
    "unit": "责任单位",
    "overdue": "超时",
    "happened_at": "时间",
    "actor": "经办人",
    "note": "说明",
    "result": "处理结果",
    "channel_ok": "渠道畅通",
    "attitude_ok": "态度友好",
    "solved": "问题解决",
    "satisfaction": "满意度",
    "late": "本环节超时",
}

ATTENDANCE = {
    "caption": "重点时段：{slots}。钉钉打卡导出在「数据管理」按「钉钉打卡记录」导入，系统按时段判定在岗、迟到、早退、缺岗；"
    "现场抽查记录按「考勤检查」导入。",
    "by": "按",
    "drill": "查看明细",
    "records": "「{value}」的迟到、早退、缺岗记录",
    "no_records": "所选对象在此期间没有迟到、早退或缺岗。",
    "violations": "工作人员违反服务规范情况（来自巡查，大厅人员管理）",
    "no_violations": "此期间巡查未发现工作人员违反服务规范。",
}
ATTENDANCE_DIMENSIONS = {
    "staff_name": "人员",
    "window_name": "窗口",
    "department": "部门",
    "site_id": "点位",
}
ATTENDANCE_COLUMNS = {
    "check_date": "日期",
    "slot": "时段",
    "staff_name": "姓名",
    "department": "部门",
    "site_id": "点位",
    "window_name": "窗口",
    "checked_at": "打卡时间",
    "status": "结果",
    "source_file": "来源文件",
    "month": "月份",
    "name": "点位名称",
    "indicator": "指标",
    "failures": "不合格次数",
    "findings": "发现的问题",
}

PASSWORD_FORM = {
    "title": "修改密码",
    "current": "当前密码",
    "new": "新密码",
    "again": "再次输入新密码",
    "submit": "修改",
    "mismatch": "两次输入的新密码不一致。",
}
ACCOUNTS = {
    "bad_name": "用户名不能为空，不超过 64 个字符，且不能含控制字符。",
    "bad_role": "角色「{role}」无效，应为 {roles} 之一。",
    "exists": "用户「{user}」已存在。",
    "unknown": "没有用户「{user}」。",
    "weak": "密码至少 {n} 个字符，且须包含小写字母、大写字母、数字、其他字符（标点、空格或汉字）中的至少三类。",
    "has_name": "密码不能包含用户名。",
    "reused": "新密码不能与最近 {n} 次用过的密码相同。",
    "current_wrong": "当前密码不正确，密码未修改。",
    "changed": "密码已修改。",
    "wrong": "用户名或密码错误。",
    "disabled": "该账户已停用，请联系管理员。",
    "sso_unknown": "统一身份认证已通过，但本系统没有以该身份（邮箱或用户名）开通统一身份认证登录的账户，请联系管理员用 effmon users add --sso 开通。",
    "added": "已新建账户 {user}（{role}）。",
    "reset": "已重设 {user} 的密码。",
    "generated": "密码（只显示这一次，请妥善保存）：{password}",
    "disabled_now": "已停用 {user}。",
    "enabled_now": "已启用 {user}。",
    "first_admin": "已创建管理员账户 admin。初始密码（只显示这一次）：{password}",
}

LOGIN = {
    "title": "登录",
    "username": "用户名",
    "password": "密码",
    "submit": "登录",
    "first_start": "首次启动时，系统创建管理员账户 admin，初始密码显示在启动本系统的命令行窗口中（只显示一次）；"
    "也可在启动前用 EFFMON_ADMIN_PASSWORD 指定。其他账户由管理员用 effmon users add 创建。",
    "who": "当前用户：{username}（{role}）",
    "logout": "退出登录",
    "logged_out": "已退出登录。",
    "expired": "长时间未操作，已自动退出登录，请重新登录。",
    "forbidden": "当前账户的角色无权访问此页面或执行此操作。",
    "back_to": "前往「{page}」",
    "read_only": "当前账户的角色只能查看，不能登记。",
    "sso": "通过单位统一身份认证登录",
    "sso_or": "或使用本系统账户登录：",
    "sso_identity_missing": "统一身份认证未提供邮箱或用户名，无法对应本系统账户。",
    "sso_unverified": "统一身份认证返回的邮箱尚未验证，不能以它登录；请先在统一身份认证中验证邮箱。",
}

AUDIT = {
    "caption": "登录、导入、导出、报告、记录修改和流程办理，逐条留痕，只增不改；每条记录与前一条以校验值相链，删改任何一条都会被发现。最近 1,000 条。",
    "user": "用户",
    "action": "操作",
    "text": "对象或内容包含",
    "all": "全部操作",
}
DOWNLOADS = {
    "refused": "登录已失效或当前账户已无权下载此文件（长时间未操作、已退出、账户已停用或角色已变更），请重新登录。",
}
AUDIT_ACTIONS = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "load": "导入数据",
    "load_refused": "导入被拒绝",
    "export": "导出",
    "export_refused": "导出被拒绝",
    "visit_save": "保存巡查",
    "visit_edit": "修改巡查",
    "rectify_close": "整改完成",
    "catalog_edit": "修改指标目录",
    "complaint_register": "登记投诉",
    "complaint_step": "投诉办理",
    "complaint_limit": "修改办理时限",
    "complaint_correct": "更正投诉记录",
    "followup": "差评回访整改",
    "report": "生成报告",
    "backup": "备份数据库",
    "restore": "恢复数据库",
    "benchmark_add": "录入对标数据",
    "alert_state": "预警状态",
    "findings_compute": "计算发现",
    "rule_add": "添加预警规则",
    "rule_off": "停用预警规则",
    "model_train": "训练模型",
    "model_rollback": "回退模型",
    "texts_scored": "文本情感评分",
    "texts_classified": "文本分类",
    "hotspots": "热点分析",
    "user_add": "新建账户",
    "user_password": "重设密码",
    "password_change_failed": "修改密码失败（当前密码不正确）",
    "user_disable": "停用账户",
    "user_enable": "启用账户",
    "session_resume": "凭登录凭据进入",
    "session_refused": "登录凭据被拒绝",
    "session_expired": "登录超时",
    "session_revoke": "撤销登录",
}
# What an audit entry's details are called on the page (keys and coded values).
YES_NO = {True: "是", False: "否"}
AUDIT_DETAIL_KEYS = {
    "role": "角色",
    "sso": "统一身份认证登录",
    "issues": "热点数",
    "later": "补回的审计记录",
    "kept": "原数据库保留为",
    "reason": "原因",
    "via": "方式",
    "kind": "类型",
    "scope": "范围",
    "format": "格式",
    "rows": "行数",
    "sha256": "文件校验值",
    "rows_new": "新增行数",
    "rows_rejected": "拒绝行数",
    "batch": "批次",
    "period": "期间",
    "subject": "对象",
    "pages": "页数",
    "category": "类别",
    "state": "状态",
    "count": "数量",
    "actor": "经办人",
    "source": "来源",
    "unit": "单位",
    "note": "说明",
    "workdays": "工作日",
    "region": "地区",
    "indicator": "指标",
    "value": "数值",
    "session": "登录状态",
}
AUDIT_DETAIL_VALUES = {
    "reason": {
        "unknown": "账户不存在",
        "disabled": "账户已停用",
        "locked": "账户已锁定",
        "password": "密码错误",
        "admin": "管理员撤销",
        "reset": "密码已重设",
    },
    "session": {
        "unknown": "凭据无效或被篡改",
        "revoked": "已退出或已撤销",
        "disabled": "账户已停用",
        "idle": "超时",
        "expired": "到最长有效期",
    },
    "via": {"sso": "统一身份认证"},
    "kind": {**KINDS, "page": "页面导出"},
}
AUDIT_COLUMNS = {
    "happened_at": "时间",
    "username": "用户",
    "action": "操作",
    "target": "对象",
    "detail": "详情",
    "client": "来源地址",
}
AUDIT_CHAIN = {
    "intact": "审计日志完整：{sealed:,} 条记录逐条链接校验无误。",
    "pending": "（另有 {pending:,} 条刚写入、尚未封存的记录。）",
    "broken": "审计日志在第 {seq:,} 条记录处断裂（{happened_at:%Y-%m-%d %H:%M:%S}，用户 {username}，操作 {action}）：该记录或其前一条已被改动或删除。",
}

BACKUP = {
    "missing": "找不到备份文件 {file} 或其说明文件（.json）。",
    "hash": "备份文件 {file} 与其说明文件的校验值不符：文件已损坏或被改动，不能恢复。",
    "rows": "备份文件 {file} 的表 {table} 应有 {expected} 行，实有 {found} 行，不能恢复。",
    "chain": "备份文件 {file} 中的审计日志链接校验不通过（第 {seq} 条处断裂，或与说明文件记录的链尾不符）：审计记录被删改过，不能恢复。",
    "foreign": "备份文件 {file} 的审计日志与当前数据库的不一致（第 {seq} 条不同）：备份被改写过或不属于此数据库，不能恢复。",
    "kept_entries": "恢复后补回备份之后产生的审计记录 {count} 条。",
    "done": "已备份到 {file}（{tables} 张表，{rows} 行，校验值 {sha}…）。",
    "restored": "已从 {file} 恢复；原数据库保留为 {kept}。",
    "upgraded": "数据库结构升级前已备份到 {file}。",
}

USERS = {
    "add": "新建账户",
    "add_button": "新建",
    "change": "修改账户",
    "action": "操作",
    "change_button": "执行",
    "added": "已新建账户 {user}。初始密码（只显示这一次，请当面交给本人）：{password}",
    "reset": "已重设 {user} 的密码并解除锁定。新密码（只显示这一次）：{password}",
    "switched": "已{action}账户 {user}。",
    "not_self": "不能停用当前登录的账户。",
    "sessions": "已登录的会话",
    "sessions_none": "当前没有已登录的会话。",
    "revoke": "撤销登录",
    "revoke_button": "撤销该用户的全部登录",
    "revoked": "已撤销 {user} 的 {count} 个登录，其浏览器下一次操作时回到登录页。",
}
SESSION_COLUMNS = {
    "username": "用户名",
    "created_at": "登录时间",
    "last_seen": "最近操作",
    "expires_at": "无操作时失效于",
    "client": "地址",
    "user_agent": "浏览器",
}
SESSIONS = {
    "ended": "登录已失效（已退出、被管理员撤销或账户已停用），请重新登录。",
    "cli_revoked": "已撤销 {user} 的 {count} 个登录。",
    "too_long": "本次登录已到最长有效期，请重新登录。",
}
USER_ACTIONS = {"password": "重设密码", "disable": "停用", "enable": "启用"}
USER_COLUMNS = {
    "username": "用户名",
    "role": "角色",
    "state": "状态",
    "sso": "统一身份认证登录",
    "created_at": "创建时间",
}
USER_STATES = {"active": "正常", "disabled": "已停用", "locked": "锁定至 {until:%Y-%m-%d %H:%M}"}

REPORT_FONT = {
    "none": "找不到可嵌入 PDF 的中文 TrueType 字体。请安装文泉驿微米黑（Debian/Ubuntu：apt-get install fonts-wqy-microhei，./run.sh 会自动安装），或用环境变量 EFFMON_REPORT_FONT 指定一个 .ttf/.ttc 字体文件。",
    "missing_file": "EFFMON_REPORT_FONT 指定的字体文件 {path} 不存在。",
    "unusable": "字体文件 {path} 无法嵌入 PDF（需为 TrueType 轮廓的 .ttf/.ttc，Noto CJK 等 .otf 不可用）：{detail}",
    "not_chinese": "字体文件 {path} 不含常用汉字，不能用于中文报告。",
}
REPORT_PAGE = {
    "secret": "内部资料　注意保密",
    "stamp": "由 {user} 于 {at} 生成",
    "stamp_outgoing": "生成时间：{at}",
    "page": "第 {page} 页　共 {pages} 页",
    "contents": "目　录",
}
REPORT_KINDS = {
    "monthly": "政务服务月报",
    "annual": "政务服务年度报告",
    "inspection_monthly": "巡查月报",
    "inspection_annual": "年度巡查报告",
    "complaint_month": "全流程投诉处理报告（月度）",
    "complaint_ticket": "全流程投诉处理报告（单件）",
    "letter": "提示函",
    "research": "专项调研报告",
}
REPORT_PERIOD = {
    "month": "{year}年{month}月",
    "year": "{year}年度",
    "months": "{year}年{first}–{last}月",
    "day": "{year}年{month}月{day}日",
}
# Why a change is not given: the period compared with lacks data.
COMPARE_GAP = {
    "none": "{name}无数据",
    "partial": "{name}仅有{months}的数据",
}
REPORT_SECTIONS = {
    "overview": "一、总体情况",
    "satisfaction": "二、好差评情况",
    "complaints": "三、投诉诉求办理情况",
    "inspections": "四、日常巡查情况",
    "alerts": "五、预警与异常",
    "followup": "六、上月问题整改跟踪",
    "suggestions": "七、下一步工作建议",
    "suggestions_year": "六、下一步工作建议",
    "appendix": "附表",
    "workload": "附表1　部门办件与窗口工作量",
    "attention": "附表2　本月指标变差的单位",
    "departments": "附表3　各部门评价与满意度指数",
}
REPORT_MASTHEAD = {
    "monthly": "政务服务月报",
    "annual": "政务服务年度报告",
    "issue": "{year}年第{number}期",
    "unit": "{unit}　编",
}
REPORT_TEXT = {
    "interval_header": "95%区间",
    "by_model": "其中 {model}的类别由分类模型判定，尚未经人工复核（{queued}在复核队列中，其余为自动采纳）。",
    "overview": "{period}全区受理办件 {cases}{cases_moves}；其中网办 {online}，网办率 {online_share}{online_moves}；即办件占 {instant_share}。已办结 {finished}，当期到期办件的办结率 {closed_share}，提前办结率 {early_share}。窗口平均等候 {wait}{wait_moves}，超期办件 {overdue}（截至 {as_of}）。",
    "inspections": "{period}共巡查点位 {inspected} 个（全区 {sites} 个），投入巡查 {spent} 人·天（计划 {plan} 人·天）；检查指标 {inspection_checks}，不合格 {inspection_failures}，合格率 {inspection_pass_share}。",
    "no_checks": "本期没有巡查记录。",
    "streaks": "同一点位同一指标连续 {months} 个月及以上不合格的有 {count} 项，主要是：",
    "streak_item": "{site}「{indicator}」，自{first}起连续 {months} 个月不合格",
    "no_streaks": "本期没有连续 {months} 个月及以上不合格的指标。",
    "rectification": "本期巡查发现的问题 {found} 项，截至{day}已整改 {closed} 项、待整改 {open} 项、逾期未整改 {late} 项。",
    "rectification_backlog": "此前各期发现、至今逾期未整改的还有 {overdue} 项，较多的是{units}。",
    "letters_sent": "上月向{units}{more}发出巡查问题提示函 {count} 份，指出问题 {items} 项，回复期限最迟至 {reply_by}。截至{as_of}，{progress}",
    "letters_all_done": "函中问题均已整改。",
    "letters_none_done": "函中问题均未整改，请各单位按期书面回复整改情况。",
    "letters_some_done": "已整改 {done} 项，尚未整改的 {left} 项涉及{units}，请按期书面回复整改情况。",
    "letters_more": "等 {n} 个单位",
    "followup": "上月报告列出的 {count} 项发现，本月情况如下：",
    "followup_top": "上月报告列出的 {count} 项发现中，较重要的 {shown} 项本月情况如下：",
    "followup_item": "{sentence}——{now}{state}。",
    "followup_unhandled": "上月报告的发现中有 {n} 项至今未在系统中登记处理情况，请相关单位及时登记处理进展。",
    "followup_gone": "本月已不再出现",
    "followup_still": "本月仍然存在",
    "no_followup": "上月没有需要跟踪的发现。",
    "overview_feedback": "收到好差评 {evaluations}，好评率 {good_share}，差评 {bad}{bad_moves}；登记投诉诉求 {complaints}{complaints_moves}，按时办结率 {on_time}；巡查合格率 {pass_share}。",
    "trend_caption": "图 {n}　近 12 个月办件量与网办量（件）",
    "year_caption": "图 {n}　本年各月办件量与网办量（件）",
    "workload": "{period}办件量居前的部门是{top}。按街道看，{street}办件最多（{street_cases}）。窗口平均等候最长的点位是{slow_site}（{slow_wait}，{slow_waits} 件叫号）。",
    "workload_none": "{period}无办件数据。",
    "workload_caption": "图 {n}　各街道办件量（件；网办件没有点位和街道，不在图中）",
    "satisfaction": "{period}共收到评价 {evaluations} 条，主动评价率（评价数 ÷ 同期受理并已办结的办件数）为 {active_share}。其中非常满意和满意 {good} 条，好评率 {good_share}；不满意和非常不满意（差评）{bad} 条，差评率 {bad_share}。各部门的评价数和满意度指数见附表3。",
    "outcomes": "已核查的 {verified_complaints}中，属实 {substantiated_complaints}、部分属实 {partly_substantiated_complaints}、不属实 {unsubstantiated_complaints}，投诉属实率 {verified_share}；回访 {revisited_complaints}，满意率 {revisit_satisfied_share}，不满意率 {revisit_dissatisfied_share}。",
    "channels": "按评价渠道：",
    "red_black": "{units}红黑榜：本期评价不少于 {least} 条的{units}中，满意度指数最高的 {count} 个列入红榜，最低的 {count} 个列入黑榜（黑榜按指数由低到高排列）。",
    "list_header": "榜单",
    "rank_header": "名次",
    "red_list": "红榜",
    "black_list": "黑榜",
    "followups": "本期差评 {items} 条，已回访 {revisited} 条（回访率 {revisited_share}），已整改 {rectified} 条（整改率 {rectified_share}）；超过 {workdays} 个工作日仍未整改的 {overdue} 条。",
    "no_followups": "本期没有差评。",
    "satisfaction_none": "{period}无评价数据。",
    "falls": "满意度指数明显低于本部门常态的有：{items}。",
    "fall_item": "{department}（{month}，{index}，常态 {median}）",
    "no_falls": "本期没有部门的满意度指数明显低于其常态。",
    "index_note": "满意度指数 = 60×评分 + 20×评价内容情感 + 20×服务要素情感（各 0-1），区间为 95% 置信区间，评价少则区间宽。",
    "complaints": "{period}共登记投诉诉求 {complaints} 件，数量居前的类别是{top}。按各来源的办结时限（工作日）计，已办结的 {closed} 件中按时办结 {on_time} 件，按时办结率 {on_time_rate}；超时未办结 {overdue} 件。",
    "complaints_none": "{period}无投诉诉求数据。",
    "hot": "按诉求内容和地点聚合，本期热度最高的问题是「{title}」，共 {count} 件。",
    "no_hot": "本期未形成多件集中反映的热点问题。",
    "heat_note": "热度综合诉求人数、点赞数、持续天数和最近一次诉求距今的天数计算，不同的人反映越多、持续越久、越近期，热度越高。",
    "alerts": "{period}共有发现 {count} 项，主要有：",
    "no_alerts": "{period}各项指标均在预期范围内，未发现异常。",
    "findings_missing": "以下月份的发现尚未计算，未列入本节：{months}（可运行 effmon alerts --period 计算）。",
    "all_alike": "均{state}",
    "alerts_streaks": "另有同一点位同一指标连续巡查不合格 {count} 项，见第四部分。",
    "alerts_streaks_only": "{period}的发现均为同一点位同一指标连续巡查不合格（{count} 项），见第四部分。",
    "alerts_year": "{period}共有发现并跟踪 {count} 项（{states}），主要有：",
    "attention": "与上月相比，下列单位的指标上升最为明显：",
    "no_attention": "与上月相比没有明显变差的单位。",
    "suggestions": "根据以上分析，提出如下建议：",
    "no_suggestions": "本期各项指标运行平稳，建议保持现有工作力度。",
    "moves": "，{moves}",
    "moves_aside": "（{moves}）",
    "no_comparison": "{reason}，{kind}不作比较，表中以「—」表示。",
    "no_comparison_year": "{reason}，{kind}不作比较。",
    "versus_month": "环比",
    "versus_year": "同比",
    "empty": "（无数据）",
    "uncategorised": "未分类",
}
# Where a finding stands, as a reader of a report hears it (store.findings.STATES).
REPORT_FINDING_STATES = {
    "新发现": "尚未登记处理情况",
    "已确认": "已确认，待处理",
    "处理中": "正在处理",
    "已解决": "已处理完毕",
    "误报": "经核实为误报",
}
REPORT_SUGGESTIONS = {
    "wait_minutes_mean": "{unit}窗口平均等候时长上升至 {current}，建议在高峰时段增开窗口或增加预约号源，引导群众错峰和网上办理。",
    "overdue_cases": "{unit}超期办件增至 {current}，建议逐件梳理超期原因，落实限时办结和超时督办。",
    "bad_count": "{unit}差评增至 {current}，建议对差评逐条回访，查明原因并限期整改。",
    "complaints": "{unit}投诉诉求增至 {current}，建议针对集中反映的问题开展专项整治。",
    "complaints_few": "{unit}投诉诉求增至 {current}，建议逐件核实、按时答复，防止同类问题反复。",
    "hot": "「{title}」已有 {count} 件诉求集中反映，建议明确牵头部门统筹处置，并向诉求人统一答复。",
    "on_time": "投诉诉求按时办结率为 {rate}，低于 {target}，建议加强工单督办，对临近时限的工单提前提醒。",
    "fall": "{department}满意度指数降至 {index}，建议分析评价内容，针对服务态度、效率等问题改进。",
    "alert": "{sentence}建议相关单位核实原因。",
    "alert_unit": "{sentence}建议{unit}查明原因，提出改进措施。",
    "streak": "{site}「{indicator}」已连续 {months} 个月巡查不合格，建议向该点位发出整改提示函，明确责任人和整改时限，并在下月巡查中复查。",
}
REPORT_KPI_COLUMNS = {
    "name": "指标",
    "now": "本月",
    "before": "上月",
    "moved": "环比",
    "yoy": "同比",
}
REPORT_YEAR_COLUMNS = {"name": "指标", "now": "本年", "before": "上年同期", "moved": "同比"}
REPORT_MONTH_COLUMNS = {
    "month": "月份",
    "cases": "办件量",
    "online_share": "网办率",
    "wait_minutes_mean": "平均等候(分钟)",
    "overdue_cases": "超期件",
    "good_share": "好评率",
    "bad_count": "差评数",
    "complaints": "投诉诉求",
    "on_time_share": "按时办结率",
}
REPORT_CLOSURE_COLUMNS = {
    "key": "来源",
    "tickets": "工单数",
    "closed": "已办结",
    "on_time_rate": "按时办结率(%)",
    "overdue": "超时未办结",
    "repeats": "重复投诉",
}
REPORT_HOT_COLUMNS = {
    "place": "地点",
    "title": "问题",
    "complaints": "件数",
    "span": "时间",
    "heat": "热度",
}
REPORT_ERRORS = {
    "kind": "未知的报告类型「{kind}」（可用：{allowed}）。",
    "month": "{name}的期间应为年月，如 2026-10（收到「{period}」）。",
    "year": "{name}的期间应为年份，如 2026（收到「{period}」）。",
    "day": "{name}的期间应为事件日期，如 2026-01-05（收到「{period}」）。",
    "unit": "{name}需要指定单位（--unit）。",
    "complaint": "{name}需要指定工单编号（--complaint）。",
}
PAGE_FAILED = "页面出错，未能显示。错误详情已记入服务器日志；请刷新页面重试，若仍出错请联系系统管理员并告知出错时间。"
CLI_ACTOR = "命令行（{user}）"  # the actor of a command in the audit trail
REPORT_CLI = {
    "written": "已生成{name}（{period}）：{path}，{pages} 页，用时 {seconds:.1f} 秒。",
    "no_months": "{year} 年没有数据，未生成{name}。",
    "no_tickets": "{period} 没有受理的投诉工单，未生成报告。",
    "batch": "共生成 {count:,} 份{name}，用时 {seconds:.1f} 秒：{path}",
}
REPORT_VIEW = {
    "subtitle": "页面导出",
    "part": "内容 {n}",
    "cut": "（仅列出前 {shown} 行，共 {total} 行；完整数据请导出 CSV/XLSX。）",
    "button": "导出本页 PDF",
    "kpis": "主要指标",
    "scope": "{month}　筛选：{filters}",
    "all_data": "全部数据",
}
REPORT_CENTRE = {
    "caption": "选择报告类型和期间后生成（全区口径，不受侧栏筛选影响）；各分析看板页可在侧栏「导出本页 PDF」。",
    "kind": "报告类型",
    "unit": "提示对象（有重点问题的点位）",
    "ticket": "工单编号",
    "event": "事件日期（全区口径；按点位或部门分析请用「专项调研」页）",
    "event_name": "事件名称",
    "month": "月份",
    "year": "年度",
    "generate": "生成报告",
    "working": "正在生成报告……",
    "done": "报告已生成：{pages} 页，用时 {seconds:.1f} 秒。",
    "download": "下载 PDF",
    "preview": "预览（前三页）",
    "recent": "最近生成的报告",
    "none": "还没有生成过报告。",
    "pick": "选择要下载的报告",
    "item": "#{id} {类型} {期间}（{生成人}，{生成时间}）",
    "download_kept": "下载所选报告",
    "columns": {
        "kind": "类型",
        "period": "期间",
        "subject": "对象",
        "generated_by": "生成人",
        "generated_at": "生成时间",
        "pages": "页数",
        "seconds": "用时(秒)",
    },
}
INSPECTION_REPORT = {
    "sections": {
        "coverage": "一、巡查覆盖情况",
        "findings": "二、巡查发现的问题",
        "repeated": "三、反复出现的问题",
        "rectification": "四、整改情况",
        "attendance": "五、重点时段在岗情况",
        "suggestions": "六、工作建议",
    },
    "coverage": "{period}共巡查点位 {inspected} 个，占全部 {sites} 个点位的 {share}，尚有 {uncovered} 个点位未巡查；投入巡查 {spent:.0f} 人·天（计划 {plan:.0f} 人·天）。",
    "coverage_year": "{period}全区共 {sites} 个点位，平均每月巡查 {mean:.0f} 个点位；巡查最少的是 {low_month}（{low} 个）。",
    "coverage_caption": "图 {n}　各月不合格项次",
    "failed_series": "不合格项次",
    "month_columns": {
        "month": "月份",
        "inspected": "巡查点位",
        "checked": "检查项次",
        "failed": "不合格",
        "pass_rate": "合格率",
    },
    "level_columns": {
        "level": "点位层级",
        "sites": "点位数",
        "inspected": "已巡查",
        "share": "覆盖率",
    },
    "no_checks": "本期没有巡查记录。",
    "findings": "{period}共检查指标 {inspection_checks}，不合格 {inspection_failures}，合格率 {inspection_pass_share}。不合格较多的指标是{worst}。",
    "by_indicator": "按指标（不合格率由高到低）：",
    "by_site": "按点位（不合格率由高到低）：",
    "no_repeated": "本期没有连续 {months} 个月及以上不合格的指标。",
    "repeated": "截至{period}，有 {count} 项指标在同一点位连续 {months} 个月及以上不合格：",
    "streak_columns": {
        "site": "点位",
        "name": "指标",
        "first": "起始月份",
        "until": "最近月份",
        "months": "连续月数",
    },
    "no_failures": "本期巡查未发现不合格项。",
    "rectification": "{period}巡查发现的不合格项共 {failed} 项，截至{as_of}已整改 {closed} 项（整改率 {share}），待整改 {open} 项，逾期未整改 {overdue} 项。",
    "overdue_list": "逾期未整改的问题：",
    "overdue_columns": {
        "name": "点位",
        "indicator": "指标",
        "visit_date": "巡查日期",
        "finding": "问题描述",
        "rectify_by": "整改期限",
    },
    "no_attendance": "本期没有重点时段考勤记录。",
    "attendance": "{period}重点时段在岗抽查 {attendance_checks}，在岗率 {present_share}；迟到 {late_checks}，早退 {early_checks}，缺岗 {absent_checks}。缺岗和迟到较多的部门如下：",
    "suggest": {
        "uncovered": "尚有 {count} 个点位本期未巡查，建议调整巡查计划，确保每月全覆盖。",
        "worst": "「{indicator}」不合格较多，建议开展专项督导并组织培训。",
        "repeated": "{site}「{indicator}」已连续 {months} 个月不合格，建议向该单位发提示函，限期整改。",
        "overdue": "有 {count} 项问题逾期未整改，建议逐项督办，必要时通报。",
        "absent": "{unit}重点时段缺岗 {absent}，建议加强窗口在岗管理。",
    },
}
COMPLAINT_REPORT = {
    "sections": {
        "intake": "一、受理概况",
        "verification": "二、核查结果",
        "timeliness": "三、办理时效",
        "revisits": "四、回访满意度",
        "repeats": "五、重复投诉与热点问题",
        "overdue": "六、超时未办结工单",
        "ticket": "一、工单信息",
        "outcome": "二、答复与办理结果",
        "timeline": "三、办理全过程",
    },
    "none": "{period}没有登记投诉诉求。",
    "intake": "{period}共登记投诉诉求 {tickets}，来源为{sources}；数量居前的类别是{categories}。",
    "category_columns": {"category": "类别", "tickets": "件数"},
    "category_by": "{category}（{origin}）",
    "no_verification": "本期登记的工单尚无核查结论。",
    "verification": "本期登记的工单中已有核查结论的 {checked}，其中{said}，投诉属实率（属实和部分属实）为 {rate}。",
    "verification_columns": {"result": "核查结果", "tickets": "件数", "share": "占比"},
    "timeliness": "按各来源办结时限（工作日）计，已办结 {closed} 件，其中按时办结 {on_time} 件，按时办结率 {rate}；尚未办结 {open} 件，其中已超时 {overdue} 件。",
    "by": {"source": "按来源：", "department": "按承办部门："},
    "by_header": {"source": "来源", "department": "承办部门"},
    "no_revisits": "本期登记的工单尚无办结回访的满意度记录。",
    "revisits": "本期登记的工单中办结回访并记录满意度的 {total}，其中{said}；满意率（满意和基本满意）{satisfied}，不满意率 {dissatisfied}。",
    "repeats": "重复投诉 {repeats}，占本期工单的 {share}。重复投诉指同一诉求人在其工单办结后 {days} 天内再次投诉，或同一地点同一类别的问题办结后 {days} 天内再次被反映（此前反映该问题的工单均已办结）；多人在同一时段集中反映同一问题属于热点问题，不计为重复投诉。",
    "hot_issues": "本期集中反映的热点问题如下：",
    "last": "最近",
    "no_overdue": "本期没有超时未办结的工单。",
    "overdue": "以下 {count} 件工单已超过办结时限仍未办结，请承办单位抓紧办理：",
    "overdue_columns": {
        "ticket_id": "工单编号",
        "title": "标题",
        "source": "来源",
        "department": "承办部门",
        "received_at": "受理日期",
        "stage": "当前环节",
    },
    "stage": "{state}",
    "stage_late": "{state}（已超时）",
    # one incident behind most of a month's complaints (complaint_incident_share)
    "incident": "{span}，{place}集中出现{problem}问题，相关投诉 {count}（{people} 名诉求人），占本期投诉的 {share}，承办部门为{department}。",
    "incident_unplaced": "{span}集中出现「{problem}」问题，相关投诉 {count}（{people} 名诉求人），占本期投诉的 {share}，承办部门为{department}。",
    "steps": "按各环节自身的时限（工作日）判定，本期工单经过有时限的环节 {steps} 个，其中超时 {late} 个，涉及工单 {tickets}；超时最多的环节是{worst}。",
    "steps_none_late": "按各环节自身的时限（工作日）判定，本期工单经过有时限的环节 {steps} 个，均在时限内完成。",
    "steps_worst": "{state}（{late} 个）",
    "steps_by": "按环节：",
    "step_columns": {
        "state": "环节",
        "limit": "时限（工作日）",
        "steps": "环节数",
        "late": "超时",
        "on_time": "按时率",
    },
    "late_steps": "超时环节明细（每行为一个工单的一个超时环节，用时为进入该环节次日起的工作日数）：",
    "late_steps_more": "超时环节明细（共 {count} 个，以下列出最早受理的 {shown} 个；用时为进入该环节次日起的工作日数）：",
    "late_step_columns": {
        "ticket_id": "工单编号",
        "department": "承办部门",
        "state": "超时环节",
        "limit": "时限",
        "taken": "用时",
        "status": "状态",
    },
    "step_status": {"done": "已转下一环节", "open": "仍在该环节"},
    "ticket_subtitle": "工单 {ticket}",
    "facts": {
        "ticket_id": "工单编号",
        "source": "来源",
        "received_at": "受理时间",
        "title": "标题",
        "body": "诉求内容",
        "category": "类别",
        "department": "承办部门",
        "street": "街道",
    },
    "outcome": {
        "result": "核查结果",
        "reply": "答复内容",
        "replied_at": "答复时间",
        "closed_at": "办结时间",
        "satisfaction": "回访满意度",
    },
    "fact_columns": {"field": "项目", "value": "内容"},
    # 办理结论: said from the recorded steps, not from the reply's wording
    "conclusion": "办理结论（依据各环节记录）：",
    "found": "经核查，反映情况{result}。",
    "not_found": "尚无核查结论。",
    "handled": "承办单位{unit}于{end}答复。",
    "handled_open": "承办单位{unit}尚未答复。",
    "revisited": "回访时诉求人表示{satisfaction}。",
    "steps_late": "按各环节自身的时限，{steps}。",
    "step_late": "{state}环节超时（时限 {limit} 个工作日，用时 {taken} 个工作日）",
    "step_open_late": "{state}环节已超时（时限 {limit} 个工作日，已用 {taken} 个工作日）",
    "steps_on_time": "各环节均在本环节时限内完成。",
    "reply_conflict": "答复内容写有「{said}」，与登记的核查结果「{result}」不一致，请承办单位核实后更正。",
    # words of a reply that say the problem was acted on: the complaint was at least partly true
    "remedy_words": ["整改", "加派", "优化", "修复", "致歉", "批评教育", "已解决"],
    "timeline_rule": "每个环节按本来源该环节的时限（工作日）判定：自进入该环节起，须在时限最后一个工作日17:30前转入下一环节。",
    "timeline_columns": {
        "state": "环节",
        "started_at": "开始时间",
        "limit": "环节时限",
        "due_at": "应完成时间",
        "ended_at": "完成时间",
        "who": "经办人",
        "judged": "判定",
    },
    "limit": "{workdays} 个工作日",
    "judgement": {
        "on_time": "按时",
        "late": "超时",
        "open_on_time": "办理中",
        "open_late": "办理中，已超时",
        "none": "—",
    },
    "notes": "各环节记录：",
    "step_note": "{state}（{at}）：{text}",
    "no_limit": "该来源未设置办结时限。",
    "verdict": {
        "closed_on_time": "该工单从受理到办结用时 {workdays} 个工作日，在 {limit} 个工作日的办结时限内。",
        "closed_late": "该工单从受理到办结用时 {workdays} 个工作日，超过 {limit} 个工作日的办结时限。",
        "open": "该工单尚未办结，已用 {workdays} 个工作日（办结时限 {limit} 个工作日）。",
        "open_late": "该工单尚未办结，已用 {workdays} 个工作日，超过 {limit} 个工作日的办结时限。",
    },
}
LETTER = {
    "title": ["关于{unit}", "巡查发现问题的提示函"],
    "number": "{prefix}〔{year}〕{number}号",
    # a store opened read-only cannot give a number: the letter is a draft, the number blank
    "number_draft": "{prefix}〔{year}〕　　号（草稿）",
    # who a site's letter is addressed to besides the site: by the site's level
    "responsible": {"区级大厅": "", "default": "{street}办事处"},
    "to": "{units}：",
    "opening": "{period}，我中心在政务服务日常巡查中发现，{address}{site}存在以下{count}个方面的问题，"
    "现函告如下：",
    "address": "位于{address}的",
    "problems_title": "一、发现的问题",
    "item": "（{n}）{indicator}。",
    "found": "{found_on}巡查发现：{finding}。",
    "found_again": "{found_on}复查仍存在该问题。",
    "found_unstated": "{found_on}巡查该项不合格。",
    "streak": "该指标自{first}起已连续{months}个月巡查不合格。",
    "deadline_open": "整改期限为{rectify_by}。",
    "deadline_late": "整改期限为{rectify_by}，截至{as_of}仍未整改，已逾期{days}天。",
    "requirements_title": "二、整改要求",
    "rectify": "（一）请贵单位高度重视，逐项分析原因、落实整改，于{deadline}前（{days}个工作日内）"
    "完成整改，举一反三，防止同类问题反复出现。",
    "reply": "（二）请于{reply}前将整改情况（整改措施、完成时间及佐证材料）书面回复我中心。"
    "逾期未回复或整改不到位的，将在全区政务服务工作通报中予以通报。",
    "closing": "特此函告。",
    "seal": "（印章）",
    "contact": "（联系人：{contact}；联系电话：{phone}）",
    "blank": "_" * 12,  # a line to fill in by hand
    "cc": "抄送：{units}。",
    "printed": "{day}印发",
    "page": "— {page} —",
    "nothing_due": "点位 {unit} 在{period}没有需要发提示函的问题。",
    "none_due": "{period}没有需要发提示函的单位。",
    "audit": "提示函编号",
}
RESEARCH = {
    "measures": {
        "cases": "日办件量",
        "wait_minutes_mean": "平均等候时长",
        "windows": "开放窗口数",
    },
    "verdicts": {"up": "显著上升", "down": "显著下降", "none": "无显著变化"},
    "standings": {"ahead": "领先", "behind": "落后", "level": "持平", "unknown": "本区无此数据"},
    "comparisons": {
        "level": "同级别其他点位（{names}）",
        "sites": "其他各点位",
        "levels": "其他层级的点位",
        "streets": "其他街道的点位",
        "departments": "其他部门",
        "year": "上年同期的{scope}（前推 52 周，星期对齐）",
        "none": "无（数据不足一年，无法取上年同期；以下“事件影响”即{scope}自身的前后变化，可能包含季节等同期因素）",
    },
    "too_few_days": "事件前后各需至少 {minimum} 个工作日的数据（现有：事件前 {before} 天，事件后 {after} 天）。请调整事件日期或对比周数。",
    "before_mean": "事件前均值",
    "after_mean": "事件后均值",
    "form_missing": "请填写地区和指标。",
    "form_period": "期间「{period}」应为年份（如 2025）或年月（如 2025-06）。",
}
RESEARCH_REPORT = {
    "sections": {
        "method": "一、调研事项与方法",
        "effects": "二、事件前后对比",
        "peers": "三、与先进地区对标",
        "conclusions": "四、结论与建议",
    },
    "district": "全区",
    "period": "事件日期：{event}",
    "headline": "{scope} {event} {name}",
    "unnamed": "发生的调研事项（未注明名称）",
    "subject": "{scope}于{event}{name}。本报告分析该事件前后各 {weeks} 周（{first}至{last}）{scope}的运行变化，指标为日办件量、平均等候时长和开放窗口数，只计工作日。",
    "method": "对比单位为{comparison}，取相同的工作日。事件的影响按双重差分估计：本单位事件前后日均值之差，减去对比单位同期的变化（按事件前本单位与对比单位的比例折算）。逐日相减扣除了季节、星期、节假日前后和全区共同的变化，因此对比单位同样出现的变化不计为事件的影响。95% 置信区间按 Newey-West 稳健标准误计算（相邻工作日相关）。节假日和调休上班日按国家安排处理。",
    "effect": "{measure}{verdict}：事件前日均 {before}，事件后 {after}（{raw}）；对比单位同期{comparison}；扣除同期变化后，事件带来的变化为 {effect}（95% 置信区间 {low} 至 {high}）{tail}。",
    "effect_alone": "{measure}{verdict}：事件前日均 {before}，事件后 {after}（{raw}）；未扣除同期变化，前后之差为 {effect}（95% 置信区间 {low} 至 {high}）{tail}。",
    "tail_significant": "，相对事件前 {relative}",
    "tail_none": "，区间含 0，不能认定事件带来了变化",
    "tail_against": "。本单位均值{raw}，与估计方向相反，是因为对比单位同期{comparison}，按此推算本单位应{expected}",
    "expected_up": "增加 {amount}",
    "expected_down": "减少 {amount}",
    "measure_unit": "{name}({unit})",
    "effect_columns": {
        "name": "指标",
        "raw": "本单位前→后",
        "comparison": "对比单位同期",
        "effect": "事件影响",
        "interval": "95% 置信区间",
        "p_value": "p 值",
        "verdict": "判断",
    },
    "effect_note": "事件影响 = 本单位前后变化 − 按对比单位同期变化推算的变化；置信区间不含 0 为显著。",
    "chart": "图 1　事件前后各周平均等候时长（分钟，工作日均值；横轴为各周首日，虚线为事件日 {event}）：本单位与对比单位（按事件前水平折算）",
    "chart_mark": "{event} {name}",
    "chart_unnamed": "事件日",
    "chart_unit": "本单位",
    "chart_comparison": "对比单位（折算）",
    "units": "对比单位共 {count} 个：{names}。",
    "units_some": "对比单位共 {count} 个，如{names}等。",
    "no_peers": "尚未录入对标地区数据。请在「专项调研」页录入，或在「数据管理」页导入「对标数据」。",
    "peers": "对标期间为{period}，对标地区：{regions}；数据来源：{sources}。本区数值按相同期间和口径计算；比率之差以个百分点计。",
    "peer_source": "{source}（{regions}）",
    "peers_unsourced": "另有 {count} 条对标数据未注明来源，未列入对比。",
    "no_sourced_peers": "已录入的 {count} 条对标数据均未注明来源，不列入对比。请在「专项调研」页录入时填写「来源说明」。",
    "peers_unknown": "以下指标本区无此数据，仅列对标值：{items}。",
    "peer_item": "{indicator}（{values}）",
    "peer_value": "{region} {value}",
    "peer_columns": {
        "indicator": "指标",
        "region": "对标地区",
        "peer": "对标值",
        "ours": "本区",
        "gap": "差距",
        "standing": "对比",
    },
    "gap_more": "高 {amount}",
    "gap_less": "低 {amount}",
    "gap_level": "持平",
    "no_findings": "事件前后各项指标扣除同期变化后无显著变化，本区指标与对标地区相当。",
    "advice": {
        "wait_minutes_mean_down": "扣除同期变化后，事件使平均等候时长显著下降（约 {relative}），成效明显，建议总结经验，在其他点位推广。",
        "wait_minutes_mean_up": "扣除同期变化后，事件后平均等候时长显著上升（约 {relative}），建议排查原因，必要时增开窗口或增加预约号源。",
        "cases_up": "扣除同期变化后，事件后办件量显著上升（约 {relative}），建议相应调配窗口和人员。",
        "cases_down": "扣除同期变化后，事件后现场办件量显著下降（约 {relative}），如系分流至网上办理，建议继续引导；否则应核实原因。",
        "windows_down": "扣除同期变化后，事件后开放窗口数显著减少（约 {relative}），建议结合等候时长评估窗口配置是否适当。",
        "windows_up": "扣除同期变化后，事件后开放窗口数显著增加（约 {relative}），建议评估人员投入与办件量是否匹配。",
        "behind_large": "{items}落后于对标地区且差距较大，建议选择差距最大的一至两项，学习先进地区做法、制定改进措施。",
        "behind_small": "{items}略落后于对标地区，差距较小，可在日常工作中持续改进。",
        "behind_item": "{indicator}（比{region}{gap}）",
    },
}
RESEARCH_PAGE = {
    "caption": "分析范围为侧栏所选的点位、部门或街道（不选则为全区）；事件如新系统上线、新大厅启用、流程调整。",
    "event": "事件日期",
    "event_name": "事件",
    "event_name_hint": "如 上线智能排队叫号系统",
    "unnamed": "（未填写事件）",
    "weeks": "对比前后各几周",
    "effects": "事件前后对比",
    "compared": "对比单位：{comparison}。事件影响 = 本单位前后变化 − 按对比单位同期变化推算的变化。",
    "comparison_line": "对比单位（按事件前水平折算）",
    "measure": "查看指标",
    "method": "估计方法：双重差分。本单位与对比单位取相同的工作日，逐日相减后比较事件前后（扣除季节、星期、节假日和全区共同的变化）；95% 置信区间按 Newey-West 稳健标准误计算。非工作日不计入，节假日和调休按国家安排。",
    "effect_columns": {
        "measure": "指标",
        "before": "事件前日均",
        "after": "事件后日均",
        "difference": "前后之差",
        "comparison_relative": "对比单位同期变化(%)",
        "effect": "事件影响",
        "effect_low": "影响下限",
        "effect_high": "影响上限",
        "p_value": "p 值",
        "relative": "影响相对事件前(%)",
        "verdict": "判断",
    },
    "peers": "与先进地区对标",
    "period": "对标期间",
    "form": "录入对标数据",
    "region": "地区（如 上海浦东）",
    "indicator": "指标（如 网办率）",
    "form_period": "期间（如 2025 或 2025-06）",
    "value": "数值",
    "unit": "单位（如 %、分钟）",
    "note": "来源说明",
    "import": "批量导入：在「数据管理」页选择数据类型「对标数据」上传 CSV/XLSX。同一地区、指标和期间再次录入时以最新为准。",
    "save": "保存",
    "saved": "已保存：{region} {indicator}",
    "report": "生成专项调研报告",
}

# 系统设置: what each setting of effmon.config.SETTINGS does, for the administrator.
SETTINGS = {
    "db": "DuckDB 数据文件的位置",
    "max_upload_mb": "导入时接受的最大文件大小（MB）",
    "max_sheet_cells": "XLSX 工作表可读取的最大单元格数（行数 × 列数，到最后一个单元格为止）；更大的导出请另存为 CSV",
    "demo_months": "演示数据覆盖的月数",
    "demo_scale": "演示数据规模倍数：1 约 34 万件办件，30 约 1000 万件",
    "demo_seed": "生成演示数据的随机种子",
    "store_wait_seconds": "另一进程正在写入数据时，页面或命令等待的秒数",
    "error_rows_shown": "页面上显示的被拒绝行数（CSV 错误报告包含全部）",
    "min_waits": "点位或部门平均每月至少有这么多条等候记录，其平均等候时长才计入："
    "列入需关注、报告中称为等候最长、参与预测和预警",
    "attention_min_count": "单位当月的超期件、差评或投诉至少有这么多件，其上升才列入「本月需要关注」",
    "attention_top": "总览「本月需要关注」列出的单位数（按偏离程度排序）",
    "index_window_months": "满意度指数展示和判断部门显著下降所用的月数（截至所选月份；"
    "13 个月可包含上年同月，供总览计算同比）",
    "index_fall_min_evaluations": "部门当月评价至少有这么多条，才判断其满意度指数是否显著下降",
    "followup_workdays": "差评回访整改的时限（工作日）",
    "review_share": "模型分类或评分的文本中送人工复核的比例（置信度最低的先送），其余自动采纳",
    "repeat_complaint_days": "投诉办结后多少天内，同一诉求人或同一问题再次投诉算作重复投诉",
    "complaint_incident_share": "单个热点问题的投诉占当月投诉的比例达到此值时，投诉报告将其概括为一起集中事件",
    "research_units_named": "专项调研报告逐一列出名称的对比单位数（更多时只列前几个并给出总数）",
    "peer_gap_large": "本区与对标地区的差距达到对标值的这一比例（0.1 即 10%）时，专项调研报告建议制定改进措施；更小的差距只作提示",
    "hot_issue_min_complaints": "热点问题至少包含的投诉件数，达到才在页面卡片和报告中列出",
    "hot_issue_half_life_days": "热点问题距最近一次投诉多少天后，其时效权重减半",
    "emerging_baseline_months": "新兴话题与所选月份之前多少个月相比较",
    "emerging_min_complaints": "关键词当月至少出现在多少件投诉中，才检验其是否为新兴话题",
    "emerging_alpha": "新兴话题上升的显著性水平（经 Bonferroni 校正）",
    "hotspot_trend_months": "投诉热点页「类别趋势」显示的月数",
    "failure_streak_months": "同一点位同一巡查指标连续不合格达到这么多个月，即为连续不合格："
    "在巡查页面和报告中列出，在达到的当月列入提示函，并作为预警发现",
    "letter_workdays": "提示函给被检查单位的整改期限（工作日）",
    "campaign_min_complaints": "一个单位当月投诉达到这么多件，工作建议才提出专项整治（较少时建议逐件核实答复）",
    "issuing_unit": "编发报告和提示函的单位（月报报头、提示函落款）",
    "letter_overdue_months": "提示函列入整改逾期问题的范围：整改期限在截至本月的这么多个月内届满仍未整改的"
    "（1 即只列本月新逾期的）；更早逾期的在报告中跟踪，不重复发函",
    "letter_reply_workdays": "被检查单位收到提示函后书面回复的期限（自成文日期起的工作日）",
    "letter_number_prefix": "提示函文号的机关代字，如 高新政服函〔2026〕12 号",
    "letter_contact": "提示函上的联系人（留空则在函上留白手写）",
    "letter_phone": "提示函上的联系电话",
    "letter_cc": "提示函的抄送单位（多个用 、 分隔；留空则不抄送）",
    "visit_edit_hours": "巡查记录保存后可修改的小时数（之后仅管理员可改）",
    "attendance_slots": "重点考勤时间段（开始-结束，逗号分隔）",
    "forecast_history_months": "预测模型使用的历史月数（截至所选月份）",
    "forecast_horizon_days": "按日预测向后预测的天数",
    "forecast_horizon_weeks": "按周预测向后预测的周数",
    "forecast_horizon_months": "按月预测向后预测的月数",
    "explain_baseline_months": "异常解构时，异常月份与此前多少个月的均值比较",
    "explain_baseline_weeks": "异常解构时，异常日与此前多少周的同一星期几比较",
    "cause_min_share": "异常解构中，一个原因至少占变化的这一比例，才在说明中点名",
    "on_time_target": "按时办结率低于此比例时，报告提出改进建议",
    "min_base_for_percent": "计数类指标的比较基数小于此值时，不算百分比变化，而写明前后两个数（如「由 3 件增至 104 件」）。",
    "findings_daily_at": "应用每天重新计算最近一个月发现（预警）的时间（时:分）；为空则不定时计算。",
    "findings_severe_change": "变差的发现只有同时偏离预期超过此比例（0.3 即 30%）才评为「严重」。",
    "findings_hot_issue_min": "一个热点问题当月至少有这么多件投诉，才列为发现。",
    "findings_change_z": "某单位较上月的增加在泊松分布尾部超过此倍数标准差时，列为发现。",
    "flat_change": "相对变化小于此比例（0.005 即 0.5%），"
    "或比率、得分变化小于其十分之一个百分点（0.05），表述为「基本持平」",
    "report_font": "PDF 报告嵌入的中文字体文件（.ttf/.ttc）；为空时自动查找文泉驿微米黑等已安装字体",
    "research_min_days": "专项调研前后对比时，事件前后各需的最少有数据工作日数",
    "session_minutes": "无操作多少分钟后自动退出登录",
    "wall_refresh_minutes": "大屏每隔多少分钟自动刷新",
    "session_hours": "一次登录最长有效多少小时（无论是否有操作），到期后需重新登录",
    "wall_session_days": "大屏账户一次登录有效多少天",
    "login_attempts": "连续登录失败多少次后锁定账户",
    "lockout_minutes": "账户锁定的分钟数",
    "password_min_length": "密码的最少字符数",
    "password_history": "新密码不得与之重复的最近密码个数",
    "sso_provider": "单点登录（OIDC）：为空表示不启用；default 使用 .streamlit/secrets.toml 的 [auth]，"
    "其他名称使用 [auth.名称]",
    "admin_password": "首个管理员账户的密码（未设置时自动生成）",
    "district_code": "本区县的行政区划代码：导出到市级数据湖时按此归档",
    "district_name": "本区县的名称，写入导出到市级数据湖的清单",
    "lake": "市级数据湖的位置：各区县导出的文件夹或 URL，多个用逗号分隔",
    "engine": "市级页面读取数据湖所用的引擎：duckdb 为本机，spark 为 Apache Spark"
    "（本地模式，或 spark_remote 指向的 Spark Connect 服务）",
    "spark_remote": "Spark Connect 服务地址（如 sc://host:15002）；为空时在本机以本地模式运行 Spark",
}
SETTINGS_PAGE = {
    "caption": "以下设置只读。要修改某项，在启动应用或命令前设置环境变量 EFFMON_<设置项大写>"
    "（例如 EFFMON_FAILURE_STREAK_MONTHS=2），然后重启应用。",
    "set": "已设置",
    "unset": "未设置",
    "changed": "已修改的设置项：{names}",
    "invalid": "以下设置项的值无法解析，使用它的功能会出错：{names}",
}
SETTINGS_COLUMNS = {
    "name": "设置项",
    "value": "当前值",
    "default": "默认值",
    "help": "说明",
}
LAKE = {
    "no_district": "导出到数据湖需要本区县的代码和名称：请用 --code 和 --name 给出，"
    "或设置 EFFMON_DISTRICT_CODE 和 EFFMON_DISTRICT_NAME。",
    "bad_code": "区县代码「{code}」不能含有「/」或「=」。",
    "empty": "数据湖 {lake} 中没有任何区县的导出（应有 district=<区县代码> 文件夹及其 manifest.json）。",
    "bad_manifest": "数据湖中 {path} 的清单无法读取（{detail}）：请该区县重新导出。",
    "folder": "数据湖文件夹 {folder} 中的清单属于区县代码 {code}：文件夹与清单不一致，请该区县重新导出。",
    "schema_version": "区县「{name}」（{code}）的数据按数据库结构版本 {found} 导出，本系统为版本 {expected}："
    "请该区县升级 effmon 后重新导出，或在本系统升级后再读取。",
    "partition_version": "区县「{name}」（{code}）的分区 {path} 的数据库结构版本为 {found}，"
    "与其清单的版本 {expected} 不一致：该分区不属于这次导出，请该区县重新导出。",
    "two_names": "区县代码 {code} 在数据湖中导出了两次，名称分别为「{first}」和「{second}」"
    "（{first_path}；{second_path}）：同一区县只能有一份导出，请删除有误的一份。",
    "twice": "区县「{name}」（{code}）在数据湖中导出了两次（{first_path}；{second_path}）："
    "同一区县只能有一份导出，请删除多余的一份。",
    "missing_file": "区县「{name}」（{code}）的清单列出的文件 {path} 不存在：请该区县重新导出。",
    "checksum": "区县「{name}」（{code}）的文件 {path} 与清单记录的校验值不符（文件被改动或未写完整）："
    "请该区县重新导出。",
    "exported": "已将区县「{name}」（{code}）导出到 {path}：{months}，{tables} 张表，共 {rows} 行，"
    "用时 {seconds:.1f} 秒。",
    "checked": "数据湖 {lake}：{count} 个区县，清单、结构版本和校验值均无误。",
    "district_line": "  {code}　{name}　{first} — {last}　办件汇总 {cases} 行，评价 {evaluations} 行，"
    "投诉 {complaints} 行",
    "no_spark": "未安装 Apache Spark：请用 ./run.sh city 安装（或 pip install 'effmon[city]'，"
    "并安装 openjdk-17-jre-headless），或设置 EFFMON_ENGINE=duckdb。",
    "bad_engine": "EFFMON_ENGINE 只能是 duckdb 或 spark，而不是「{engine}」。",
}
CITY = {
    "city": "全市",
    "no_lake": "尚未读取到市级数据湖：{error}\n\n各区县用 `effmon lake export --out <数据湖>` 导出后，"
    "设置 EFFMON_LAKE 指向数据湖即可在此对比各区县。",
    "engine": "数据来自市级数据湖（{count} 个区县，{engine} 引擎）。",
    "engines": {"duckdb": "DuckDB", "spark": "Apache Spark"},
    "measure": "指标",
    "month": "截至月份",
    "span": "统计期",
    "league": "各区县{measure}排名（{span}）",
    "league_caption": "区间为 95% 置信区间：比率按 Wilson 区间，件数按泊松精确区间；均值、分位数和两指标之比"
    "无法由汇总数据给出区间，只按数值排名。「高于/低于全市」表示区间不含全市数值。",
    "district": "区县",
    "position": "{district}的{measure}名次（逐月）",
    "place_axis": "名次",
    "place_hover": "%{x}：第 %{y} 名（共 %{customdata} 个区县）<extra></extra>",
    "no_data": "所选统计期内各区县均无此指标的数据。",
    "columns": {
        "place": "名次",
        "name": "区县",
        "value": "数值",
        "interval": "95% 区间",
        "versus_city": "与全市相比",
        "month": "月份",
        "city_value": "全市",
        "districts": "参与排名区县数",
    },
    "versus": {"above": "高于全市", "below": "低于全市", "level": "与全市无显著差异", "": "—"},
}
CITY_REPORT = {
    "title": "区县对比月报",
    "subtitle": "{count} 个区县，数据来自市级数据湖（{engine} 引擎）",
    "about": "说明",
    "about_text": "本报告按统一的指标口径（与各区县系统相同），比较市级数据湖中各区县的主要指标。"
    "各区县按指标方向排名（差评、投诉、超期件等越少越好）；区间为 95% 置信区间：比率按 Wilson 区间，"
    "件数按泊松精确区间，均值无法由汇总数据给出区间。「高于/低于全市」表示区间不含全市数值。",
    "summary": "全市{measure}为 {city}；排名第一的是{best}（{value}）。",
    "apart": "区间高于全市的区县：{above}；低于全市的区县：{below}。",
    "none": "无",
    "no_data": "本期各区县均无此指标的数据。",
    "written": "已生成区县对比月报（{period}，{count} 个区县）：{path}，共 {pages} 页，用时 {seconds:.1f} 秒。",
}
