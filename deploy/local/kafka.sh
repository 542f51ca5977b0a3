#!/usr/bin/env bash
# Local single-node Apache Kafka 4.x (KRaft, combined broker+controller) for
# development, the quickstart and integration tests. No Docker, no tarball:
# the broker jars come from Maven Central via deploy/local/pom.xml.
#
#   deploy/local/kafka.sh start [--sasl-ssl]
#                                          fetch jars (once), format (once), start, create topics;
#                                          --sasl-ssl: also a SASL_SSL listener (see below)
#   deploy/local/kafka.sh stop [--wipe]    stop the broker (--wipe also deletes all Kafka data,
#                                          certificates and the SCRAM password)
#   deploy/local/kafka.sh status           exit 0 if running, 3 if not; prints the running
#                                          broker's bootstrap address(es)
#   deploy/local/kafka.sh bootstrap [--sasl-ssl]
#                                          print the running broker's host:port (plaintext, or
#                                          its SASL_SSL listener); exit 3 if not running
#   deploy/local/kafka.sh topics [NAME..]  create the wirewatch topics (+ NAMEs, taken verbatim)
#   deploy/local/kafka.sh logs [-f] [N]    show the last N (200) lines of the broker log
#   deploy/local/kafka.sh consume TOPIC [MAX] [WAIT_MS]
#                                          print up to MAX (10) values of TOPIC from the start,
#                                          waiting at most WAIT_MS (5000) for new ones
#                                          (KAFKA_PRINT_HEADERS=true prints the headers first)
#
# The port of a running broker is read from its own server.properties, so
# status, bootstrap, topics and consume follow the broker that was started,
# whatever WIREWATCH_KAFKA_PORT says now.
#
# SASL_SSL (start --sasl-ssl, or WIREWATCH_KAFKA_SASL_SSL=1): a second client
# listener on WIREWATCH_KAFKA_SASL_PORT speaking SASL_SSL with SCRAM-SHA-512,
# beside the plaintext one (which the tests and tools keep using). On the first
# such start, openssl makes a CA and a broker certificate (SAN IP:127.0.0.1,
# DNS:localhost) in <state>/tls and a PKCS12 keystore for the broker; the SCRAM
# user is created (or its password reset) through the plaintext listener, and
# the listener is verified by logging in over it. Client settings:
#   security.protocol=SASL_SSL  sasl.mechanism=SCRAM-SHA-512
#   sasl.username=<user>        sasl.password=<the password>
#   ssl.ca.location=<state>/tls/ca.pem
# The password is WIREWATCH_KAFKA_SCRAM_PASSWORD, or else one generated once
# and kept in <state>/tls/scram.password (mode 600); it is never printed.
#
# Environment:
#   WIREWATCH_KAFKA_HOME             state dir (default: <repo>/.local/kafka)
#   WIREWATCH_KAFKA_LIBS             Kafka jar cache (default: <repo>/.local/kafka/libs,
#                                    shared by every state dir)
#   WIREWATCH_KAFKA_PORT             client listener port (default 9092)
#   WIREWATCH_KAFKA_SASL_SSL         1 = start with the SASL_SSL listener (as --sasl-ssl)
#   WIREWATCH_KAFKA_SASL_PORT        SASL_SSL listener port (default 9094)
#   WIREWATCH_KAFKA_SCRAM_USER       SCRAM user (default wirewatch)
#   WIREWATCH_KAFKA_SCRAM_PASSWORD   its password (8 or more of A-Z a-z 0-9 . _ -);
#                                    default: generated once, see above
#   WIREWATCH_KAFKA_CONTROLLER_PORT  KRaft controller port (default 9093)
#   WIREWATCH_KAFKA_HEAP             broker max heap (default 768m)
#   WIREWATCH_KAFKA_PARTITIONS       partitions per topic (default 3)
#   WIREWATCH_KAFKA_START_TIMEOUT    seconds to wait for the broker (default 60)
#   WIREWATCH_TOPIC_PREFIX           prefix for the wirewatch topic names (default empty)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd -P)"

