#!/usr/bin/env bash
# Set up (once, or again when pyproject.toml changes) and run effmon.
#   ./run.sh app          start the app (builds the demo store on first start)
#   ./run.sh test [ARGS]  lint and run the whole test suite (ARGS go to pytest)
#   ./run.sh city         also install the city's parts (pyspark, SQLGlot, Java 17), then
#                         start the app with the city pages reading the lake with Spark
#   ./run.sh city-test [ARGS]  install the city's parts, run the Spark tests (pytest -m spark)
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

# The city's parts, only when asked: pyspark and SQLGlot (the [city] extra) and Debian's Java.
install_city() {
  city_stamp=.venv/.effmon-city-installed
  if [ ! -f "$city_stamp" ] || [ pyproject.toml -nt "$city_stamp" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test,city]"
    touch "$city_stamp"
  fi
  if ! command -v java >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    else
      echo "市级数据湖的 Spark 需要 Java 17：请安装 openjdk-17-jre-headless" >&2
      exit 1
    fi
  fi
}

case "${1:-}" in
  city)
    install_city
    export EFFMON_ENGINE="${EFFMON_ENGINE:-spark}"
    exec .venv/bin/streamlit run serve.py --server.port "${PORT:-8501}" \
      --server.address "${EFFMON_ADDRESS:-127.0.0.1}"
    ;;
  city-test)
    shift
    install_city
    exec .venv/bin/python -m pytest -m spark "$@"
    ;;
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
    echo "usage: ./run.sh app | ./run.sh test [pytest args] | ./run.sh city | ./run.sh city-test" >&2
    exit 2
    ;;
esac
