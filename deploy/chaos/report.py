#!/usr/bin/env python3
"""The chaos runs' bookkeeping: run folders, the quiet check, each scenario's verdict, the run's
JUnit XML and Markdown summary. Called by lib.sh and run-all.sh; nothing here touches the cluster.

    report.py new-run <parent> <scenario...>     makes <parent>/runs/<UTC time>-<names>/, points
                                                 <parent>/latest at it, prints its path
    report.py quiet                              reads the reconciliation report on stdin: prints
                                                 one line of what is under way; exit 0 when quiet
    report.py verdict <run-dir> <scenario> <fault> <quiet-outcome> <quiet-seconds> <load-exit> <seconds>
                                                 reads <scenario>.calls.jsonl, .faults, .report.json;
                                                 writes <scenario>.result.json; exit 1 on FAIL
    report.py summary <run-dir> <scenario...>    writes junit.xml and summary.md, prints the summary;
                                                 exit 1 when a scenario did not pass

The verdict of a scenario (the rules the README's chaos section states):
  - the reconciliation is ok (0 violations) and the system is quiet within CHAOS_QUIET_SECONDS;
  - the load ran (a summary line, exit 0) and created orders;
  - every failed shopper call is explained by the fault: it overlaps one of the scenario's fault
    windows (from the fault to the component back healthy, plus CHAOS_GRACE_SECONDS, 15 by default).
    A scenario whose fault must stay invisible to shoppers (nacos-down, notify-faults,
    refund-channel-failing) opens no window: any error fails it;
  - the load goes on CHAOS_AFTER_SECONDS (30) after the last fault healed (lib.sh), and some of
    its calls fall after the last window's grace: shoppers are seen served again;
  - the calls outside every window answer with p95 <= CHAOS_P95_MS (5000 by default).
The summary's latencies are those of the calls that were answered as expected; "steady" is every
call outside the fault windows.
"""
import datetime
import json
import math
import os
import sys
from xml.sax.saxutils import escape, quoteattr

GRACE = float(os.environ.get("CHAOS_GRACE_SECONDS", "15"))
P95_LIMIT_MS = float(os.environ.get("CHAOS_P95_MS", "5000"))


def new_run(parent, scenarios):
    runs = os.path.join(parent, "runs")
    os.makedirs(runs, exist_ok=True)
    names = "+".join(scenarios)
    if len(names) > 60:
        names = f"{scenarios[0]}+{len(scenarios) - 1}-more"
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 100):  # a run folder is never reused: a second run in the same second gets -2
        name = f"{stamp}-{names}" + ("" if n == 1 else f"-{n}")
        try:
            os.mkdir(os.path.join(runs, name))
            break
        except FileExistsError:
            continue
    else:
        sys.exit("report.py: no free run folder name")
    latest = os.path.join(parent, "latest")
    tmp = latest + ".tmp"
    if os.path.lexists(tmp):
        os.remove(tmp)
    os.symlink(os.path.join("runs", name), tmp)
    os.replace(tmp, latest)
    print(os.path.join(runs, name))


def quiet():
    try:
        report = json.load(sys.stdin)
        t = report["totals"]
    except (ValueError, KeyError):
        print("reconciliation did not answer")
        sys.exit(1)
    print(f"ok={str(report['ok']).lower()} violations={len(report['violations'])} "
          f"inboxPending={t['inboxPending']} refundsInFlight={t['refundsInFlight']} undoLogRows={t['undoLogRows']}")
    sys.exit(0 if report["ok"] and t["inboxPending"] == 0 and t["refundsInFlight"] == 0
             and t["undoLogRows"] == 0 else 1)


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[max(0, math.ceil(len(values) * p / 100) - 1)]


def read_windows(path, end):
    """The fault windows: 'open <epoch> <component> <what>' / 'close <epoch> <component>' lines."""
    windows, open_ = [], {}
    if os.path.exists(path):
        for line in open(path):
            parts = line.split(maxsplit=3)
            if len(parts) >= 3 and parts[0] == "open":
                open_.setdefault(parts[2], (float(parts[1]), parts[3].strip() if len(parts) > 3 else parts[2]))
            elif len(parts) >= 3 and parts[0] == "close" and parts[2] in open_:
                start, what = open_.pop(parts[2])
                windows.append({"component": parts[2], "what": what, "from": start, "to": float(parts[1])})
    for component, (start, what) in open_.items():  # never closed: open until the verdict
        windows.append({"component": component, "what": what, "from": start, "to": end})
    return windows


