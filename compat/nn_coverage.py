"""Write compat/NN_COVERAGE.md: how far each nn class of the project's class list is covered.

For every class the table gives whether ``require 'nn'`` defines it, the constructor forms
its Lua spec (``tests/lua/nn/test_<Class>.lua``) builds, the real-Torch7 fixtures and parity
tests that exercise it, and, given a results file, how upstream nn's own tests named after it
fared::

    python compat/run_upstream_suite.py --suite nn /path/to/nn > /tmp/nn_suite.txt
    python compat/nn_coverage.py --results /tmp/nn_suite.txt

Fixture models are matched through their Lua definitions in the fixtures README (the
``run('name', ...)`` blocks); a fixture counts as checked when a parity test names it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_README = ROOT.parent / "shared" / "fixtures" / "torch7" / "README.md"
OUT = ROOT / "compat" / "NN_COVERAGE.md"

# The classes of the nn issue, by family, in the order.
CLASSES: dict[str, list[str]] = {
    "Containers": """
        Sequential Parallel Concat DepthConcat ConcatTable ParallelTable MapTable
    """.split(),
    "Simple": """
        Linear Bilinear Add Mul CMul CAdd Euclidean WeightedEuclidean Cosine Identity Copy
        Narrow Replicate Reshape View Select Index Squeeze Unsqueeze Transpose Padding
        Contiguous Max Min Sum Mean Exp Log Abs Power Square Sqrt Clamp MulConstant
        AddConstant Normalize MM MV Dropout SpatialDropout VolumetricDropout
        GradientReversal L1Penalty LookupTable BatchNormalization
    """.split(),
    "Tables": """
        JoinTable SplitTable SelectTable NarrowTable FlattenTable CAddTable CSubTable
        CMulTable CDivTable CMaxTable CMinTable DotProduct CosineDistance PairwiseDistance
        MixtureTable
    """.split(),
    "Transfer": """
        Tanh Sigmoid ReLU ReLU6 Threshold HardTanh HardShrink SoftShrink SoftMax SoftMin
        LogSoftMax SoftPlus SoftSign LogSigmoid PReLU RReLU ELU LeakyReLU SpatialSoftMax
        SpatialLogSoftMax
    """.split(),
    "Convolution and pooling": """
        TemporalConvolution TemporalMaxPooling SpatialConvolution SpatialConvolutionMM
        SpatialConvolutionLocal SpatialFullConvolution SpatialDilatedConvolution
        SpatialMaxPooling SpatialAveragePooling SpatialAdaptiveMaxPooling
        SpatialAdaptiveAveragePooling SpatialFractionalMaxPooling SpatialMaxUnpooling
        SpatialUpSamplingNearest SpatialUpSamplingBilinear SpatialZeroPadding
        SpatialReflectionPadding SpatialReplicationPadding SpatialBatchNormalization
        SpatialCrossMapLRN SpatialSubtractiveNormalization SpatialDivisiveNormalization
        SpatialContrastiveNormalization VolumetricConvolution VolumetricFullConvolution
        VolumetricMaxPooling VolumetricAveragePooling VolumetricBatchNormalization
    """.split(),
    "Criteria": """
        ClassNLLCriterion CrossEntropyCriterion MSECriterion AbsCriterion SmoothL1Criterion
        BCECriterion DistKLDivCriterion MarginCriterion SoftMarginCriterion
        MultiMarginCriterion MultiLabelMarginCriterion MultiLabelSoftMarginCriterion
        HingeEmbeddingCriterion L1HingeEmbeddingCriterion CosineEmbeddingCriterion
        MarginRankingCriterion SpatialClassNLLCriterion ParallelCriterion MultiCriterion
    """.split(),
    "Beyond the issue's list": """
        SpatialSubSampling TemporalSubSampling SpatialConvolutionMap SpatialFullConvolutionMap
        Collapse Constant ZeroGrad Bottle ZipTable ZipTableOneToMany MaskedSelect
        GatedLinearUnit CReLU SpatialLPPooling PixelShuffle WeightedMSECriterion L1Cost
        OneHot ModuleCriterion CAddTensorTable NaN WhiteNoise DontCast SpatialDilatedMaxPooling
        VolumetricReplicationPadding VolumetricMaxUnpooling WeightNorm
        VolumetricDilatedMaxPooling VolumetricDilatedConvolution SpatialDepthWiseConvolution
        TemporalDynamicKMaxPooling ClassSimplexCriterion DistanceRatioCriterion
        SpatialAutoCropMSECriterion LinearWeightNorm Convert Decorator
        UpSampling FeatureLPPooling VolumetricFractionalMaxPooling PartialLinear Profile Kmeans
        SparseLinear IndexLinear
    """.split(),
}

# Upstream test names that extend a class name without naming another class.
_TEST_SUFFIX = re.compile(r"^(_.*|BatchCompare|Compare|DualInput|IP|InPlace|Batch.*|_?\d.*)?$")

MAX_FORMS = 6


def _calls(text: str, name: str, code_only: bool = False) -> list[str]:
    """The argument texts of every ``nn.<name>(...)`` call in ``text`` (whitespace squeezed);
    with ``code_only``, calls inside Lua string literals (expected printouts) are skipped."""
    forms = []
    for m in re.finditer(rf"\bnn\.{re.escape(name)}\(", text):
        if code_only and _in_string(text, m.start()):
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        forms.append(" ".join(text[m.end() : i - 1].split()))
    return forms


def _in_string(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quoted string literal of its line."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\":
            i += 1
        elif quote is None and c in "'\"":
            quote = c
        elif c == quote:
            quote = None
        i += 1
    return quote is not None


def constructor_forms(name: str) -> list[str]:
    """Distinct constructor argument lists in the class's Lua spec, in first-seen order."""
    spec = ROOT / "tests" / "lua" / "nn" / f"test_{name}.lua"
    if not spec.is_file():
        return []
    return list(dict.fromkeys(_calls(spec.read_text(), name, code_only=True)))


