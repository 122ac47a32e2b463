#!/bin/bash
# Durable acknowledgements, before/after (BENCHMARKS.md): one Kafka, then twice alternately the Mongo-wire server of a
# previous build and of this one, each on a fresh file, measured with village.bench.DurableWriteCost.
# Build first: mvn -B -ntp -pl benchmarks -am package -DskipTests. The previous build's dev-stack classes:
#   git archive 1beba68 dev-stack/src/main | tar -x -C /tmp/before/src
#   javac -d /tmp/before/classes -cp "$(cat dev-stack/target/classpath.txt)" $(find /tmp/before/src -name '*.java')
#   cp -r /tmp/before/src/dev-stack/src/main/resources/. /tmp/before/classes/
# Usage: benchmarks/scripts/durable-before-after.sh BEFORE_CLASSES [DurableWriteCost options]
# Ports: MONGO_PORT (48017), KAFKA_PORT (30092), KAFKA_CONTROLLER_PORT (30093).
set -u
BEFORE=$1; shift
cd "$(dirname "$0")/../.."
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP=$(cat dev-stack/target/classpath.txt)
BCP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
MP=${MONGO_PORT:-48017}; KP=${KAFKA_PORT:-30092}; KCP=${KAFKA_CONTROLLER_PORT:-30093}
D=$(mktemp -d)
$J -Xmx256m -cp "dev-stack/target/classes:$CP" village.devstack.DevStack kafka --port $KP --controller-port $KCP --data $D/kafka > $D/kafka.log 2>&1 &
KPID=$!
until grep -q READY $D/kafka.log; do sleep 1; done
run() { # label classes options...
  $J -Xmx256m -Dvillage.component=mongo -cp "$2:$CP" village.devstack.DevStack mongo --port $MP --data $D/$1.mv > $D/mongo-$1.log 2>&1 &
  local MPID=$!
  until grep -q READY $D/mongo-$1.log; do sleep 0.5; done
  echo "== $1 ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  $J -Xmx512m -cp "$BCP" village.bench.DurableWriteCost --mongo mongodb://127.0.0.1:$MP --kafka 127.0.0.1:$KP "${@:3}" 2>&1 | grep writers
  kill $MPID; wait $MPID
  grep -h "group commit" $D/mongo-$1.log
}
for i in 1 2; do
  run before "$BEFORE" "$@"
  run after dev-stack/target/classes "$@"
done
kill $KPID; wait $KPID
rm -rf "$D"
