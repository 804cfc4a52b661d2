#!/usr/bin/env bash
# Local Kafka: one KRaft node (broker on 127.0.0.1:9092, controller on 9093), its jars copied from
# the Maven cache, its data under $CPA_DATA/kafka.
# Clients authenticate (SASL/SCRAM-SHA-512 on the broker, SASL/PLAIN between broker and controller) and
# each service is a user of its own, allowed only what kafka-access.conf lists (docs/security.md). The
# user admin, super user, is the broker itself, these scripts and the tests' helpers. Passwords come from
# CPA_KAFKA_ADMIN_PASSWORD and CPA_<USER>_KAFKA_PASSWORD, with development defaults unless CPA_PROFILE=prod.
# Usage: kafka.sh up | stop | down (= stop, data kept) | restart | status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

HERE="$CPA_ROOT/deploy/local"
KAFKA_HOME="$CPA_DIST/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$CPA_DATA/kafka"
KAFKA_CONF="$KAFKA_DATA/server.properties"
KAFKA_LOG="$CPA_LOGS/kafka.log"
JAVA="$(java17)"

if [[ "$CPA_PROFILE" == prod && -z "${CPA_KAFKA_ADMIN_PASSWORD:-}" ]]; then
  die "CPA_PROFILE=prod: set CPA_KAFKA_ADMIN_PASSWORD"
fi
export CPA_KAFKA_ADMIN_PASSWORD="${CPA_KAFKA_ADMIN_PASSWORD:-local-development-only-kafka-admin}"

fetch() {
  [[ -d "$KAFKA_LIBS" ]] && return 0
  log "kafka: copying Kafka $KAFKA_VERSION jars from the Maven cache into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS.partial"
  mvn_fetch -Dstyle.color=never -f "$HERE/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.partial"
  # renamed only when complete, so an interrupted copy is redone next time
  mv "$KAFKA_LIBS.partial" "$KAFKA_LIBS"
}

write_config() {
  mkdir -p "$KAFKA_DATA/logs"
  ( umask 077; : > "$KAFKA_CONF" )  # it holds the admin password
  cat > "$KAFKA_CONF" <<PROPS
# Written by kafka.sh on every start; edit kafka.sh, not this file.
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
# Clients: SCRAM, whose credentials live in the cluster metadata (the admin's bootstrapped by format_storage).
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$CPA_KAFKA_ADMIN_PASSWORD";
# Broker to controller: PLAIN, as the controller cannot read SCRAM credentials before it has the metadata.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$CPA_KAFKA_ADMIN_PASSWORD" user_admin="$CPA_KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$KAFKA_DATA/logs
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
# topics come from topics.conf only: a typo in a consumer must fail, not create a topic
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
PROPS
  cat > "$KAFKA_DATA/log4j2.properties" <<'PROPS'
# Everything to stdout, which start_bg sends to logs/kafka.log.
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = OUT
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
PROPS
}

kafka_java() {
  "$JAVA" -Dlog4j2.configurationFile="$KAFKA_DATA/log4j2.properties" -cp "$KAFKA_LIBS/*" "$@"
}

format_storage() {
  if [[ -f "$KAFKA_DATA/logs/meta.properties" ]]; then
    [[ -f "$KAFKA_DATA/sasl" ]] && return 0
    # Storage of a broker without authentication has no admin credential, and none can be added without one.
    log "kafka: the storage predates authentication; formatting it again (its records are dropped; topics are recreated)"
    rm -rf "$KAFKA_DATA/logs"
    mkdir -p "$KAFKA_DATA/logs"
  fi
  # a random base64url UUID (16 bytes), which is what Kafka expects as a cluster id
  local cluster_id
  cluster_id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)"
  log "kafka: formatting storage (cluster id $cluster_id)"
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONF" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$CPA_KAFKA_ADMIN_PASSWORD]" >>"$KAFKA_LOG" 2>&1 \
    || die "kafka: storage format failed; see $KAFKA_LOG"
  touch "$KAFKA_DATA/sasl"
}

# Compiled once into dist: the source launcher would recompile on every call (seconds on 2 cores).
admin() {
  local src="$HERE/kafka/KafkaAdmin.java" out="$KAFKA_HOME/admin" javac
  javac="$(dirname "$JAVA")/javac"
  if [[ ! -x "$javac" ]]; then
    # a JRE without javac still has the source launcher
    "$JAVA" -cp "$KAFKA_LIBS/*" "$src" "$@"
    return
  fi
  if [[ ! -f "$out/KafkaAdmin.class" || "$src" -nt "$out/KafkaAdmin.class" ]]; then
    mkdir -p "$out"
    "$javac" -nowarn -d "$out" -cp "$KAFKA_LIBS/*" "$src"
  fi
  "$JAVA" -cp "$out:$KAFKA_LIBS/*" KafkaAdmin "$@"
}

up() {
  fetch
  if running kafka; then
    log "kafka: already running (pid $(cat "$CPA_RUN/kafka.pid"))"
  else
    port_open "$KAFKA_PORT" && die "kafka: port $KAFKA_PORT is taken by another process (pid $(port_pid "$KAFKA_PORT")); stop it first"
    port_open "$KAFKA_CONTROLLER_PORT" && die "kafka: port $KAFKA_CONTROLLER_PORT is taken by another process (pid $(port_pid "$KAFKA_CONTROLLER_PORT")); stop it first"
    write_config
    format_storage
    log "kafka: starting (log $KAFKA_LOG)"
    start_bg kafka "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_DATA/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF"
    wait_for kafka 120 port_open "$KAFKA_PORT"
  fi
  wait_for kafka 60 admin ready
  admin create-topics "$HERE/topics.conf" | sed 's/^/[kafka] /' >&2
  admin access "$HERE/kafka-access.conf" | sed 's/^/[kafka] /' >&2
  log "kafka: up on 127.0.0.1:$KAFKA_PORT"
}

status() {
  if running kafka && port_open "$KAFKA_PORT"; then
    status_line kafka up "$KAFKA_PORT" "$(cat "$CPA_RUN/kafka.pid")" "$KAFKA_LOG"
  else
    status_line kafka down "$KAFKA_PORT" "$(port_pid "$KAFKA_PORT")" "$KAFKA_LOG"
    return 1
  fi
}

case "${1:-}" in
  up)           up ;;
  stop|down)    stop_bg kafka ;;
  restart)      stop_bg kafka; up ;;
  status)       status ;;
  topics)       admin list ;;
  *)            die "usage: $(basename "$0") up|stop|down|restart|status|topics" ;;
esac