def fixture_definitions() -> dict[str, str]:
    """Fixture name -> its Lua definition text, from the fixtures README's run(...) blocks."""
    if not FIXTURES_README.is_file():
        return {}
    text = FIXTURES_README.read_text()
    starts = [(m.start(), m.group(1)) for m in re.finditer(r"\brun\('([^']+)'", text)]
    headings = [m.start() for m in re.finditer(r"^## ", text, re.M)] + [len(text)]
    # a definition ends at the next one or at the next section heading
    bounds = [
        (min([e for e, _ in starts[k + 1 : k + 2]] + [h for h in headings if h > s]), "")
        for k, (s, _) in enumerate(starts)
    ]
    return {name: text[s:e] for (s, name), (e, _) in zip(starts, bounds, strict=True)}


def parity_text() -> str:
    files = sorted((ROOT / "tests").glob("test_nn_parity*.py"))
    files += sorted((ROOT / "tests").glob("test_nngraph_parity*.py"))
    return "\n".join(p.read_text() for p in files)


def parity_status(name: str, fixtures: dict[str, str], parity: str) -> str:
    """Fixtures using the class (``*`` marks those no parity test names) and direct checks."""
    used = [f for f, body in fixtures.items() if _calls(body, name)]
    parts = [f if (f'"{f}"' in parity or f"'{f}'" in parity) else f"{f}*" for f in used]
    if len(parts) > MAX_FORMS:
        parts = parts[:MAX_FORMS] + [f"and {len(parts) - MAX_FORMS} more"]
    if _calls(parity, name):
        parts.append("direct")
    return ", ".join(parts) if parts else "-"


def upstream_results(path: Path | None) -> dict[str, bool]:
    """Test name -> passed, from the output of compat/run_upstream_suite.py."""
    if path is None:
        return {}
    results = {}
    for line in path.read_text().splitlines():
        m = re.match(r"^(PASS|FAIL) (\S+)$", line)
        if m:
            results[m.group(2)] = m.group(1) == "PASS"
    return results


def upstream_status(name: str, results: dict[str, bool], all_classes: set[str]) -> str:
    """``passed/total`` over upstream tests named after the class (not after a longer one)."""
    mine = []
    for test in results:
        if not test.startswith(name) or not _TEST_SUFFIX.match(test[len(name) :]):
            continue
        longer = [c for c in all_classes if len(c) > len(name) and test.startswith(c)]
        if not longer:
            mine.append(test)
    if not mine:
        return "-"
    passed = sum(results[t] for t in mine)
    failed = sorted(t for t in mine if not results[t])
    return f"{passed}/{len(mine)}" + (f" (failing: {', '.join(failed)})" if failed else "")


def loaded_classes(names: list[str]) -> set[str]:
    """The names that ``require 'nn'`` defines as nn classes."""
    from pytorch_bridge.runtime import get_runtime

    rt = get_runtime()
    rt.execute("require 'nn'")
    return {n for n in names if rt.eval(f"nn.{n} ~= nil and torch.type(nn.{n}) ~= 'nil'")}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(results_path: Path | None) -> str:
    names = [n for family in CLASSES.values() for n in family]
    loaded = loaded_classes(names)
    fixtures, parity = fixture_definitions(), parity_text()
    results = upstream_results(results_path)
    lines = [
        "# nn coverage",
        "",
        "Generated by `compat/nn_coverage.py`; do not edit by hand. Columns: whether",
        "`require 'nn'` defines the class; the constructor forms its Lua spec",
        "(`tests/lua/nn/test_<Class>.lua`) builds; the real-Torch7 fixtures using it (`*`: no",
        "parity test names the fixture; `direct`: a parity test builds the class itself);",
        "upstream nn tests named after the class that pass here (`-`: none, or no results",
        "file given).",
        "",
    ]
    totals = {"loads": 0, "spec": 0, "parity": 0}
    for family, members in CLASSES.items():
        lines += [
            f"## {family}",
            "",
            "| class | loads | spec constructor forms | parity | upstream suite |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name in members:
            forms = constructor_forms(name)
            shown = ", ".join(f"`({f})`" for f in forms[:MAX_FORMS])
            if len(forms) > MAX_FORMS:
                shown += f" and {len(forms) - MAX_FORMS} more"
            par = parity_status(name, fixtures, parity)
            totals["loads"] += name in loaded
            totals["spec"] += bool(forms)
            totals["parity"] += par != "-"
            lines.append(
                f"| {name} | {'yes' if name in loaded else 'NO'} | {_cell(shown) or '-'} | "
                f"{par} | {_cell(upstream_status(name, results, set(names)))} |"
            )
        lines.append("")
    summary = (
        f"{len(names)} classes: {totals['loads']} load, {totals['spec']} have spec "
        f"constructor forms, {totals['parity']} are covered by real-Torch7 fixtures."
    )
    if results:
        passed = sum(results.values())
        summary += (
            f" Upstream suite in the results file: {passed} passed, "
            f"{len(results) - passed} failed."
        )
    lines[9:9] = [summary, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, help="output of run_upstream_suite.py")
    parser.add_argument("-o", dest="out", type=Path, default=OUT, help="where to write")
    ns = parser.parse_args(argv)
    ns.out.write_text(render(ns.results) + "\n")
    print(f"wrote {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
