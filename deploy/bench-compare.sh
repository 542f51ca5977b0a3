#!/usr/bin/env bash
# The worker against a bare relay on the same local broker, alternated over
# rounds: each contender works off the same N-story backlog on fresh topics.
# Prints, per run, stories/s (from the broker's append times of the first and
# last output, so start-up is excluded), CPU seconds, CPU per story, peak
# RSS and the local broker's CPU per story during the run, then the
# worker/relay ratio of the medians and the bound that the CPU per story of
# worker and broker together puts on the worker on this machine's cores.
#
#   deploy/bench-compare.sh [N] [ROUNDS]            throughput (default 30000, 3)
#   deploy/bench-compare.sh --latency RATE [SECS] [ROUNDS]
#                                                   p50/p99/max input->output
#                                                   append at a fixed input rate
#                                                   (the first second left out),
#                                                   rounds alternating who goes
#                                                   first (default 3), and the
#                                                   ratio of the median p99s
# Environment: WIREWATCH_BENCH_ENV="WIREWATCH_DELIVERY=exactly_once ..." adds
# settings to the worker's environment (e.g. to compare delivery modes or
# compression); WIREWATCH_BENCH_WORKER=PATH runs another build of the worker
# (an older commit's, for before/after figures from one sitting);
# WIREWATCH_KAFKA_PORT moves the broker.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"
STATE="$REPO/.local/bench"
mkdir -p "$STATE"
BROKERS="127.0.0.1:${WIREWATCH_KAFKA_PORT:-9092}"

mode=throughput
if [[ "${1:-}" == "--latency" ]]; then
  mode=latency
  RATE="${2:?--latency RATE}"
  SECS="${3:-10}"
  N=$((RATE * SECS))
  ROUNDS="${4:-3}"
else
  N="${1:-30000}"
  ROUNDS="${2:-3}"
fi

deploy/local/kafka.sh start >/dev/null
echo "bench: building (release)" >&2
cargo build --release --locked --quiet --bin wirewatch --example kafka_bench
BIN="${WIREWATCH_BENCH_WORKER:-$REPO/target/release/wirewatch}"
TOOL="$REPO/target/release/examples/kafka_bench"

# "<utime+stime seconds> <peak RSS MiB>" of a running process; nothing (and
# a failure) if it exits between the two reads, so that a caller falling
# back to the last sample never gets half a sample.
usage() {
  local pid=$1 tck cpu rss
  tck=$(getconf CLK_TCK)
  cpu=$(awk -v t="$tck" '{print ($14 + $15) / t}' "/proc/$pid/stat") || return 1
  rss=$(awk '/VmHWM/ {printf "%.0f\n", $2 / 1024}' "/proc/$pid/status") || return 1
  [[ -n $cpu && -n $rss ]] || return 1
  echo "$cpu $rss"
}

# CPU seconds (utime+stime) of the local broker so far: the broker shares
# the machine, and what it spends on a contender's records bounds how fast
# that contender can go.
BROKER_PID_FILE="${WIREWATCH_KAFKA_HOME:-$REPO/.local/kafka}/kafka.pid"
broker_cpu() {
  local pid
  pid=$(tr -dc '0-9' <"$BROKER_PID_FILE" 2>/dev/null) || true
  [[ -n $pid && -r /proc/$pid/stat ]] || { echo 0; return; }
  awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$pid/stat"
}

metric() {
  python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())" \
    "http://127.0.0.1:9899/metrics" 2>/dev/null | awk -v m="$1" '$1 == m {print $2}'
}

run_worker() {
  local prefix=$1 count=$2 pid got cpu_rss
  # shellcheck disable=SC2086
  env WIREWATCH_TOPIC_PREFIX="$prefix." WIREWATCH_GROUP_ID="bench-$prefix" \
    WIREWATCH_HTTP_ADDR=127.0.0.1:9899 WIREWATCH_BROKERS="$BROKERS" \
    WIREWATCH_GROUP_INSTANCE_ID="bench-$prefix" ${WIREWATCH_BENCH_ENV:-} \
    "$BIN" run >"$STATE/worker-$prefix.log" 2>&1 &
  pid=$!
  local sample="wirewatch_records_produced_total{category=\"all\",topic=\"$prefix.wire.stories.enriched\"}"
  while :; do
    got=$(metric "$sample" || true); got=${got:-0}
    [[ "${got%.*}" -ge "$count" ]] && break
    kill -0 "$pid" 2>/dev/null || { tail -20 "$STATE/worker-$prefix.log" >&2; exit 1; }
    sleep 0.2
  done
  cpu_rss=$(usage "$pid")
  kill -TERM "$pid"; wait "$pid" || true
  echo "$cpu_rss"
}

run_relay() {
  local prefix=$1 count=$2 pid cpu_rss=""
  "$TOOL" --brokers "$BROKERS" relay "$prefix.wire.stories.raw" "$prefix.relay.out" "$count" \
    --group "bench-$prefix" --ready-file "$STATE/$prefix.ready" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    cpu_rss=$(usage "$pid" 2>/dev/null || echo "$cpu_rss")
    sleep 0.1
  done
  wait "$pid"
  echo "$cpu_rss"
}

