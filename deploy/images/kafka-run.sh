#!/bin/sh
# Starts a single-node Kafka in KRaft mode (broker and controller in one process), configured like the public
# apache/kafka image: every KAFKA_* variable is a server property (KAFKA_LOG_RETENTION_MS -> log.retention.ms;
# ___ stands for -, __ for _), over the defaults below, except KAFKA_HEAP_OPTS, KAFKA_OPTS and KAFKA_LOG_LEVEL (the
# broker's own log, e.g. WARN). The storage is formatted on the first start.
set -eu
CONF=/var/lib/kafka/server.properties
: "${CLUSTER_ID:=5L6g3nShT-eMCtK--X86sw}"
: "${KAFKA_NODE_ID:=1}"
: "${KAFKA_PROCESS_ROLES:=broker,controller}"
: "${KAFKA_LISTENERS:=PLAINTEXT://:9092,CONTROLLER://:9093}"
: "${KAFKA_ADVERTISED_LISTENERS:=PLAINTEXT://localhost:9092}"
: "${KAFKA_CONTROLLER_LISTENER_NAMES:=CONTROLLER}"
: "${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT}"
: "${KAFKA_CONTROLLER_QUORUM_VOTERS:=${KAFKA_NODE_ID}@localhost:9093}"
: "${KAFKA_LOG_DIRS:=/var/lib/kafka/data}"
: "${KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR:=1}"
: "${KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR:=1}"
: "${KAFKA_TRANSACTION_STATE_LOG_MIN_ISR:=1}"
: "${KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS:=0}"
export KAFKA_NODE_ID KAFKA_PROCESS_ROLES KAFKA_LISTENERS KAFKA_ADVERTISED_LISTENERS KAFKA_CONTROLLER_LISTENER_NAMES \
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP KAFKA_CONTROLLER_QUORUM_VOTERS KAFKA_LOG_DIRS \
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR \
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS
env | grep '^KAFKA_' | grep -v '^KAFKA_\(HEAP_OPTS\|OPTS\|JVM_OPTS\|LOG_LEVEL\)=' | while IFS='=' read -r name value; do
  key=$(printf '%s' "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')
  printf '%s=%s\n' "$key" "$value"
done > "$CONF"
CP="/opt/kafka/libs/*"
# The broker logs through SLF4J's simple binding, at INFO, to standard output (the container's log).
LOGGING="-Dorg.slf4j.simpleLogger.logFile=System.out -Dorg.slf4j.simpleLogger.showDateTime=true \
-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS ${KAFKA_LOG_LEVEL:+-Dorg.slf4j.simpleLogger.defaultLogLevel=$KAFKA_LOG_LEVEL}"
JAVA="java ${KAFKA_HEAP_OPTS:--Xmx512m -Xms512m} $LOGGING ${KAFKA_OPTS:-}"
if [ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]; then
  $JAVA -cp "$CP" kafka.tools.StorageTool format --ignore-formatted -t "$CLUSTER_ID" -c "$CONF"
fi
exec $JAVA -cp "$CP" kafka.Kafka "$CONF"
