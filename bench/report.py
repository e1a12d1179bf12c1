#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into the table of docs/performance.md.

usage: report.py RESULTS_DIR DOC --regent REGENT --guard CFN_GUARD --peers PEERS_DIR

Replaces the text between the BEGIN/END BENCH markers of DOC with the
machine, versions, date, the table of medians and the targets, and prints
the same text.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess

BEGIN = "<!-- BEGIN BENCH: written by bench/run.sh -->"
END = "<!-- END BENCH -->"


def hyperfine(path):
    """(median ms, min ms, max ms) of a hyperfine JSON export, or None."""
    try:
        r = json.load(open(path))["results"][0]
    except (OSError, ValueError, KeyError, IndexError):
        return None
    return r["median"] * 1e3, r["min"] * 1e3, r["max"] * 1e3


def read(path, default=None):
    try:
        return open(path).read().strip()
    except OSError:
        return default


def cmd(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def ms(x):
    if x is None:
        return "-"
    return f"{x:.1f} ms" if x < 1000 else f"{x / 1000:.2f} s"


def mb(kb):
    try:
        return f"{int(kb) / 1024:.1f} MB"
    except (TypeError, ValueError):
        return "-"


def ratio(regent, peer):
    if not regent or not peer:
        return "-"
    return f"{regent / peer:.4f} ({peer / regent:,.0f}x)"


def machine():
    cpu = "?"
    for line in (read("/proc/cpuinfo", "") or "").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    m = re.search(r"MemTotal:\s+(\d+)", read("/proc/meminfo", "") or "")
    if m:
        mem = f"{int(m.group(1)) / 1024 / 1024:.0f} GiB"
    os_name = "?"
    m = re.search(r'PRETTY_NAME="([^"]+)"', read("/etc/os-release", "") or "")
    if m:
        os_name = m.group(1)
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {os_name}, Linux {platform.release()}"


def versions(args):
    def pkg(path):
        try:
            return json.load(open(os.path.join(args.peers, "node_modules", path, "package.json")))["version"]
        except (OSError, ValueError, KeyError):
            return "?"

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    commit = cmd("git", "-C", root, "rev-parse", "--short", "HEAD")
    return [
        f"regent: {cmd(args.regent, 'version')} (commit {commit}, Release build)",
        f"cfn-guard: {cmd(args.guard, '--version')} with {count_rules(args)} AWS Control Tower rules "
        f"(@cdklabs/cdk-validator-cfnguard {pkg('@cdklabs/cdk-validator-cfnguard')})",
        f"CDK validator: aws-cdk-lib {pkg('aws-cdk-lib')}, @aws/cloudformation-validate "
        f"{pkg('aws-cdk-lib/node_modules/@aws/cloudformation-validate')}, Node.js {cmd('node', '--version')}",
        f"hyperfine: {cmd('hyperfine', '--version')}",
    ]


def count_rules(args):
    n = 0
    for _, _, files in os.walk(os.path.join(args.peers, "node_modules", "@cdklabs", "cdk-validator-cfnguard",
                                            "rules", "control-tower", "cfn-guard")):
        n += sum(1 for f in files if f.endswith(".guard"))
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("doc")
    ap.add_argument("--regent", required=True)
    ap.add_argument("--guard", required=True)
    ap.add_argument("--peers", required=True)
    args = ap.parse_args()
    res = args.results
    rows, med = [], {}
    for line in open(os.path.join(res, "workloads")):
        name = line.split("|", 1)[0]
        r = hyperfine(os.path.join(res, f"{name}.regent.json"))
        g = hyperfine(os.path.join(res, f"{name}.guard.json"))
        try:
            c = json.load(open(os.path.join(res, f"{name}.cdk.json")))
        except (OSError, ValueError):
            c = {}
        med[name] = r[0] if r else None
        rows.append("| {} | {} ({}-{}) | {} | {} | {} | {} / {} | {} | {} | {} |".format(
            name, ms(r and r[0]), ms(r and r[1]), ms(r and r[2]), mb(read(os.path.join(res, f"{name}.regent.rss"))),
            ms(g and g[0]), mb(read(os.path.join(res, f"{name}.guard.rss"))),
            ms(c.get("engine_ms")), ms(c.get("validate_ms")), mb(read(os.path.join(res, f"{name}.cdk.rss"))),
            ratio(r and r[0], g and g[0]), ratio(r and r[0], c.get("validate_ms"))))
    t = hyperfine(os.path.join(res, "regent-test.json"))
    g3 = hyperfine(os.path.join(res, "fargate-3k.guard.json"))
    try:
        c3 = json.load(open(os.path.join(res, "fargate-3k.cdk.json")))["validate_ms"]
    except (OSError, ValueError, KeyError):
        c3 = None
    rss30 = read(os.path.join(res, "fargate-30k.regent.rss"))

    def check(ok):
        return "met" if ok else "**not met**"

    r3, r30, real = med.get("fargate-3k"), med.get("fargate-30k"), med.get("real")
    targets = [
        ("fargate-3k, whole process, at most 10 ms", ms(r3), check(r3 is not None and r3 <= 10)),
        ("fargate-3k at least 100x faster than cfn-guard", ratio(r3, g3 and g3[0]),
         check(r3 and g3 and g3[0] / r3 >= 100)),
        ("fargate-3k at least 100x faster than the CDK validator's validation alone", ratio(r3, c3),
         check(r3 and c3 and c3 / r3 >= 100)),
        ("fargate-30k at most 60 ms", ms(r30), check(r30 is not None and r30 <= 60)),
        ("fargate-30k / fargate-3k at most 10", f"{r30 / r3:.1f}" if r3 and r30 else "-",
         check(r3 and r30 and r30 / r3 <= 10)),
        ("whole real/ corpus in one call at most 150 ms", ms(real), check(real is not None and real <= 150)),
        ("regent test over the library under 1 s", ms(t and t[0]), check(t and t[0] < 1000)),
        ("peak RSS on fargate-30k at most 32 MB", mb(rss30), check(rss30 and int(rss30) <= 32 * 1024)),
    ]
    micro = read(os.path.join(res, "micro.txt"), "")
    out = [BEGIN, "",
           f"Measured {datetime.date.today().isoformat()} on {machine()}.", ""]
    out += [f"- {v}" for v in versions(args)]
    out += ["", "Whole-process medians (min-max) over hyperfine runs; peak RSS of one run. The CDK validator's",
            "engine construction and validation are timed separately inside Node (medians).", "",
            "| workload | regent | regent RSS | cfn-guard | cfn-guard RSS | CDK validator engine / validate | CDK RSS | regent/cfn-guard | regent/CDK validate |",
            "|---|---|---|---|---|---|---|---|---|"]
    out += rows
    out += ["", "| target | measured | |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in targets]
    out += ["", "Engine phases (`regent-bench`, one thread):", "", "```", micro, "```", "", END]
    text = "\n".join(out)
    doc = read(args.doc, "") or ""
    if BEGIN in doc and END in doc:
        doc = doc[:doc.index(BEGIN)] + text + doc[doc.index(END) + len(END):]
    else:
        doc = doc.rstrip() + "\n\n" + text + "\n"
    with open(args.doc, "w") as f:
        f.write(doc)
    print(text)


if __name__ == "__main__":
    main()
