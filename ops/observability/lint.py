"""Checks of ops/observability that promtool and amtool do not make; run by ./check.

  lint.py alerts     every alert has a severity, a summary, a description and an existing runbook, and
                     the unit tests fire it at least once and also show it quiet at least once
  lint.py dashboards every dashboard parses, has a uid, a title and a schemaVersion, every query uses the
                     provisioned datasource; writes the queries as recording rules to the file given, so
                     that promtool parses their PromQL

Prints one line per problem and exits 1 if there is any.
"""
import glob
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
SEVERITIES = {"critical", "warning"}


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def alerts():
    problems = []
    rules = {}
    for path in sorted(glob.glob(os.path.join(HERE, "prometheus", "rules", "*.yml"))):
        for group in load_yaml(path)["groups"]:
            for rule in group["rules"]:
                if "alert" in rule:
                    rules[rule["alert"]] = rule
    if not rules:
        problems.append("no alert rules found")
    fired, quiet = set(), set()
    for path in sorted(glob.glob(os.path.join(HERE, "prometheus", "tests", "*.test.yml"))):
        for test in load_yaml(path).get("tests") or []:
            for case in test.get("alert_rule_test") or []:
                (fired if case.get("exp_alerts") else quiet).add(case["alertname"])
    for name, rule in sorted(rules.items()):
        labels = rule.get("labels") or {}
        annotations = rule.get("annotations") or {}
        if labels.get("severity") not in SEVERITIES:
            problems.append(f"{name}: severity must be one of {sorted(SEVERITIES)}, is {labels.get('severity')!r}")
        for key in ("summary", "description", "runbook_url"):
            if not annotations.get(key):
                problems.append(f"{name}: annotation {key} missing")
        runbook = annotations.get("runbook_url", "")
        if runbook and not (runbook.startswith("ops/runbooks/") and os.path.isfile(os.path.join(REPO, runbook))):
            problems.append(f"{name}: runbook_url {runbook!r} is not a file under ops/runbooks/")
        if name not in fired:
            problems.append(f"{name}: no unit test expects it to fire (exp_alerts non-empty)")
        if name not in quiet:
            problems.append(f"{name}: no unit test expects it to stay quiet (exp_alerts: [])")
    for name in sorted((fired | quiet) - rules.keys()):
        problems.append(f"{name}: tested but no such alert rule")
    print(f"{len(rules)} alerts, {len(fired & rules.keys())} fired and {len(quiet & rules.keys())} shown quiet by tests")
    return problems


def dashboards(rules_out):
    problems = []
    datasource_uids = set()
    for path in glob.glob(os.path.join(HERE, "grafana", "provisioning", "datasources", "*.yml")):
        datasource_uids |= {d.get("uid") for d in load_yaml(path).get("datasources") or []}
    queries = []
    files = sorted(glob.glob(os.path.join(HERE, "grafana", "dashboards", "*.json")))
    for path in files:
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                dashboard = json.load(f)
        except ValueError as e:
            problems.append(f"{name}: not JSON: {e}")
            continue
        for key in ("uid", "title", "schemaVersion", "panels"):
            if not dashboard.get(key):
                problems.append(f"{name}: {key} missing")
        for panel in dashboard.get("panels") or []:
            title = panel.get("title")
            if not panel.get("targets"):
                problems.append(f"{name}: panel {title!r} has no query")
            for target in panel.get("targets") or []:
                uid = (target.get("datasource") or panel.get("datasource") or {}).get("uid")
                if uid not in datasource_uids:
                    problems.append(f"{name}: panel {title!r} uses datasource {uid!r}, provisioned: {sorted(datasource_uids)}")
                if not target.get("expr"):
                    problems.append(f"{name}: panel {title!r} has a query without expr")
                else:
                    queries.append(target["expr"])
    # promtool parses PromQL only inside rule files: each query becomes a recording rule.
    with open(rules_out, "w", encoding="utf-8") as f:
        yaml.safe_dump({"groups": [{"name": "dashboard-queries", "rules": [
            {"record": f"dashboard:query_{i}", "expr": q} for i, q in enumerate(queries)]}]}, f)
    print(f"{len(files)} dashboards, {len(queries)} queries")
    return problems


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "alerts":
        found = alerts()
    elif what == "dashboards" and len(sys.argv) == 3:
        found = dashboards(sys.argv[2])
    else:
        sys.exit("usage: lint.py alerts | lint.py dashboards RULES_OUT")
    for problem in found:
        print(f"  {problem}")
    sys.exit(1 if found else 0)
