"""The README's leave-one-out figure is the one ``lcity cities --loo`` prints (G18-B14: it said 2 of
12 after the reference data changed and the tool said 1)."""

import re

from .conftest import ROOT, lcity


def test_the_readme_quotes_the_leave_one_out_count_the_tool_prints():
    said = re.search(r"gets \*\*(\d+) of 12\*\* right", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert said, "the README no longer quotes the leave-one-out count"
    for framework in ("china-learning-city@2", "china-learning-city@1"):
        run = lcity("cities", "--loo", "--lang", "en", "--framework", framework)
        assert run.returncode == 0, run.stderr
        got = re.search(r"\((\d+) of 12 cities get the Table 3 type", " ".join(run.stdout.split()))
        assert got and got.group(1) == said.group(1), (framework, run.stdout[-400:])
