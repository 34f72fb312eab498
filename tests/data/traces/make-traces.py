#!/usr/bin/env python3
"""Writes the trace CSVs in this folder (see README.md for what each holds and the numbers
`bridgehold analyze` must give). Deterministic: its own PRNG (splitmix64), integer sample
indices for time, fixed two-decimal output, so running it again gives byte-identical files.

usage: python3 make-traces.py [OUT_DIR]   (default: the folder this script is in)
"""
import os
import sys

RATE_HZ = 100  # samples per second
MASK = (1 << 64) - 1


class SplitMix64:
    """The same generator the simulator uses; Python's own random is not promised stable."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, lo, hi):
        return lo + (hi - lo) * ((self.next() >> 11) / float(1 << 53))


class Builder:
    """A force profile built segment by segment at RATE_HZ; each sample at t = index / RATE_HZ."""

    def __init__(self, seed):
        self.rng = SplitMix64(seed)
        self.forces = []

    def flat(self, seconds, level_n, noise_n):
        for _ in range(round(seconds * RATE_HZ)):
            self.forces.append(level_n + self.rng.uniform(-noise_n, noise_n))

    def ramp(self, seconds, from_n, to_n):
        """Linear, without noise, so band crossings fall on known samples."""
        n = round(seconds * RATE_HZ)
        for i in range(n):
            self.forces.append(from_n + (to_n - from_n) * i / n)

    def hold(self, rest_s, ramp_s, segments, release_s):
        """rest, ramp up to the first segment's level, the segments (seconds, level), release."""
        self.flat(rest_s, 0.0, 0.3)
        self.ramp(ramp_s, 0.0, segments[0][1])
        for seconds, level in segments:
            self.flat(seconds, level, 2.0)
        self.ramp(release_s, segments[-1][1], 0.0)


def fmt(x):
    s = "%.2f" % x
    return "0.00" if s == "-0.00" else s


def write(path, lines):
    with open(path, "w", newline="\n") as f:
        f.write("".join(line + "\n" for line in lines))


def force_trace(path, comment, b):
    lines = ["# " + comment + " (written by make-traces.py)", "t_s,force_n"]
    lines += ["%s,%s" % (fmt(i / RATE_HZ), fmt(f)) for i, f in enumerate(b.forces)]
    write(path, lines)


def lr_trace(path, comment, b, left_share):
    lines = ["# " + comment + " (written by make-traces.py)", "t_s,force_n,left_n,right_n"]
    for i, f in enumerate(b.forces):
        total = round(f, 2)
        left = round(total * left_share, 2)
        lines.append("%s,%s,%s,%s" % (fmt(i / RATE_HZ), fmt(total), fmt(left), fmt(total - left)))
    write(path, lines)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    bad = os.path.join(out, "bad")
    os.makedirs(bad, exist_ok=True)

    b = Builder(1)
    b.hold(3.0, 1.0, [(30.0, 200.0)], 0.2)
    b.flat(3.0, 0.0, 0.3)
    force_trace(os.path.join(out, "hold-200n-30s.csv"),
                "one clean 30-s hold at 200 N +/- 2 N", b)

    b = Builder(2)
    b.hold(3.0, 1.0, [(12.0, 200.0), (6.0, 170.0), (12.0, 200.0)], 0.2)
    b.flat(3.0, 0.0, 0.3)
    force_trace(os.path.join(out, "sag-6s.csv"),
                "a 30-s hold at 200 N that sags to 170 N for 6 s in the middle", b)

    b = Builder(3)
    b.flat(3.0, 0.0, 0.3)
    b.ramp(0.1, 0.0, 200.0)
    b.flat(1.0, 200.0, 2.0)
    b.ramp(0.1, 200.0, 0.0)
    b.flat(3.0, 0.0, 0.3)
    force_trace(os.path.join(out, "blip-1s.csv"), "a 1-s spike to 200 N: no hold", b)

    b = Builder(4)
    b.hold(3.0, 1.0, [(10.0, 200.0)], 0.2)
    b.hold(5.0, 1.0, [(12.0, 200.0)], 0.2)
    b.flat(3.0, 0.0, 0.3)
    lr_trace(os.path.join(out, "two-holds-lr.csv"),
             "two holds at 200 N (10 s, 12 s), 60 % of the load on the left", b, 0.6)

    # Bad files: each has one known problem on a known line (README.md lists the messages).
    write(os.path.join(bad, "decreasing-time.csv"),
          ["# time goes backwards on line 7", "t_s,force_n", "0.00,0.0", "0.01,10.0",
           "0.02,20.0", "0.03,30.0", "0.02,40.0", "0.05,50.0"])
    write(os.path.join(bad, "nan.csv"),
          ["t_s,force_n", "0.00,0.0", "0.01,10.0", "# a comment line still counts", "0.02,nan",
           "0.03,30.0"])
    write(os.path.join(bad, "short-row.csv"),
          ["t_s,force_n,left_n,right_n", "0.00,0.0,0.0,0.0", "0.01,10.0,6.0,4.0", "0.02,20.0",
           "0.03,30.0,18.0,12.0"])
    write(os.path.join(bad, "no-header.csv"), ["0.00,0.0", "0.01,10.0", "0.02,20.0"])
    write(os.path.join(bad, "empty.csv"), [])
    write(os.path.join(bad, "unknown-only-header.csv"),
          ["# columns the reader does not know", "time,force", "0.00,0.0", "0.01,10.0"])


if __name__ == "__main__":
    main()
