#!/usr/bin/env bash
# ./village demo [--xlsx]: loads the township's 2023 through the gateway (with --xlsx: the same data as a workbook,
# through ./village import) and prints the county overview beside the report's figures. Needs the system running
# (./village up). Environment from ./village: VILLAGE_SIGNING_KEY_FILE, VILLAGE_GATEWAY_URL, VILLAGE_CLI.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$REPO/acceptance/target/classpath.txt"
if [ ! -s "$CP_FILE" ] || [ ! -d "$REPO/acceptance/target/classes/village" ]; then
  echo "Building the demo loader ..."
  (cd "$REPO" && mvn -q -o -DskipTests install -pl acceptance -am) || (cd "$REPO" && mvn -q -DskipTests install -pl acceptance -am)
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="$REPO/acceptance/target/classes:$(cat "$CP_FILE")"
if [ "${1:-}" = "--xlsx" ]; then
  # the same data as a workbook (generated from the dataset, never kept), through ./village import (import-service)
  shift
  FILE="${VILLAGE_DATA_DIR:-$REPO/acceptance/target}/demo-township-2023.xlsx"
  "$JAVA" -Xmx256m -cp "$CP" village.acceptance.DemoWorkbook "$FILE" >/dev/null
  TOWNSHIP=$("$JAVA" -Xmx128m -cp "$CP" village.acceptance.DemoWorkbook --township)
  echo "Importing the township's 2023 from $FILE through ${VILLAGE_GATEWAY_URL:-http://127.0.0.1:8080} ..."
  "${VILLAGE_CLI:-$REPO/village}" import "$FILE" --township "$TOWNSHIP" || { echo "the import did not complete" >&2; exit 1; }
  exec "$JAVA" -Xmx256m -cp "$CP" village.acceptance.DemoLoader --loaded "$@"
fi
echo "Loading the township's 2023 through ${VILLAGE_GATEWAY_URL:-http://127.0.0.1:8080} ..."
exec "$JAVA" -Xmx256m -cp "$CP" village.acceptance.DemoLoader "$@"
