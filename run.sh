#!/usr/bin/env bash
# Set up (once, or again when pyproject.toml changes) and run effmon.
#   ./run.sh app          start the app (builds the demo store on first start)
#   ./run.sh test [ARGS]  lint and run the whole test suite (ARGS go to pytest)
set -euo pipefail
cd "$(dirname "$0")"

python=$(command -v python3.11 || command -v python3)
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.effmon-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi

# The Chinese TrueType font embedded in PDF reports (see effmon/reports/fonts.py).
if [ -z "${EFFMON_REPORT_FONT:-}" ] && ! ls /usr/share/fonts/truetype/wqy/wqy-*.ttc >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
  else
    echo "PDF 报告需要中文字体：请安装 fonts-wqy-microhei，或设置 EFFMON_REPORT_FONT" >&2
  fi
fi

case "${1:-}" in
  app)
    # Only this machine listens unless EFFMON_ADDRESS says otherwise: for other machines,
    # put a TLS reverse proxy in front (README, 在内网中部署).
    exec .venv/bin/streamlit run serve.py --server.port "${PORT:-8501}" \
      --server.address "${EFFMON_ADDRESS:-127.0.0.1}"
    ;;
  test)
    shift
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: ./run.sh app | ./run.sh test [pytest args]" >&2
    exit 2
    ;;
esac