KAFKA_HOME_DIR="${WIREWATCH_KAFKA_HOME:-$REPO/.local/kafka}"
[[ "$KAFKA_HOME_DIR" == /* ]] || KAFKA_HOME_DIR="$PWD/$KAFKA_HOME_DIR"
PORT="${WIREWATCH_KAFKA_PORT:-9092}"
SASL_SSL="${WIREWATCH_KAFKA_SASL_SSL:-0}"
SASL_PORT="${WIREWATCH_KAFKA_SASL_PORT:-9094}"
SCRAM_USER="${WIREWATCH_KAFKA_SCRAM_USER:-wirewatch}"
CONTROLLER_PORT="${WIREWATCH_KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${WIREWATCH_KAFKA_HEAP:-768m}"
PARTITIONS="${WIREWATCH_KAFKA_PARTITIONS:-3}"
START_TIMEOUT="${WIREWATCH_KAFKA_START_TIMEOUT:-60}"
TOPIC_PREFIX="${WIREWATCH_TOPIC_PREFIX:-}"
HOST=127.0.0.1
BOOTSTRAP="$HOST:$PORT"

POM="$SCRIPT_DIR/pom.xml"
LOG4J_BROKER="$SCRIPT_DIR/log4j2.xml"
LOG4J_TOOLS="$SCRIPT_DIR/log4j2-tools.xml"
LIBS="${WIREWATCH_KAFKA_LIBS:-$REPO/.local/kafka/libs}"
[[ "$LIBS" == /* ]] || LIBS="$PWD/$LIBS"
LIBS_STAMP="$LIBS/.complete"
DATA_DIR="$KAFKA_HOME_DIR/data"
LOG_DIR="$KAFKA_HOME_DIR/logs"
PROPS="$KAFKA_HOME_DIR/server.properties"
PID_FILE="$KAFKA_HOME_DIR/kafka.pid"
CLUSTER_ID_FILE="$KAFKA_HOME_DIR/cluster.id"
FORMAT_STAMP="$KAFKA_HOME_DIR/formatted.controller"
BROKER_LOG="$LOG_DIR/server.log"
BROKER_OUT="$LOG_DIR/kafka.out"
TLS_DIR="$KAFKA_HOME_DIR/tls"
CA_PEM="$TLS_DIR/ca.pem"
KEYSTORE="$TLS_DIR/broker.p12"
KEYSTORE_PASS_FILE="$TLS_DIR/keystore.password"
SCRAM_PASS_FILE="$TLS_DIR/scram.password"
SASL_CLIENT_PROPS="$TLS_DIR/client-sasl-ssl.properties"

TOPICS=(
  wire.stories.raw
  wire.stories.enriched
  wire.stories.dlq
  wire.events.diplomacy
  wire.events.sanctions
  wire.events.procurement
  wire.events.strike
)

say() { printf 'kafka.sh: %s\n' "$*"; }
die() { printf 'kafka.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

# ---------------------------------------------------------------- prerequisites

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH; Kafka 4.x needs Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)"
  local line major
  line="$(java -version 2>&1 | head -n 1)"
  # openjdk version "17.0.15" 2025-04-15   |   java version "1.8.0_392"
  major="$(sed -n 's/.*version "\([0-9][0-9]*\)\(\.\([0-9][0-9]*\)\)\{0,1\}.*/\1 \3/p' <<<"$line")"
  if [[ "$major" == "1 "* ]]; then major="${major#1 }"; else major="${major%% *}"; fi
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot parse the Java version from: $line"
  (( major >= 17 )) || die "Java 17 or newer is required by Kafka 4.x, found: $line"
}

# The jar set is keyed on the pom's content, so editing the pom (e.g. bumping
# the Kafka version) refetches; otherwise the cache is reused as is.
pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

ensure_libs() {
  if [[ -f "$LIBS_STAMP" && "$(cat "$LIBS_STAMP")" == "$(pom_hash)" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn (Maven) not found on PATH; it is needed once to fetch the Kafka jars (Debian: apt-get install maven)"
  say "fetching Kafka jars with Maven into $LIBS (first run only, may take a few minutes)"
  local tmp="$KAFKA_HOME_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_HOME_DIR"
  local mvn_log="$KAFKA_HOME_DIR/mvn.log"
  if ! mvn -B -q -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" -DincludeScope=runtime >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2 || true
    rm -rf "$tmp"
    die "mvn dependency:copy-dependencies failed (is Maven Central reachable? full output: $mvn_log)"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || { rm -rf "$tmp"; die "Maven finished but no kafka_2.13 jar was copied"; }
  pom_hash >"$tmp/.complete"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  say "jars ready: $(find "$LIBS" -name '*.jar' | wc -l) jars, $(du -sh "$LIBS" | cut -f1)"
}

# A short-lived JVM for the CLI tools: quick start-up, little memory, quiet logs,
# bounded run time (the admin client would otherwise retry for a long while).
tool() {
  local main="$1"; shift
  timeout "${TOOL_TIMEOUT:-90}" java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j2.configurationFile="$LOG4J_TOOLS" \
    -cp "$LIBS/*" "$main" "$@"
}

topic_cmd() { tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" "$@"; }

# ---------------------------------------------------------------- process state

# Prints the broker pid if our broker is running; cleans up a stale pid file.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
     && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "kafka.Kafka $PROPS"; then
    echo "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  return 1
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# The listener ports of the broker as written in its server.properties: a
# running broker is reached where it listens, not where the environment now
# says. Sets PORT, BOOTSTRAP and RUNNING_SASL_PORT (empty without SASL_SSL).
RUNNING_SASL_PORT=""
use_running_ports() {
  [[ -f "$PROPS" ]] || return 0
  local listeners p s
  listeners="$(sed -n 's/^listeners=//p' "$PROPS")"
  p="$(sed -n 's/.*,PLAINTEXT:\/\/[^,]*:\([0-9][0-9]*\).*/\1/p' <<<",$listeners" | head -n 1)"
  s="$(sed -n 's/.*SASL_SSL:\/\/[^,]*:\([0-9][0-9]*\).*/\1/p' <<<"$listeners" | head -n 1)"
  if [[ -n "$p" ]]; then
    if [[ -n "${WIREWATCH_KAFKA_PORT:-}" && "$WIREWATCH_KAFKA_PORT" != "$p" ]]; then
      say "note: the running broker listens on $HOST:$p, not WIREWATCH_KAFKA_PORT=$WIREWATCH_KAFKA_PORT (stop it to change the port)" >&2
    fi
    PORT="$p"
    BOOTSTRAP="$HOST:$PORT"
  fi
  RUNNING_SASL_PORT="$s"
  if [[ -n "$s" ]]; then SASL_PORT="$s"; fi
  return 0
}

# ---------------------------------------------------------------- config + storage

write_properties() {
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  local extra_listener="" extra_map=""
  if [[ "$SASL_SSL" == 1 ]]; then
    extra_listener=",SASL_SSL://$HOST:$SASL_PORT"
    extra_map=",SASL_SSL:SASL_SSL"
  fi
  cat >"$PROPS.tmp" <<EOF
# Generated by deploy/local/kafka.sh on every start; edits are overwritten.
# Single node, combined broker + controller (KRaft), plaintext, loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT$extra_listener
advertised.listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT$extra_listener
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT$extra_map

log.dirs=$DATA_DIR
num.partitions=$PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
delete.topic.enable=true

# Internal topics: a single replica is all we have.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Dev / tests: no 3 s wait before the first consumer group rebalance.
group.initial.rebalance.delay.ms=0

# Keep the local disk footprint small.
log.retention.hours=24
log.retention.bytes=268435456
log.segment.bytes=67108864
num.network.threads=2
num.io.threads=4
EOF
  if [[ "$SASL_SSL" == 1 ]]; then
    local kspw
    kspw="$(cat "$KEYSTORE_PASS_FILE")"
    cat >>"$PROPS.tmp" <<EOF

# SASL_SSL client listener (kafka.sh start --sasl-ssl): SCRAM-SHA-512 over TLS,
# broker certificate signed by the local CA in $TLS_DIR. No authorizer: any
# authenticated user may do anything.
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.ssl.keystore.type=PKCS12
listener.name.sasl_ssl.ssl.keystore.location=$KEYSTORE
listener.name.sasl_ssl.ssl.keystore.password=$kspw
listener.name.sasl_ssl.ssl.key.password=$kspw
listener.name.sasl_ssl.ssl.client.auth=none
EOF
  fi
  chmod 600 "$PROPS.tmp"
  mv "$PROPS.tmp" "$PROPS"
}

# ---------------------------------------------------------------- SASL_SSL

random_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# The CA, the broker's certificate and keystore, and the SCRAM password, made
# once per state dir (kept across restarts; `stop --wipe` deletes them).
ensure_tls() {
  command -v openssl >/dev/null 2>&1 || die "openssl not found on PATH; it makes the local CA (Debian: apt-get install openssl)"
  mkdir -p "$TLS_DIR"
  chmod 700 "$TLS_DIR"
  if [[ -n "${WIREWATCH_KAFKA_SCRAM_PASSWORD:-}" ]]; then
    [[ "$WIREWATCH_KAFKA_SCRAM_PASSWORD" =~ ^[A-Za-z0-9._-]{8,}$ ]] \
      || die "WIREWATCH_KAFKA_SCRAM_PASSWORD must be 8 or more of A-Z a-z 0-9 . _ -"
    (umask 077; printf '%s' "$WIREWATCH_KAFKA_SCRAM_PASSWORD" >"$SCRAM_PASS_FILE")
  elif [[ ! -s "$SCRAM_PASS_FILE" ]]; then
    (umask 077; random_secret >"$SCRAM_PASS_FILE")
  fi
  [[ "$SCRAM_USER" =~ ^[A-Za-z0-9._-]+$ ]] || die "WIREWATCH_KAFKA_SCRAM_USER must be of A-Z a-z 0-9 . _ -"
  if [[ -s "$KEYSTORE" && -s "$CA_PEM" && -s "$KEYSTORE_PASS_FILE" ]]; then
    return 0
  fi
  say "making a local CA and a broker certificate in $TLS_DIR"
  local log="$TLS_DIR/openssl.log"
  (umask 077; random_secret >"$KEYSTORE_PASS_FILE")
  {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=wirewatch local test CA" \
      -keyout "$TLS_DIR/ca.key" -out "$CA_PEM" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
      -keyout "$TLS_DIR/broker.key" -out "$TLS_DIR/broker.csr" &&
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth" \
      "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" >"$TLS_DIR/broker.ext" &&
    openssl x509 -req -days 825 -in "$TLS_DIR/broker.csr" -CA "$CA_PEM" -CAkey "$TLS_DIR/ca.key" \
      -CAcreateserial -extfile "$TLS_DIR/broker.ext" -out "$TLS_DIR/broker.pem" &&
    openssl pkcs12 -export -name broker -in "$TLS_DIR/broker.pem" -inkey "$TLS_DIR/broker.key" \
      -certfile "$CA_PEM" -out "$KEYSTORE.tmp" -passout "file:$KEYSTORE_PASS_FILE" &&
    mv "$KEYSTORE.tmp" "$KEYSTORE"
  } >"$log" 2>&1 || { cat "$log" >&2; rm -f "$KEYSTORE" "$KEYSTORE.tmp"; die "making the certificates failed"; }
  chmod 600 "$TLS_DIR"/*.key "$KEYSTORE"
}

# Creates the SCRAM user (or resets its password) through the plaintext
# listener, then logs in over SASL_SSL with it: the listener, the certificate
# chain and the credential are all proven before start reports success.
ensure_scram_user() {
  local pw i
  pw="$(cat "$SCRAM_PASS_FILE")"
  # (--add-config-file does not take SCRAM entries, so the password is on this
  # short-lived local command line: a test credential on a loopback broker.)
  tool kafka.admin.ConfigCommand --bootstrap-server "$BOOTSTRAP" --alter \
      --entity-type users --entity-name "$SCRAM_USER" \
      --add-config "SCRAM-SHA-512=[iterations=8192,password=$pw]" >/dev/null \
    || die "creating the SCRAM user $SCRAM_USER failed"
  (umask 077; cat >"$SASL_CLIENT_PROPS" <<EOF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$SCRAM_USER" password="$pw";
ssl.truststore.type=PEM
ssl.truststore.location=$CA_PEM
EOF
  )
  for i in 1 2 3 4 5; do
    if TOOL_TIMEOUT=30 tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$SASL_PORT" \
         --command-config "$SASL_CLIENT_PROPS" --list >/dev/null 2>&1; then
      say "SASL_SSL listener on $HOST:$SASL_PORT: SCRAM-SHA-512 user $SCRAM_USER (password in $SCRAM_PASS_FILE), CA $CA_PEM"
      return 0
    fi
    sleep "$i"
  done
  die "could not log in over SASL_SSL at $HOST:$SASL_PORT as $SCRAM_USER (broker log: $BROKER_LOG)"
}

format_storage() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    if [[ -f "$FORMAT_STAMP" && "$(cat "$FORMAT_STAMP")" != "$CONTROLLER_PORT" ]]; then
      die "storage in $DATA_DIR was formatted for controller port $(cat "$FORMAT_STAMP"), not $CONTROLLER_PORT; use that port or run 'kafka.sh stop --wipe'"
    fi
    return 0
  fi
  local cid
  if [[ -s "$CLUSTER_ID_FILE" ]]; then
    cid="$(cat "$CLUSTER_ID_FILE")"
  else
    cid="$(tool kafka.tools.StorageTool random-uuid | tail -n 1 | tr -d '[:space:]')"
    [[ -n "$cid" ]] || die "could not generate a cluster id"
    echo "$cid" >"$CLUSTER_ID_FILE"
  fi
  say "formatting KRaft storage in $DATA_DIR (cluster id $cid, standalone controller quorum)"
  tool kafka.tools.StorageTool format --cluster-id "$cid" --config "$PROPS" --standalone \
    || die "kafka-storage format failed"
  echo "$CONTROLLER_PORT" >"$FORMAT_STAMP"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  local a p pid
  for a in "$@"; do
    case "$a" in
      --sasl-ssl) SASL_SSL=1 ;;
      *) die "start: unknown option $a (only --sasl-ssl)" ;;
    esac
  done
  require_java
  if pid="$(running_pid)"; then
    use_running_ports
    say "already running (pid $pid), bootstrap $BOOTSTRAP${RUNNING_SASL_PORT:+, SASL_SSL $HOST:$RUNNING_SASL_PORT}"
    if [[ "$SASL_SSL" == 1 && -z "$RUNNING_SASL_PORT" ]]; then
      die "the running broker has no SASL_SSL listener; stop it first (kafka.sh stop), then: kafka.sh start --sasl-ssl"
    fi
    create_topics
    return 0
  fi
  local ports=("$PORT" "$CONTROLLER_PORT")
  if [[ "$SASL_SSL" == 1 ]]; then ports+=("$SASL_PORT"); fi
  for p in "${ports[@]}"; do
    if port_open "$p"; then
      die "port $HOST:$p is already in use by another process (not the broker in $KAFKA_HOME_DIR); set WIREWATCH_KAFKA_PORT / WIREWATCH_KAFKA_CONTROLLER_PORT / WIREWATCH_KAFKA_SASL_PORT"
    fi
  done
  ensure_libs
  if [[ "$SASL_SSL" == 1 ]]; then ensure_tls; fi
  write_properties
  format_storage

  say "starting Kafka $(kafka_version) (heap $HEAP), logs in $LOG_DIR"
  : >"$BROKER_OUT"
  # setsid: the broker survives the calling shell/terminal; the inner bash writes
  # its own pid (then execs java, keeping it) so the pid file is exact.
  # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' kafka-launch "$PID_FILE" \
    java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Djava.awt.headless=true \
      -Dkafka.logs.dir="$LOG_DIR" -Dwirewatch.log.name=server.log \
      -Dlog4j2.configurationFile="$LOG4J_BROKER" \
      -cp "$LIBS/*" kafka.Kafka "$PROPS" \
    </dev/null >>"$BROKER_OUT" 2>&1 &

  local t0=$SECONDS
  while [[ ! -s "$PID_FILE" ]] && (( SECONDS - t0 < 5 )); do sleep 0.1; done
  if ! wait_ready; then
    say "last log lines:" >&2
    local f
    for f in "$BROKER_OUT" "$BROKER_LOG"; do
      [[ -s "$f" ]] && { echo "==> $f <==" >&2; tail -n 40 "$f" >&2; }
    done
    cmd_stop >/dev/null 2>&1 || true
    die "start failed (full logs: $LOG_DIR)"
  fi
  pid="$(running_pid)"
  say "running (pid $pid), bootstrap $BOOTSTRAP, ready after $((SECONDS - t0))s"
  if [[ "$SASL_SSL" == 1 ]]; then ensure_scram_user; fi
  create_topics
}

# Ready = the client port accepts connections and the topic tool can list topics.
wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while (( SECONDS < deadline )); do
    running_pid >/dev/null || { say "broker process exited during start-up" >&2; return 1; }
    if port_open "$PORT" && LISTED="$(TOOL_TIMEOUT=30 topic_cmd --list 2>/dev/null)"; then
      return 0
    fi
    sleep 1
  done
  say "broker did not become ready within ${START_TIMEOUT}s" >&2
  return 1
}

kafka_version() {
  local j
  j="$(compgen -G "$LIBS/kafka_2.13-*.jar" | head -n 1)" || true
  j="${j##*/kafka_2.13-}"
  echo "${j%.jar}"
}

# Creates the missing topics. LISTED (set by wait_ready) avoids a second JVM.
LISTED=""
create_topics() {
  local extra=("$@") want=() t existing created=0
  for t in "${TOPICS[@]}"; do want+=("$TOPIC_PREFIX$t"); done
  want+=("${extra[@]}")
  if [[ -z "$LISTED" ]]; then
    port_open "$PORT" || die "broker is not reachable at $BOOTSTRAP (run: $0 start)"
    LISTED="$(topic_cmd --list)" || die "could not list topics at $BOOTSTRAP"
  fi
  existing=$'\n'"$LISTED"$'\n'
  for t in "${want[@]}"; do
    [[ "$existing" == *$'\n'"$t"$'\n'* ]] && continue
    # A dead letter carries any input message unchanged plus up to 8 KiB of
    # headers, so the DLQ takes the default limit (1048588) plus that.
    local cfg=()
    [[ "$t" == *.dlq ]] && cfg=(--config max.message.bytes=1056780)
    topic_cmd --create --if-not-exists --topic "$t" "${cfg[@]}" \
      --partitions "$PARTITIONS" --replication-factor 1 >/dev/null \
      || die "creating topic $t failed"
    say "created topic $t ($PARTITIONS partitions)"
    created=$((created + 1))
  done
  say "topics ready: ${#want[@]} ($created created, $(( ${#want[@]} - created )) already existed)"
}

cmd_topics() {
  require_java
  running_pid >/dev/null || die "broker is not running (run: $0 start)"
  use_running_ports
  [[ -f "$LIBS_STAMP" ]] || die "jars missing in $LIBS (run: $0 start)"
  create_topics "$@"
}

cmd_stop() {
  local wipe=0
  for a in "$@"; do
    case "$a" in
      --wipe) wipe=1 ;;
      *) die "stop: unknown option $a" ;;
    esac
  done
  local pid
  if pid="$(running_pid)"; then
    say "stopping broker (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local t0=$SECONDS
    while kill -0 "$pid" 2>/dev/null && (( SECONDS - t0 < 30 )); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      say "still alive after 30s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    rm -f "$PID_FILE"
    say "stopped after $((SECONDS - t0))s"
  else
    say "not running"
  fi
  if (( wipe )); then
    rm -rf "$DATA_DIR" "$LOG_DIR" "$CLUSTER_ID_FILE" "$FORMAT_STAMP" "$PROPS" "$TLS_DIR"
    say "wiped data, logs and certificates (jars kept in $LIBS)"
  fi
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    use_running_ports
    say "running (pid $pid), bootstrap $BOOTSTRAP${RUNNING_SASL_PORT:+, SASL_SSL $HOST:$RUNNING_SASL_PORT (CA $CA_PEM)}, state $KAFKA_HOME_DIR"
    return 0
  fi
  say "not running (state $KAFKA_HOME_DIR)"
  return 3
}

cmd_bootstrap() {
  local a want=plain
  for a in "$@"; do
    case "$a" in
      --sasl-ssl) want=sasl ;;
      *) die "bootstrap: unknown option $a (only --sasl-ssl)" ;;
    esac
  done
  running_pid >/dev/null || { say "not running (state $KAFKA_HOME_DIR)" >&2; return 3; }
  use_running_ports 2>/dev/null
  if [[ "$want" == sasl ]]; then
    [[ -n "$RUNNING_SASL_PORT" ]] || die "the running broker has no SASL_SSL listener (start it with --sasl-ssl)"
    echo "$HOST:$RUNNING_SASL_PORT"
  else
    echo "$BOOTSTRAP"
  fi
}

