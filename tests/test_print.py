"""Printing of tensors and storages: exact Torch7 text for representative cases."""

from __future__ import annotations

from typing import Any

import pytest

# name -> (Lua expression, its exact tostring). `wide(r, c [, T])` is an r x c tensor of
# type T (default Double) holding 1, 2, 3, ... in row-major order.
CASES: dict[str, tuple[str, str]] = {
    "byte": (
        "torch.ByteTensor({0, 255, 7})",
        "   0\n 255\n   7\n[torch.ByteTensor of size 3]\n",
    ),
    "column_slices": (
        "wide(1, 30, 'Short'):view(1, 1, 30)",
        "(1,.,.) = \n"
        " Columns 1 to 19\n"
        "   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19\n"
        "\n"
        "Columns 20 to 30\n"
        "  20  21  22  23  24  25  26  27  28  29  30\n"
        "[torch.ShortTensor of size 1x1x30]\n",
    ),
    "empty": (
        "torch.Tensor()",
        "[torch.DoubleTensor with no dimension]\n",
    ),
    "empty_storage": (
        "torch.FloatStorage()",
        "[torch.FloatStorage of size 0]\n",
    ),
    "exponent": (
        "torch.Tensor({1e-6, 123.5})",
        " 1.0000e-06\n 1.2350e+02\n[torch.DoubleTensor of size 2]\n",
    ),
    "float_tenth": (
        "torch.FloatTensor({0.1, 0.5})",
        " 0.1000\n 0.5000\n[torch.FloatTensor of size 2]\n",
    ),
    "float_vector": (
        "torch.Tensor({1.5, -2.25, 3})",
        " 1.5000\n-2.2500\n 3.0000\n[torch.DoubleTensor of size 3]\n",
    ),
    "four_d": (
        "torch.CharTensor(2, 2, 1, 2):fill(-3)",
        "(1,1,.,.) = \n"
        " -3 -3\n"
        "\n"
        "(2,1,.,.) = \n"
        " -3 -3\n"
        "\n"
        "(1,2,.,.) = \n"
        " -3 -3\n"
        "\n"
        "(2,2,.,.) = \n"
        " -3 -3\n"
        "[torch.CharTensor of size 2x2x1x2]\n",
    ),
    "int_large": (
        "torch.Tensor({1e10, 1})",
        " 1.0000e+10\n 1.0000e+00\n[torch.DoubleTensor of size 2]\n",
    ),
    "int_matrix": (
        "torch.Tensor({{1, 2, 3}, {4, 5, 6}})",
        " 1  2  3\n 4  5  6\n[torch.DoubleTensor of size 2x3]\n",
    ),
    "mixed_magnitude": (
        "torch.Tensor({{1e-3, 1}, {10, 0}})",
        "  0.0010   1.0000\n 10.0000   0.0000\n[torch.DoubleTensor of size 2x2]\n",
    ),
    "nan_inf": (
        "torch.Tensor({1.5, 0 / 0, -1 / 0})",
        "1.500000\nnan\n-inf\n[torch.DoubleTensor of size 3]\n",
    ),
    "negative_ints": (
        "torch.LongTensor({-5, 10})",
        " -5\n 10\n[torch.LongTensor of size 2]\n",
    ),
    "scale_large": (
        "torch.Tensor({123456.5, 12345})",
        "100000 *\n 1.2346\n 0.1235\n[torch.DoubleTensor of size 2]\n",
    ),
    "scale_small": (
        "torch.Tensor({0.001, 0.0025})",
        "0.001 *\n 1.0000\n 2.5000\n[torch.DoubleTensor of size 2]\n",
    ),
    "scale_tiny": (
        "torch.Tensor({1e-5, 2.5e-5})",
        "1e-05 *\n 1.0000\n 2.5000\n[torch.DoubleTensor of size 2]\n",
    ),
    "size": (
        "torch.Tensor(2, 3):size()",
        " 2\n 3\n[torch.LongStorage of size 2]\n",
    ),
    "storage": (
        "torch.DoubleStorage({1.5, 2})",
        " 1.5000\n 2.0000\n[torch.DoubleStorage of size 2]\n",
    ),
    "three_d": (
        "torch.IntTensor({{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}}})",
        "(1,.,.) = \n"
        "   1   2   3\n"
        "   4   5   6\n"
        "\n"
        "(2,.,.) = \n"
        "   7   8   9\n"
        "  10  11  12\n"
        "[torch.IntTensor of size 2x2x3]\n",
    ),
    "transposed": (
        "torch.Tensor({{1, 2, 3}, {4, 5, 6}}):t()",
        " 1  4\n 2  5\n 3  6\n[torch.DoubleTensor of size 3x2]\n",
    ),
    "wide": (
        "wide(2, 25)",
        "Columns 1 to 20\n"
        "  1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19  20\n"
        " 26  27  28  29  30  31  32  33  34  35  36  37  38  39  40  41  42  43  44  45\n"
        "\n"
        "Columns 21 to 25\n"
        " 21  22  23  24  25\n"
        " 46  47  48  49  50\n"
        "[torch.DoubleTensor of size 2x25]\n",
    ),
    "wide_scaled": (
        "torch.Tensor(2, 12):fill(0.0125)",
        "Columns 1 to 10\n"
        "0.01 *\n"
        "  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500\n"
        "  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500  1.2500\n"
        "\n"
        "Columns 11 to 12\n"
        "0.01 *\n"
        "  1.2500  1.2500\n"
        "  1.2500  1.2500\n"
        "[torch.DoubleTensor of size 2x12]\n",
    ),
}


def _render(lua: Any, expr: str) -> str:
    helpers = (
        "local function wide(r, c, T) local t = torch[(T or 'Double') .. 'Tensor'](r, c) "
        "local s = t:storage() for i = 1, s:size() do s[i] = i end return t end "
    )
    return str(lua.execute(helpers + "return tostring(" + expr + ")"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_tostring_matches_torch7(lua: Any, name: str) -> None:
    """tostring of each representative tensor or storage gives Torch7's exact text."""
    expr, expected = CASES[name]
    assert expected == _render(lua, expr)


def test_print_writes_tostring(lua: Any, capfd: pytest.CaptureFixture[str]) -> None:
    """print(t) writes the tensor's text followed by print's own newline."""
    lua.execute("print(torch.Tensor({{1, 2}, {3, 4}}))")
    assert " 1  2\n 3  4\n[torch.DoubleTensor of size 2x2]\n\n" == capfd.readouterr().out


def test_format_number(lua: Any) -> None:
    """torch._formatNumber renders one number without padding."""
    got = lua.execute(
        "return torch._formatNumber(3), torch._formatNumber(0.5), "
        "torch._formatNumber(1e-5), torch._formatNumber(1e12)"
    )
    assert ("3", "0.5000", "1.0000e-05", "1.0000e+12") == tuple(got)