fresh_topics() {
  local prefix=$1
  "$TOOL" --brokers "$BROKERS" topics "$prefix.wire.stories.raw" "$prefix.wire.stories.enriched" \
    "$prefix.wire.stories.dlq" "$prefix.wire.events.diplomacy" "$prefix.wire.events.sanctions" \
    "$prefix.wire.events.procurement" "$prefix.wire.events.strike" "$prefix.relay.out"
}

# median FILE WHO COLUMN: the median of COLUMN over the rows of FILE whose
# first field is WHO.
median() {
  awk -v who="$2" -v col="$3" '$1 == who {print $col}' "$1" | sort -g \
    | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

if [[ $mode == latency ]]; then
  lat="$STATE/latency.txt"; : >"$lat"
  for round in $(seq 1 "$ROUNDS"); do
    # who goes first alternates: a tail from the broker's own state (its
    # first run on fresh topics, a log roll) falls on each side in turn
    order="worker relay"; ((round % 2 == 0)) && order="relay worker"
    for who in $order; do
      prefix="lat$(date +%s%N | cut -c1-13)$who"
      fresh_topics "$prefix"
      if [[ $who == worker ]]; then
        out="$prefix.wire.stories.enriched"
        run_worker "$prefix" "$N" >/dev/null &
      else
        out="$prefix.relay.out"
        run_relay "$prefix" "$N" >/dev/null &
      fi
      runner=$!
      # Load only once the contender has its partitions, so that the
      # figures are the steady state, not the group join.
      for _ in $(seq 300); do
        if [[ $who == worker ]]; then
          python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9899/readyz', timeout=1)" 2>/dev/null && break
        else
          [[ -e "$STATE/$prefix.ready" ]] && break
        fi
        sleep 0.1
      done
      "$TOOL" --brokers "$BROKERS" load "$prefix.wire.stories.raw" "$N" --rate "$RATE"
      wait "$runner"
      read -r n p50 p99 max < <("$TOOL" --brokers "$BROKERS" latency "$prefix.wire.stories.raw" "$out" "$N")
      "$TOOL" --brokers "$BROKERS" drop --prefix "$prefix." >/dev/null
      printf '%-7s round %d, %d stories at %d/s: p50 %d ms, p99 %d ms, max %d ms\n' "$who" "$round" "$n" "$RATE" "$p50" "$p99" "$max"
      echo "$who $p50 $p99 $max" >>"$lat"
    done
  done
  w=$(median "$lat" worker 3); r=$(median "$lat" relay 3)
  awk -v wp="$(median "$lat" worker 2)" -v rp="$(median "$lat" relay 2)" -v w="$w" -v r="$r" \
    'BEGIN {printf "median p50: worker %d ms, relay %d ms; median p99: worker %d ms, relay %d ms; p99 worker/relay %.2f\n", wp, rp, w, r, w / (r > 0 ? r : 1)}'
  exit 0
fi

printf '%-7s %6s %10s %8s %10s %8s %10s\n' who round stories/s cpu_s us/story rss_MiB broker_us
results="$STATE/results.txt"; : >"$results"
for round in $(seq 1 "$ROUNDS"); do
  for who in worker relay; do
    prefix="b$(date +%s%N | cut -c1-13)$who"
    fresh_topics "$prefix"
    "$TOOL" --brokers "$BROKERS" load "$prefix.wire.stories.raw" "$N"
    b0=$(broker_cpu)
    if [[ $who == worker ]]; then
      read -r cpu rss < <(run_worker "$prefix" "$N")
      out="$prefix.wire.stories.enriched"
    else
      read -r cpu rss < <(run_relay "$prefix" "$N")
      out="$prefix.relay.out"
    fi
    b1=$(broker_cpu)
    read -r n rate < <("$TOOL" --brokers "$BROKERS" rate "$out" "$N")
    # a run's topics go once measured: thousands of leftover partitions
    # slowed the broker, and so every later run
    "$TOOL" --brokers "$BROKERS" drop --prefix "$prefix." >/dev/null
    us=$(awk -v c="$cpu" -v n="$n" 'BEGIN {printf "%.1f", c * 1e6 / n}')
    bus=$(awk -v a="$b0" -v b="$b1" -v n="$n" 'BEGIN {printf "%.1f", (b - a) * 1e6 / n}')
    printf '%-7s %6d %10d %8.2f %10s %8d %10s\n' "$who" "$round" "$rate" "$cpu" "$us" "$rss" "$bus"
    echo "$who $rate $cpu $rss $us $bus" >>"$results"
  done
done
w=$(median "$results" worker 2); r=$(median "$results" relay 2)
awk -v w="$w" -v r="$r" -v wm="$(median "$results" worker 4)" -v rm="$(median "$results" relay 4)" \
  'BEGIN {printf "median stories/s: worker %.0f, relay %.0f, ratio %.2f; peak RSS worker %.0f MiB, relay %.0f MiB\n", w, r, w / r, wm, rm}'
# The machine's CPU per story (contender + broker, the medians): with every
# core busy, cores / that is the most a contender can do here.
awk -v wu="$(median "$results" worker 5)" -v wb="$(median "$results" worker 6)" \
  -v ru="$(median "$results" relay 5)" -v rb="$(median "$results" relay 6)" -v cores="$(nproc)" \
  'BEGIN {printf "CPU per story with the broker: worker %.0f + %.0f us, relay %.0f + %.0f us; on %d cores that bounds the worker at %.0f stories/s\n", wu, wb, ru, rb, cores, cores * 1e6 / (wu + wb)}'
