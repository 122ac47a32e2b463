#!/usr/bin/env bash
# ./village demo: loads the township's 2023 through the gateway and prints the county overview beside the
# report's figures. Needs the system running (./village up). Environment from ./village: VILLAGE_SIGNING_KEY_FILE,
# VILLAGE_GATEWAY_URL.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$REPO/acceptance/target/classpath.txt"
if [ ! -s "$CP_FILE" ] || [ ! -d "$REPO/acceptance/target/classes/village" ]; then
  echo "Building the demo loader ..."
  (cd "$REPO" && mvn -q -o -DskipTests install -pl acceptance -am) || (cd "$REPO" && mvn -q -DskipTests install -pl acceptance -am)
fi
echo "Loading the township's 2023 through ${VILLAGE_GATEWAY_URL:-http://127.0.0.1:8080} ..."
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -cp "$REPO/acceptance/target/classes:$(cat "$CP_FILE")" \
  village.acceptance.DemoLoader "$@"
