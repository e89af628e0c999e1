"""Run every benchmark and print the README tables (one BLAS thread unless told otherwise)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tensor  # noqa: E402


def main() -> None:
    print("## Tensor library\n")
    bench_tensor.main()


if __name__ == "__main__":
    main()
