#!/usr/bin/env python3
"""The built-in library against the CDK corpus, through `regent scan`.

For every app under CORPUS/cdk/out (the bench-* stacks excluded):

* insecure apps: every planted misconfiguration (a MISCONFIG row of
  CORPUS/cdk/apps/<app>.expected.md) has a line in tests/policies/planted.txt
  naming the control that addresses it and a logical id, and the scan reports
  that control on that id; and the whole set of "CONTROL LOGICAL-ID" pairs
  equals tests/policies/expected/<app>.txt (a regression list).
* every app: a finding of a control is on a resource of a type the control
  lists in its resource_types (unless its METADATA says whole_template: true):
  regent scan loads only the controls that review a type present in the
  templates, which is sound only while this holds.
* hardened apps: without waivers, every finding is on a resource that the
  app's .expected.md names as a deliberate exception (template-level findings
  only for a transform that it documents); with tests/policies/waivers.yaml,
  nothing is left unsuppressed and no waiver is stale or expired.

usage: check.py REGENT REPO [--update]   (REGENT_CORPUS overrides the corpus)
--update rewrites the expected lists from the current results.
"""
import fnmatch
import json
import os
import re
import subprocess
import sys


def scan(regent, repo, path, waivers=None, allow_errors=False, extra=()):
    cmd = [regent, "scan", "--format", "json", "--fail-on", "never", *extra, path]
    if waivers:
        cmd[2:2] = ["--waivers", waivers]
    # Waiver expiry is judged against a pinned date, so the check does not
    # change with the calendar.
    env = dict(os.environ, REGENT_TODAY="2026-11-23")
    p = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    if p.returncode != 0 and not (allow_errors and p.returncode == 2 and p.stdout):
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr}")
    return json.loads(p.stdout)


def pairs(report, suppressed=False):
    out = set()
    for f in report["findings"]:
        if f.get("suppressed", False) != suppressed:
            continue
        rid = f.get("logical_id")
        if not rid:  # an output ("Outputs.X") or the template itself ("Transform")
            rid = re.sub(r"\[.*", "", ".".join((f.get("path") or "-").split(".")[:2]))
        out.add((f["control"], rid))
    return out


def whole_template_controls(repo):
    """Ids of the built-in controls whose METADATA says whole_template: true."""
    ids = set()
    for folder, _, files in os.walk(os.path.join(repo, "policies")):
        for name in files:
            if name.endswith(".rego") and not name.endswith("_test.rego"):
                text = open(os.path.join(folder, name)).read()
                m = re.search(r"^#   id: (\S+)", text, re.M)
                if m and re.search(r"^#   whole_template: true\s*$", text, re.M):
                    ids.add(m.group(1))
    return ids


def type_violations(report, whole):
    """Findings on a resource type their control does not list."""
    types = {c["id"]: c.get("resource_types") for c in report["controls"]}
    bad = []
    for f in report["findings"]:
        listed = types.get(f["control"])
        if not listed or f["control"] in whole or f["control"].startswith("GOV."):
            continue
        t = f.get("resource_type")
        if t is None or not any(fnmatch.fnmatch(t, p) for p in listed):
            bad.append(f"{f['control']} on {f.get('logical_id') or f.get('path')} ({t})")
    return bad


def backticked(text):
    return set(re.findall(r"`([A-Za-z0-9]+)`", text))


