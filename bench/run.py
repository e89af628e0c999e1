"""Run every benchmark and print the README tables (one BLAS thread unless told otherwise).

``--big`` runs the serialization benchmark on the ~200 MB model instead of the ~50 MB one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_facade  # noqa: E402
import bench_nn  # noqa: E402
import bench_serialization  # noqa: E402
import bench_small  # noqa: E402
import bench_tensor  # noqa: E402


def main() -> None:
    print("## Tensor library\n")
    bench_tensor.main()
    print("\n## Neural networks (one training step, without the update)\n")
    bench_nn.main([])
    print("\n## Old-script training loops (one sample per step, from Lua)\n")
    bench_small.main([])
    print("\n## Python facade (tape and Lua modules called from Python)\n")
    bench_facade.main(["--repeats", "10", "--rounds", "5"])
    print("\n## Serialization\n")
    bench_serialization.main(["--big"] if "--big" in sys.argv[1:] else [])


if __name__ == "__main__":
    main()