def verdict(run_dir, scenario, fault, outcome, quiet_seconds, load_exit, seconds):
    base = os.path.join(run_dir, scenario)
    now = datetime.datetime.now().timestamp()
    windows = read_windows(base + ".faults", now)
    calls, load = [], {}
    if os.path.exists(base + ".calls.jsonl"):
        calls = [json.loads(line) for line in open(base + ".calls.jsonl") if line.strip()]
    if os.path.exists(base + ".load.json"):
        load = json.load(open(base + ".load.json"))

    def in_window(call):
        return any(call["t0"] <= w["to"] + GRACE and call["t1"] >= w["from"] for w in windows)

    errors = [c for c in calls if not c["ok"]]
    unexplained = [c for c in errors if not in_window(c)]
    steady = [c["ms"] for c in calls if not in_window(c)]
    all_ms = [c["ms"] for c in calls if c["ok"]]  # what shoppers waited for an answer; a refused connection is no latency
    kinds, all_kinds = {}, {}
    for c in errors:
        key = f"{c['step']} {c['what']}"
        all_kinds[key] = all_kinds.get(key, 0) + 1
        if c in unexplained:
            kinds[key] = kinds.get(key, 0) + 1

    try:
        report = json.load(open(base + ".report.json"))
    except (OSError, ValueError):
        report = {"violations": [{"rule": "UNREACHABLE", "subject": "reconciliation", "detail": "no answer"}]}
    violations = report.get("violations", [])

    reasons = []
    if violations:
        reasons.append(f"{len(violations)} violation(s) in the reconciliation")
    if outcome != "PASS":
        reasons.append("not quiet (reconciliation ok, nothing under way) within the time given")
    if not load or str(load_exit) != "0":
        reasons.append(f"the load did not finish cleanly (exit {load_exit}); see {scenario}.load.out")
    elif load.get("orders", 0) == 0:
        reasons.append("the load created no order")
    if unexplained:
        reasons.append(f"{len(unexplained)} load error(s) outside the fault windows (+{GRACE:g} s): "
                       + ", ".join(f"{n}x {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:6]))
    steady_p95 = percentile(steady, 95)
    last_heal = max((w["to"] for w in windows), default=None)
    after = [c for c in calls if last_heal is not None and c["t0"] > last_heal + GRACE]
    if last_heal is not None and not after:
        reasons.append("no load call after the fault healed (+grace): recovery not seen by shoppers")
    if steady_p95 is not None and steady_p95 > P95_LIMIT_MS:
        reasons.append(f"p95 outside the fault windows {steady_p95:.0f} ms > {P95_LIMIT_MS:g} ms")

    result = {
        "scenario": scenario, "fault": fault, "verdict": "FAIL" if reasons else "PASS", "reasons": reasons,
        "seed": load.get("seed"), "orders": load.get("orders", 0), "calls": len(calls),
        "errors": len(errors), "errorsExplained": len(errors) - len(unexplained), "errorsUnexplained": len(unexplained),
        "errorKinds": all_kinds, "unexplainedErrorKinds": kinds,
        "latencyMs": {"p50": percentile(all_ms, 50), "p95": percentile(all_ms, 95),
                      "max": max(all_ms) if all_ms else None},
        "steadyP95Ms": steady_p95, "steadyCalls": len(steady), "callsAfterHeal": len(after),
        "errorsAfterHeal": sum(not c["ok"] for c in after), "p95LimitMs": P95_LIMIT_MS, "graceSeconds": GRACE,
        "windows": [{**w, "seconds": round(w["to"] - w["from"], 1)} for w in windows],
        "quietSeconds": int(quiet_seconds), "seconds": int(seconds), "violations": violations,
    }
    with open(base + ".result.json", "w") as f:
        json.dump(result, f, indent=2)
    print(f"verdict {result['verdict']}: orders={result['orders']} errors={result['errors']} "
          f"(explained by the fault {result['errorsExplained']}) violations={len(violations)} "
          f"quiet after {result['quietSeconds']} s")
    for reason in reasons:
        print(f"  FAIL: {reason}")
    for v in violations[:20]:
        print(f"  violation {v.get('rule')} {v.get('subject')} {v.get('detail')}")
    sys.exit(1 if reasons else 0)


def fmt_ms(value):
    return "-" if value is None else f"{value:.0f}"


def summary(run_dir, scenarios):
    results = []
    for scenario in scenarios:
        path = os.path.join(run_dir, scenario + ".result.json")
        if os.path.exists(path):
            results.append(json.load(open(path)))
        else:  # ended before its verdict (an error, Ctrl-C): a failure, never a silent pass
            results.append({"scenario": scenario, "verdict": "ERROR", "fault": "",
                            "reasons": [f"ended before its verdict; see {scenario}.log"]})
    seed = os.environ.get("CHAOS_SEED") or next((r["seed"] for r in results if r.get("seed") is not None), "-")
    target = os.environ.get("CHAOS_TARGET", "local")
    lines = [f"# Chaos run {os.path.basename(run_dir)}", "",
             f"target {target}, load seed {seed} (CHAOS_SEED={seed} repeats the load's choices), "
             f"grace {GRACE:g} s, p95 limit {P95_LIMIT_MS:g} ms", "",
             "| scenario | verdict | orders | load errors (explained) | answered p50 / p95 / max ms | steady p95 ms (calls) "
             "| fault windows s | quiet s | violations |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r["verdict"] == "ERROR":
            lines.append(f"| {r['scenario']} | ERROR | - | - | - | - | - | - | - |")
            continue
        lat = r["latencyMs"]
        windows = ", ".join(f"{w['what']} {w['seconds']:g}" for w in r["windows"]) or "none"
        lines.append(f"| {r['scenario']} | {r['verdict']} | {r['orders']} | {r['errors']} ({r['errorsExplained']}) "
                     f"| {fmt_ms(lat['p50'])} / {fmt_ms(lat['p95'])} / {fmt_ms(lat['max'])} "
                     f"| {fmt_ms(r['steadyP95Ms'])} ({r['steadyCalls']}) | {windows} | {r['quietSeconds']} | {len(r['violations'])} |")
    failed = [r for r in results if r["verdict"] != "PASS"]
    lines.append("")
    lines.append(f"{len(results) - len(failed)} of {len(results)} passed.")
    for r in failed:
        lines.append(f"- **{r['scenario']}** {r['verdict']}: " + "; ".join(r["reasons"]))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(run_dir, "summary.md"), "w") as f:
        f.write(text)

    cases = []
    for r in results:
        seconds = r.get("seconds", 0)
        case = f'  <testcase classname={quoteattr("chaos." + target)} name={quoteattr(r["scenario"])} time="{seconds}">'
        if r["verdict"] != "PASS":
            tag = "error" if r["verdict"] == "ERROR" else "failure"
            detail = "\n".join(r["reasons"] + [f"violation {v.get('rule')} {v.get('subject')} {v.get('detail')}"
                                              for v in r.get("violations", [])])
            case += f'\n    <{tag} message={quoteattr("; ".join(r["reasons"]))}>{escape(detail)}</{tag}>'
        if r["verdict"] != "ERROR":
            case += ("\n    <system-out>" + escape(f"fault: {r['fault']}\norders {r['orders']}, load errors "
                                                   f"{r['errors']} ({r['errorsExplained']} explained), "
                                                   f"quiet after {r['quietSeconds']} s") + "</system-out>")
        cases.append(case + "\n  </testcase>")
    errors = sum(r["verdict"] == "ERROR" for r in results)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="chaos" tests="{len(results)}" '
           f'failures="{len(failed) - errors}" errors="{errors}" skipped="0" timestamp="{stamp}">\n'
           f'  <properties><property name="seed" value="{seed}"/><property name="target" value="{target}"/></properties>\n'
           + "\n".join(cases) + "\n</testsuite>\n")
    with open(os.path.join(run_dir, "junit.xml"), "w") as f:
        f.write(xml)
    print(text, end="")
    print(f"\nkept in {run_dir} (summary.md, junit.xml, per scenario: log, load, calls, faults, report, result)")
    sys.exit(1 if failed else 0)


def main():
    args = sys.argv[1:]
    if args[:1] == ["new-run"] and len(args) >= 3:
        new_run(args[1], args[2:])
    elif args == ["quiet"]:
        quiet()
    elif args[:1] == ["verdict"] and len(args) == 8:
        verdict(*args[1:])
    elif args[:1] == ["summary"] and len(args) >= 2:
        summary(args[1], args[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
