#!/usr/bin/env bash
# The main job, locally, in one command: start a single-node Kafka, build and
# run the worker, feed it the sample stories (the seed AP story among them,
# plus one broken payload), and show the enriched records on their topics,
# the dead letter, and the metrics. The broker stays up afterwards
# (deploy/local/kafka.sh stop ends it).
#
# WIREWATCH_KAFKA_PORT (and the other WIREWATCH_KAFKA_* settings of
# deploy/local/kafka.sh) move the broker; the worker and the replay follow it
# (they are pointed at the running broker's own address). WIREWATCH_HTTP_ADDR
# moves the worker's /metrics (default 127.0.0.1:9898).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"
STATE="$REPO/.local/quickstart"
mkdir -p "$STATE"
say() { printf '\n== %s\n' "$*"; }

deploy/local/install-deps.sh
deploy/local/kafka.sh start
# Where the running broker listens (its own port, whatever the environment says).
BROKERS="$(deploy/local/kafka.sh bootstrap)"
export WIREWATCH_BROKERS="$BROKERS"

# A fresh topic prefix per run, so what you see is this run's output only.
RUN="qs$(date +%s)"
export WIREWATCH_TOPIC_PREFIX="$RUN."
export WIREWATCH_GROUP_ID="wirewatch-$RUN"
export WIREWATCH_HTTP_ADDR="${WIREWATCH_HTTP_ADDR:-127.0.0.1:9898}"
deploy/local/kafka.sh topics >/dev/null

say "building wirewatch (release: about 5 minutes the first time, seconds after; cargo's progress follows)"
cargo build --release --locked
BIN="$REPO/target/release/wirewatch"

# The sample batch: every story under tests/fixtures/corpus, seed first, plus
# one truncated JSON payload that must land in the dead-letter topic.
python3 - "$STATE/samples.jsonl" <<'PY'
import json, pathlib, sys
corpus = sorted(pathlib.Path("tests/fixtures/corpus").glob("*.txt"), key=lambda p: (not p.name.startswith("seed"), p.name))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for p in corpus:
        out.write(json.dumps({"key": p.stem, "payload": p.read_text(encoding="utf-8")}) + "\n")
    out.write(json.dumps({"key": "broken-envelope", "payload": '{"id": "broken", "body": '}) + "\n")
PY
N=$(wc -l <"$STATE/samples.jsonl")

say "starting the worker against $BROKERS (log: $STATE/worker.log)"
"$BIN" run --config config/wirewatch.toml >"$STATE/worker.log" 2>&1 &
WORKER=$!
trap 'kill -TERM $WORKER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://$WIREWATCH_HTTP_ADDR/readyz', timeout=1)" 2>/dev/null; then break; fi
  kill -0 $WORKER 2>/dev/null || { cat "$STATE/worker.log"; exit 1; }
  sleep 0.5
done

say "feeding $N sample payloads to ${RUN}.wire.stories.raw"
"$BIN" replay "$STATE/samples.jsonl" --brokers "$BROKERS" --topic "${RUN}.wire.stories.raw"

metrics() { python3 -c "import urllib.request; print(urllib.request.urlopen('http://$WIREWATCH_HTTP_ADDR/metrics', timeout=2).read().decode())"; }
for _ in $(seq 1 60); do
  done_n=$(metrics | awk '/^wirewatch_stories_consumed_total /{print $2}' || true)
  [[ "${done_n:-0}" -ge "$N" ]] && break
  sleep 0.5
done
sleep 1

cat >"$STATE/summarise.py" <<'PY'
import json, sys
for line in sys.stdin:
    key, _, value = line.rstrip("\n").partition("\t")
    try:
        r = json.loads(value)
    except ValueError:
        print("  %s: (not JSON) %s" % (key, value[:80]))
        continue
    c = r.get("classification", {})
    evs = ", ".join("%s/%s/%s" % (e["type"], e["subtype"], e["status"]) for e in r.get("events", []))
    print("  %s: labels=%s primary=%s events=[%s]" % (key, c.get("labels"), c.get("primary"), evs))
PY
summarise() { python3 "$STATE/summarise.py"; }
for topic in wire.stories.enriched wire.events.diplomacy wire.events.sanctions wire.events.procurement wire.events.strike; do
  say "records on ${RUN}.$topic"
  deploy/local/kafka.sh consume "${RUN}.$topic" 100 3000 | summarise
done

say "dead letters on ${RUN}.wire.stories.dlq (payload unchanged; reason in headers)"
KAFKA_PRINT_HEADERS=true deploy/local/kafka.sh consume "${RUN}.wire.stories.dlq" 10 3000 \
  | sed -e 's/^/  /' -e 's/,x-/\n  x-/g' -e 's/\t/\n  key and payload: /'
echo "worker log:"
grep -m1 "story rejected" "$STATE/worker.log" || true

say "the seed story's enriched record (as on ${RUN}.wire.events.strike)"
deploy/local/kafka.sh consume "${RUN}.wire.events.strike" 100 3000 \
  | awk -F'\t' '$1 ~ /seed/ {print $2}' | python3 -m json.tool

say "metrics (http://$WIREWATCH_HTTP_ADDR/metrics)"
metrics | grep -E '^wirewatch_(stories_consumed|records_produced|dead_letters|stories_labelled|rules_info|stories_in_flight)' || true

say "stopping the worker (SIGTERM: drain, flush, commit)"
kill -TERM $WORKER
wait $WORKER && echo "worker exited 0"
trap - EXIT
echo "Kafka is still running on $BROKERS; stop it with: deploy/local/kafka.sh stop"
