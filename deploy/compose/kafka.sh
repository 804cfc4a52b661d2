#!/bin/bash
# The compose stack's Kafka, configured as deploy/local/kafka.sh does: SASL/SCRAM for clients, PLAIN between broker
# and controller, ACLs from kafka-access.conf, topics from topics.conf. Runs in the apache/kafka image, where
# topics and access are set up from inside the container (the advertised address 127.0.0.1:9092 is its own).
set -euo pipefail
ADMIN_PASSWORD="${CPA_KAFKA_ADMIN_PASSWORD:-local-development-only-kafka-admin}"
BIN=/opt/kafka/bin
DATA=/tmp/kraft-combined-logs
CONF=/tmp/server.properties
CLIENT=/tmp/admin.properties
JAAS_SCRAM="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$ADMIN_PASSWORD\";"

cat > "$CONF" <<PROPS
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$JAAS_SCRAM
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$ADMIN_PASSWORD" user_admin="$ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$DATA
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
PROPS
cat > "$CLIENT" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$JAAS_SCRAM
PROPS

if [[ ! -f "$DATA/meta.properties" ]]; then
  "$BIN/kafka-storage.sh" format -t "$("$BIN/kafka-storage.sh" random-uuid)" -c "$CONF" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$ADMIN_PASSWORD]"
fi
"$BIN/kafka-server-start.sh" "$CONF" &
server=$!
until "$BIN/kafka-topics.sh" --bootstrap-server 127.0.0.1:9092 --command-config "$CLIENT" --list >/dev/null 2>&1; do
  sleep 1
done

grep -v '^#' /cpa/topics.conf | while read -r name partitions retention; do
  [[ -n "$name" ]] || continue
  "$BIN/kafka-topics.sh" --bootstrap-server 127.0.0.1:9092 --command-config "$CLIENT" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --config "retention.ms=$retention"
done
# Users and grants only (revoking what the file no longer lists is deploy/local's KafkaAdmin's job).
grep -v '^#' /cpa/kafka-access.conf | while read -r user kind name; do
  [[ -n "$user" ]] || continue
  variable="CPA_$(tr 'a-z-' 'A-Z_' <<<"$user")_KAFKA_PASSWORD"
  password="${!variable:-local-development-only-$user-kafka}"
  "$BIN/kafka-configs.sh" --bootstrap-server 127.0.0.1:9092 --command-config "$CLIENT" --alter \
    --entity-type users --entity-name "$user" --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" >/dev/null
  acl=("$BIN/kafka-acls.sh" --bootstrap-server 127.0.0.1:9092 --command-config "$CLIENT" --add
       --allow-principal "User:$user")
  case "$kind" in
    write)        "${acl[@]}" --operation Write --operation Describe --topic "$name" >/dev/null ;;
    read)         "${acl[@]}" --operation Read --operation Describe --topic "$name" >/dev/null ;;
    group)        "${acl[@]}" --operation Read --group "$name" >/dev/null ;;
    group-prefix) "${acl[@]}" --operation Read --group "$name" --resource-pattern-type prefixed >/dev/null ;;
  esac
done
echo "kafka: topics and access ready"
wait "$server"