cmd_logs() {
  local follow=() n=200
  for a in "$@"; do
    case "$a" in
      -f|--follow) follow=(-F) ;;
      ''|*[!0-9]*) die "logs: usage: logs [-f] [LINES]" ;;
      *) n="$a" ;;
    esac
  done
  [[ -f "$BROKER_LOG" ]] || die "no broker log yet at $BROKER_LOG"
  exec tail -n "$n" "${follow[@]}" "$BROKER_LOG"
}

cmd_consume() {
  local topic="${1:-}" max="${2:-10}" wait_ms="${3:-5000}"
  [[ -n "$topic" ]] || die "consume: usage: consume TOPIC [MAX] [WAIT_MS]"
  [[ -f "$LIBS_STAMP" ]] || die "no Kafka jars yet; run: deploy/local/kafka.sh start"
  running_pid >/dev/null || die "the broker is not running; run: deploy/local/kafka.sh start"
  use_running_ports
  # The console consumer exits with an error when WAIT_MS passes without a
  # message; fewer than MAX messages is not a failure here.
  tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
    --topic "$topic" --from-beginning --max-messages "$max" --timeout-ms "$wait_ms" \
    --property print.key=true --property key.separator=$'\t' \
    --property print.headers="${KAFKA_PRINT_HEADERS:-false}" 2>/dev/null || true
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start)  cmd_start "$@" ;;
    stop)   cmd_stop "$@" ;;
    status) cmd_status ;;
    bootstrap) cmd_bootstrap "$@" ;;
    topics) cmd_topics "$@" ;;
    logs)   cmd_logs "$@" ;;
    consume) cmd_consume "$@" ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