def planted_rows(md):
    """MISCONFIG id -> logical ids named in its row."""
    rows = {}
    for line in md.splitlines():
        m = re.match(r"\|\s*(MISCONFIG-\d+)\s*\|[^|]*\|([^|]*)\|", line)
        if m:
            outputs = set(re.findall(r"output `([A-Za-z0-9]+)`", m.group(2)))
            ids = set(re.findall(r"`([A-Za-z0-9]+)`", m.group(2))) - outputs
            ids |= {"Outputs." + o for o in outputs}
            rows[m.group(1)] = ids
    return rows


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    regent, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    corpus = os.environ.get("REGENT_CORPUS", os.path.join(repo, "..", "shared", "corpus"))
    out_dir, apps_dir = os.path.join(corpus, "cdk", "out"), os.path.join(corpus, "cdk", "apps")
    if not os.path.isdir(out_dir):
        print(f"check.py: no corpus at {corpus} (set REGENT_CORPUS)", file=sys.stderr)
        return 2
    here = os.path.join(repo, "tests", "policies")
    planted = {}
    for line in open(os.path.join(here, "planted.txt")):
        if line.strip() and not line.startswith("#"):
            app, row, control, rid = line.split()
            planted.setdefault(app, []).append((row, control, rid))
    waivers = os.path.join(here, "waivers.yaml")
    whole = whole_template_controls(repo)
    failures = 0

    def fail(app, msg):
        nonlocal failures
        failures += 1
        print(f"FAIL {app}: {msg}")

    for app in sorted(os.listdir(out_dir)):
        if app.startswith("bench-"):
            continue
        md = open(os.path.join(apps_dir, app + ".expected.md")).read()
        report = scan(regent, repo, os.path.join(out_dir, app))
        for v in type_violations(report, whole):
            fail(app, f"finding outside the control's resource_types: {v}")
        found = pairs(report)
        if app.endswith("-insecure"):
            rows = planted_rows(md)
            mine = planted.get(app, [])
            for row, ids in sorted(rows.items()):
                listed = {rid for r, _, rid in mine if r == row}
                if not listed:
                    fail(app, f"{row} has no line in planted.txt")
                for rid in ids - listed:
                    fail(app, f"{row}: logical id {rid} of the row has no line in planted.txt")
            for row, control, rid in mine:
                if row not in rows:
                    fail(app, f"planted.txt names {row}, which the app does not plant")
                if control != "-" and (control, rid) not in found:
                    fail(app, f"{row} not reported: {control} on {rid}")
            expected = os.path.join(here, "expected", app + ".txt")
            actual = sorted(f"{c} {r}" for c, r in found)
            if update:
                with open(expected, "w") as f:
                    f.write("".join(a + "\n" for a in actual))
                print(f"updated {expected} ({len(actual)} findings)")
                continue
            want = sorted(l.strip() for l in open(expected) if l.strip() and not l.startswith("#"))
            for a in sorted(set(actual) - set(want)):
                fail(app, f"unexpected: {a}")
            for w in sorted(set(want) - set(actual)):
                fail(app, f"missing: {w}")
            print(f"ok   {app} ({len(actual)} findings, {len(mine)} planted checks)")
        else:
            allowed = backticked(md)
            for control, rid in sorted(found):
                transform_doc = control == "GOV.005" and "Transform" in md
                if rid not in allowed and not (transform_doc and rid in ("-", "Transform")):
                    fail(app, f"finding on a resource that is not a documented exception: {control} {rid}")
            waived = scan(regent, repo, os.path.join(out_dir, app), waivers)
            left = pairs(waived)
            for control, rid in sorted(left):
                fail(app, f"left after waivers: {control} {rid}")
            print(f"ok   {app} ({len(found)} documented exceptions, {len(left)} left after waivers)")
    for extra in ("real", "bench", os.path.join("cdk", "out")):
        folder = os.path.join(corpus, extra)
        if not os.path.isdir(folder):
            continue
        pruned = scan(regent, repo, folder, allow_errors=True)
        for v in type_violations(pruned, whole):
            fail(extra, f"finding outside the control's resource_types: {v}")
        # Skipping the controls that review none of a template's types must
        # not change what is found.
        full = scan(regent, repo, folder, allow_errors=True, extra=["--all-controls"])
        canon = lambda r: sorted(json.dumps(f, sort_keys=True) for f in r["findings"])
        if canon(pruned) != canon(full):
            fail(extra, "findings differ with --all-controls")
        else:
            print(f"ok   {extra}: same {len(full['findings'])} findings with --all-controls")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
