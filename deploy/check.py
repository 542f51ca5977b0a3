#!/usr/bin/env python3
"""Offline checks of the deployment files, run by deploy/check.sh.

  check.py promql       every metric in alerts.yml and the dashboard exists in
                        src/telemetry/metrics.rs (histogram series only with
                        _bucket/_sum/_count), and every alert has a firing and a
                        non-firing case in alerts_test.yml
  check.py dashboard    deploy/grafana/wirewatch.json is valid JSON with the
                        datasource variable, and has the panels operators need
  check.py kustomize    deploy/k8s/kustomization.yaml lists every manifest
  check.py records [FILE.jsonl ...]
                        deploy/schema/examples/*.json (and each line of the given
                        JSON-lines files) validate against the record schema, and
                        broken copies of a record do not
  check.py configmap OUT  writes the ConfigMap's wirewatch.toml to OUT

Needs PyYAML and jsonschema (the venv deploy/check.sh makes). Exit 1 on failure.
"""
import copy
import glob
import json
import os
import re
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METRICS_RS = os.path.join(REPO, "src/telemetry/metrics.rs")
ALERTS = os.path.join(REPO, "deploy/prometheus/alerts.yml")
ALERTS_TEST = os.path.join(REPO, "deploy/prometheus/alerts_test.yml")
DASHBOARD = os.path.join(REPO, "deploy/grafana/wirewatch.json")
K8S = os.path.join(REPO, "deploy/k8s")
RECORD_SCHEMA = os.path.join(REPO, "deploy/schema/enriched-record.v1.schema.json")
EXAMPLES = os.path.join(REPO, "deploy/schema/examples")

# A country slot of each event type.
COUNTRY_SLOT = {"diplomacy": "venue_country", "sanctions": "imposer", "procurement": "buyer", "strike": "actor"}

# Series that Prometheus itself makes.
PROMETHEUS_OWN = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}

PROMQL_WORDS = {
    "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
    "bool", "offset", "atan2", "inf", "nan", "le",
}


def fail(errors):
    for e in errors:
        print(f"  - {e}")
    return 1 if errors else 0


def exported_metrics():
    """Metric names from the constants of metrics.rs, and which are histograms."""
    src = open(METRICS_RS, encoding="utf-8").read()
    consts = dict(re.findall(r'pub const ([A-Z0-9_]+): &str = "([a-z_:][a-z0-9_:]*)";', src))
    histograms = {consts[c] for c in re.findall(r"histogram\(\s*([A-Z0-9_]+)\s*,", src) if c in consts}
    return set(consts.values()), histograms


