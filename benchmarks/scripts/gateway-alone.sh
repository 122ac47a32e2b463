#!/usr/bin/env bash
# The gateway alone (no sign-in, so no Mongo) in front of a static stub (jwebserver serving /api/villages/CG001 and
# the JWK set): gateway CPU per bearer GET, this build's jar vs main's (015b2c4), alternating; 16 closed-loop clients,
# 256 token subjects. The full stack could not start within its limits under the machine's load (see main.log).
# run from the repository root: bash benchmarks/scripts/gateway-alone.sh (JAVA_HOME a JDK 25; ports 22090/22091)
REPO=$(cd "$(dirname "$0")/../.." && pwd)
G=$REPO/benchmarks/target/gateway-alone; mkdir -p $G; cp $REPO/benchmarks/scripts/GwBench.java $G/; cd $G
CP="$REPO/dev-stack/target/classes:$(cat $REPO/dev-stack/target/classpath.txt)"
mkdir -p stub/api/villages && echo '{"code":"CG001","name":"stub"}' > stub/api/villages/CG001
$JAVA_HOME/bin/java -cp "$CP" GwBench.java keys stub && cp stub/tokens.txt .
$JAVA_HOME/bin/jwebserver -b 127.0.0.1 -p 22091 -d $G/stub -o none > stub.log 2>&1 &
STUB=$!
trap 'kill $STUB 2>/dev/null; [ -n "${GW:-}" ] && kill $GW 2>/dev/null' EXIT
OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+UseCompactObjectHeaders"
one() { # label jar
  echo "=== $1 ($2) $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  env -u IDENTITY_GATEWAY_CLIENT_SECRET PARTNERSHIP_SERVICE_URL=http://127.0.0.1:22091 JWT_JWK_SET_URI=http://127.0.0.1:22091/jwks.json \
    $JAVA_HOME/bin/java $OPTS -Dvillage.component=planb-gateway -jar "$2" --server.port=22090 > gw-$1.log 2>&1 &
  GW=$!
  local t0=$(date +%s)
  until curl -s -o /dev/null -m 2 http://127.0.0.1:22090/actuator/info; do sleep 2; [ $(( $(date +%s) - t0 )) -gt 400 ] && { echo "gateway did not start"; kill $GW; return; }; done
  echo "  started in $(( $(date +%s) - t0 )) s"
  curl -s -o /dev/null -w "  probe: %{http_code}\n" -H "Authorization: Bearer $(head -1 tokens.txt)" http://127.0.0.1:22090/api/villages/CG001
  $JAVA_HOME/bin/java -cp "$CP" GwBench.java load http://127.0.0.1:22090 $GW 60 20 tokens.txt
  kill $GW; wait $GW 2>/dev/null; GW=
}
one after $REPO/gateway/target/gateway.jar
one before ${BEFORE_JAR:?set BEFORE_JAR to the other gateway build}
one after $REPO/gateway/target/gateway.jar
one before ${BEFORE_JAR:?set BEFORE_JAR to the other gateway build}
# the gateway's resident memory after the same load, with the launcher's new options and with the former ones
rss_round() { # label opts
  echo "=== rss $1 ($2) $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  env -u IDENTITY_GATEWAY_CLIENT_SECRET PARTNERSHIP_SERVICE_URL=http://127.0.0.1:22091 JWT_JWK_SET_URI=http://127.0.0.1:22091/jwks.json \
    $JAVA_HOME/bin/java $2 -Dvillage.component=planb-gateway -jar $REPO/gateway/target/gateway.jar --server.port=22090 > gw-rss-$1.log 2>&1 &
  GW=$!
  local t0=$(date +%s)
  until curl -s -o /dev/null -m 2 http://127.0.0.1:22090/actuator/info; do sleep 2; [ $(( $(date +%s) - t0 )) -gt 400 ] && { kill $GW; return; }; done
  echo "  started in $(( $(date +%s) - t0 )) s; $(grep VmRSS /proc/$GW/status)"
  $JAVA_HOME/bin/java -cp "$CP" GwBench.java load http://127.0.0.1:22090 $GW 60 20 tokens.txt
  echo "  after the load: $(grep VmRSS /proc/$GW/status)"
  kill $GW; wait $GW 2>/dev/null; GW=
}
rss_round new "$OPTS"
rss_round old "-Xmx384m -XX:+UseSerialGC"
