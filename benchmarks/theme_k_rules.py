"""Pick rules for k on the saved modularity curves (see theme_k_study.py): k, ARI/NMI, flips.

Each rule maps a curve {k: modularity} to a k. For every group and backend it is applied to the
curve of the vectors as computed and to the curves of the noisy copies saved by
`theme_k_study.py noise`; a flip is a noisy copy on which it picks another k.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from theme_k_study import BACKENDS, CACHE, GROUPS, SETS, load_table

Curve = dict[int, float]


def peak(c: Curve) -> int:
    return max(c, key=lambda k: (round(c[k], 6), -k))


def tied(c: Curve, margin: float, relative: bool = False) -> list[int]:
    best = max(c.values())
    cut = best * (1 - margin) if relative else best - margin
    return sorted(k for k, s in c.items() if s >= cut)


def plateau(c: Curve, margin: float) -> list[int]:
    """The run of consecutive candidate ks around the peak whose scores stay within margin."""
    ks = sorted(c)
    top = ks.index(peak(c))
    low = high = top
    best = c[ks[top]]
    while low > 0 and c[ks[low - 1]] >= best - margin:
        low -= 1
    while high < len(ks) - 1 and c[ks[high + 1]] >= best - margin:
        high += 1
    return ks[low : high + 1]


def rules() -> dict:
    out = {"peak": peak}
    for m in (0.0005, 0.001, 0.002, 0.003, 0.005, 0.01):
        out[f"smallest within {m:g}"] = lambda c, m=m: tied(c, m)[0]
        out[f"largest within {m:g}"] = lambda c, m=m: tied(c, m)[-1]
        out[f"plateau start {m:g}"] = lambda c, m=m: plateau(c, m)[0]
        out[f"plateau end {m:g}"] = lambda c, m=m: plateau(c, m)[-1]
    return out


def as_curve(d: dict) -> Curve:
    return {int(k): v for k, v in d.items()}


def evaluate(rule, sigma: str, variant: str) -> dict:
    rows = {}
    for group in GROUPS:
        for backend in BACKENDS:
            table = load_table(group, backend, variant)
            k = rule(as_curve(table["scores"]))
            noisy = CACHE / f"noise-{sigma}-{group}-{backend}-{variant}.json"
            flips = None
            if noisy.exists():
                flips = sum(rule(as_curve(c)) != k for c in json.loads(noisy.read_text()))
            sets = {name: table["sets"][name][str(k)] for name in GROUPS[group]}
            rows[(group, backend)] = {"k": k, "flips": flips, "sets": sets}
    return rows


def main(argv: list[str]) -> None:
    sigma = argv[0] if argv else "1e-07"
    base = evaluate(peak, sigma, "all")
    print(f"k (flips under {sigma} noise) per group/backend; losses vs peak on all texts")
    every = [("peak, all texts (previous)", peak, "all")]
    every += [(f"{name}, non-empty", rule, "nonempty") for name, rule in rules().items()]
    for name, rule, variant in every:
        rows = evaluate(rule, sigma, variant)
        cells, losses, broad_fail = [], [], []
        for (group, backend), r in rows.items():
            cells.append(f"{group[:5]}/{backend[:2]} {r['k']}({r['flips']})")
            for s, (a, n) in r["sets"].items():
                a0, n0 = base[(group, backend)]["sets"][s]
                if a < a0 - 0.005 or n < n0 - 0.005:
                    losses.append(f"{s}/{backend} {a:.2f}/{n:.2f}<{a0:.2f}/{n0:.2f}")
                if SETS[s].broad and not SETS[s].k / 2 <= r["k"] <= SETS[s].k * 2:
                    broad_fail.append(f"{s}/{backend} {r['k']}")
        a, n = rows[("faq", "e5")]["sets"]["construction_faq"]
        flips = sum(r["flips"] or 0 for r in rows.values())
        target = "MET" if a >= 0.104 and n >= 0.453 else "no"
        print(f"\n{name}: flips {flips}; FAQ e5 {a:.3f}/{n:.3f} {target}")
        print("  " + "  ".join(cells))
        if losses:
            print("  losses: " + "; ".join(losses))
        if broad_fail:
            print("  broad outside x2: " + "; ".join(broad_fail))


if __name__ == "__main__":
    main(sys.argv[1:])