def metric_names(expr):
    """The metric names an expression selects (a small PromQL tokenizer)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)        # string literals
    e = re.sub(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", "1", e)  # Grafana variables
    e = re.sub(r"\{[^{}]*\}", "", e)                     # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                     # ranges
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        word = m.group(0)
        rest = e[m.end():].lstrip()
        if rest.startswith("("):          # a function or aggregation
            continue
        if word.lower() in PROMQL_WORDS:
            continue
        if re.fullmatch(r"\d+[smhdwy]", word) or re.fullmatch(r"[0-9.e]+", word):
            continue
        names.add(word)
    return names


def unknown_metrics(expr, where, exported, histograms):
    errors = []
    for name in sorted(metric_names(expr)):
        if name in PROMETHEUS_OWN:
            continue
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name in exported and name not in histograms:
            continue
        if base in histograms and name != base:
            continue
        if name in histograms:
            errors.append(f"{where}: histogram {name} used without _bucket/_sum/_count")
        else:
            errors.append(f"{where}: metric {name} is not exported by src/telemetry/metrics.rs")
    return errors


def dashboard_targets(dash):
    def walk(panels):
        for p in panels:
            yield p
            yield from walk(p.get("panels", []))
    for p in walk(dash.get("panels", [])):
        for t in p.get("targets", []):
            yield p, t


def cmd_promql():
    exported, histograms = exported_metrics()
    if not exported:
        return fail([f"no metric constants found in {METRICS_RS}"])
    errors = []
    rules = yaml.safe_load(open(ALERTS, encoding="utf-8"))
    alerts = []
    for g in rules["groups"]:
        for r in g["rules"]:
            name = r.get("alert") or r.get("record")
            alerts.append(r.get("alert"))
            errors += unknown_metrics(r["expr"], f"alerts.yml {name}", exported, histograms)
            if r.get("alert"):
                if "severity" not in r.get("labels", {}):
                    errors.append(f"alerts.yml {name}: no severity label")
                for a in ("summary", "description"):
                    if a not in r.get("annotations", {}):
                        errors.append(f"alerts.yml {name}: no {a} annotation")
    tests = yaml.safe_load(open(ALERTS_TEST, encoding="utf-8"))
    firing, quiet = set(), set()
    for t in tests["tests"]:
        for series in t.get("input_series", []):
            errors += unknown_metrics(series["series"], "alerts_test.yml input", exported | {"up"}, histograms)
        for a in t.get("alert_rule_test", []):
            (firing if a.get("exp_alerts") else quiet).add(a["alertname"])
    for a in filter(None, alerts):
        if a not in firing:
            errors.append(f"alerts_test.yml: no case where {a} fires")
        if a not in quiet:
            errors.append(f"alerts_test.yml: no case where {a} stays quiet")
    dash = json.load(open(DASHBOARD, encoding="utf-8"))
    n = 0
    for p, t in dashboard_targets(dash):
        n += 1
        errors += unknown_metrics(t.get("expr", ""), f"dashboard panel '{p.get('title')}'", exported, histograms)
    for v in dash.get("templating", {}).get("list", []):
        q = v.get("query")
        q = q.get("query", "") if isinstance(q, dict) else (q or "")
        if v.get("type") == "query":
            inner = re.sub(r"^label_values\((.*),\s*[A-Za-z_]+\)$", r"\1", q.strip())
            errors += unknown_metrics(inner, f"dashboard variable {v.get('name')}", exported, histograms)
    print(f"  {len(alerts)} rules, {n} dashboard queries, {len(exported)} exported metrics")
    return fail(errors)


def cmd_dashboard():
    errors = []
    try:
        dash = json.load(open(DASHBOARD, encoding="utf-8"))
    except ValueError as e:
        return fail([f"not valid JSON: {e}"])
    if not isinstance(dash.get("schemaVersion"), int) or dash["schemaVersion"] < 36:
        errors.append(f"schemaVersion {dash.get('schemaVersion')} (want >= 36)")
    for k in ("title", "uid", "panels", "templating"):
        if k not in dash:
            errors.append(f"no {k}")
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    ds = variables.get("datasource")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        errors.append("no datasource variable of type datasource for prometheus")
    ids, exprs = set(), []
    for p, t in dashboard_targets(dash):
        if p.get("datasource", {}).get("uid") != "${datasource}":
            errors.append(f"panel '{p.get('title')}' does not use ${{datasource}}")
        if t.get("datasource", {}).get("uid") != "${datasource}":
            errors.append(f"a query of panel '{p.get('title')}' does not use ${{datasource}}")
        if not t.get("expr"):
            errors.append(f"a query of panel '{p.get('title')}' has no expr")
        exprs.append((p, t.get("expr", "")))

    def walk(panels):
        for p in panels:
            yield p
            yield from walk(p.get("panels", []))
    for p in walk(dash.get("panels", [])):
        if p.get("id") in ids:
            errors.append(f"duplicate panel id {p.get('id')}")
        ids.add(p.get("id"))
        g = p.get("gridPos", {})
        if not all(isinstance(g.get(k), int) for k in ("x", "y", "w", "h")) or g.get("x", 0) + g.get("w", 0) > 24:
            errors.append(f"panel '{p.get('title')}' has a bad gridPos {g}")
    # What an operator must find on it.
    wanted = {
        "throughput by category": lambda p, e: "wirewatch_stories_labelled_total" in e and "by (category)" in e,
        "lag per partition": lambda p, e: "wirewatch_consumer_lag" in e and "partition" in e,
        "end-to-end latency heatmap": lambda p, e: p.get("type") == "heatmap" and "wirewatch_end_to_end_seconds_bucket" in e,
        "dead letters by reason": lambda p, e: "wirewatch_dead_letters_total" in e and "by (reason)" in e,
        "in flight": lambda p, e: "wirewatch_stories_in_flight" in e,
        "rules version": lambda p, e: "wirewatch_rules_info" in e and "version" in e,
        "produce errors": lambda p, e: "wirewatch_produce_errors_total" in e and "by (kind)" in e,
        "ready": lambda p, e: "wirewatch_ready" in e,
    }
    for what, test in wanted.items():
        if not any(test(p, e) for p, e in exprs):
            errors.append(f"no panel shows {what}")
    return fail(errors)


def cmd_kustomize():
    errors = []
    k = yaml.safe_load(open(os.path.join(K8S, "kustomization.yaml"), encoding="utf-8"))
    listed = set(k.get("resources", []))
    for r in listed:
        if not os.path.exists(os.path.join(K8S, r)):
            errors.append(f"kustomization.yaml lists {r}, which does not exist")
    for f in sorted(glob.glob(os.path.join(K8S, "*.yaml"))):
        b = os.path.basename(f)
        if b in ("kustomization.yaml",) or b.endswith(".example.yaml"):
            continue
        if b not in listed:
            errors.append(f"{b} is not listed in kustomization.yaml")
    return fail(errors)


def cmd_configmap(out):
    cm = yaml.safe_load(open(os.path.join(K8S, "configmap.yaml"), encoding="utf-8"))
    with open(out, "w", encoding="utf-8") as f:
        f.write(cm["data"]["wirewatch.toml"])
    return 0


def cmd_records(extra):
    from jsonschema import Draft202012Validator

    schema = json.load(open(RECORD_SCHEMA, encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema)
    errors = []
    records = []
    for f in sorted(glob.glob(os.path.join(EXAMPLES, "*.json"))):
        records.append((os.path.relpath(f, REPO), json.load(open(f, encoding="utf-8"))))
    for path in extra:
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                if line.strip():
                    records.append((f"{path}:{i}", json.loads(line)))
    if not records:
        errors.append(f"no records in {EXAMPLES}")
    for where, r in records:
        for e in v.iter_errors(r):
            errors.append(f"{where}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:160]}")
    # The schema must also reject what the worker must never emit.
    sample = next((r for _, r in records if r.get("events")), None)
    if sample is not None:
        broken = {
            "unknown top-level field": lambda r: r.__setitem__("extra", 1),
            "schema_version 2": lambda r: r.__setitem__("schema_version", 2),
            "unknown category label": lambda r: r["classification"]["labels"].append("weather"),
            "primary null with labels": lambda r: r["classification"].__setitem__("primary", None),
            "unknown status": lambda r: r["events"][0].__setitem__("status", "rumoured"),
            "subtype of another category": lambda r: r["events"][0].__setitem__(
                "subtype", "impose" if r["events"][0]["type"] != "sanctions" else "visit"),
            "slot of another category": lambda r: r["events"][0].__setitem__(
                "imposer" if r["events"][0]["type"] != "sanctions" else "buyer", "US"),
            "country not a code": lambda r: r["events"][0].__setitem__(
                COUNTRY_SLOT[r["events"][0]["type"]], "Turkey"),
            "unknown story format": lambda r: r["story"].__setitem__("format", "xml"),
            "missing evidence offsets": lambda r: r["events"][0]["evidence"].pop("char_end"),
            "negative offset": lambda r: r["events"][0]["evidence"].__setitem__("start", -1),
        }
        for what, mutate in broken.items():
            r = copy.deepcopy(sample)
            mutate(r)
            if v.is_valid(r):
                errors.append(f"the schema accepts a record with {what}")
    print(f"  {len(records)} records checked")
    return fail(errors)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "promql":
        return cmd_promql()
    if cmd == "dashboard":
        return cmd_dashboard()
    if cmd == "kustomize":
        return cmd_kustomize()
    if cmd == "records":
        return cmd_records(argv[2:])
    if cmd == "configmap" and len(argv) == 3:
        return cmd_configmap(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
