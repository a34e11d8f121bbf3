#!/usr/bin/env python3
"""CPU time of `vanban extract` against pdftotext on the same PDFs, paired runs.

Usage: scripts/cpu-vs-pdftotext.py [--runs N] [--vanban PATH] FILE.pdf...
Each round runs both tools once per file (alternating which goes first) and adds up the
children's user+system CPU time; prints the per-round ratio and the median over rounds.
A measurement script, not a test: these machines are noisy, so compare ratios of one run.
"""
import argparse
import os
import resource
import statistics
import subprocess


def cpu_of(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--vanban", action="append", help="vanban binary (repeat to compare builds)")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    binaries = a.vanban or [os.path.join(os.path.dirname(__file__), "..", "target", "release", "vanban")]
    ratios: dict[str, list[float]] = {b: [] for b in binaries}
    for r in range(a.runs):
        cpu = dict.fromkeys(binaries + ["pdftotext"], 0.0)
        for i, f in enumerate(a.files):
            tools = [[b, "extract", f] for b in binaries] + [["pdftotext", f, "-"]]
            if (r + i) % 2:
                tools.reverse()
            for cmd in tools:
                cpu[cmd[0]] += cpu_of(cmd)
        p = cpu["pdftotext"]
        for b in binaries:
            ratios[b].append(cpu[b] / p)
        shown = ", ".join(f"{b} {cpu[b]:.3f} s ({cpu[b] / p:.2f}x)" for b in binaries)
        print(f"round {r + 1}: pdftotext {p:.3f} s; {shown}")
    for b in binaries:
        print(f"median ratio over {a.runs} rounds, {b}: {statistics.median(ratios[b]):.2f}")


if __name__ == "__main__":
    main()
