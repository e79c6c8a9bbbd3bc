"""A condition a fragile decision turns on is said with two shares where they differ: the draws on
the other side of its line, and the draws in which it alone changes the decision (G4 audit #10).
One figure for both read as the first: Beiquan's K4 was '13%的抽样低于…结论随之改变' where about a
quarter of the draws put K4 under 80 %."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import lcity_here

BEIQUAN = Path(__file__).resolve().parent / "audit_cities" / "g4" / "beiquan-district-line.yaml"
ARGS = (str(BEIQUAN), "--no-sobol", "--samples", "2000")


def _k4() -> dict:
    got = json.loads(lcity_here("sensitivity", *ARGS, "--format", "json").stdout)
    unit = next(u for u in got["units"] if not u["reference"])
    return next(c for c in unit["crossed"] if c["id"] == "K4")


def test_sensitivity_says_how_many_draws_cross_and_how_many_it_decides():
    k4 = _k4()
    across, decides = round(k4["fails"] * 100), round(k4["decides"] * 100)
    assert across > decides > 0  # some draws under 80 % are decided by something else too
    zh = " ".join(lcity_here("sensitivity", *ARGS).stdout.split()).replace(" ", "")
    assert f"的80%要求（{across}%的抽样低于，{decides}%的抽样因此改变结论）" in zh
    en = " ".join(lcity_here("sensitivity", *ARGS, "--lang", "en").stdout.split())
    assert f"the 80% line ({across}% of the draws fall below it; {decides}% change the decision because of it)" in en


def test_the_report_says_both_shares_too():
    k4 = _k4()
    across, decides = round(k4["fails"] * 100), round(k4["decides"] * 100)
    from lcity.reporting import prepare
    from reports.catalog import load_catalog
    from reports.context_robustness import _turns
    from reports.render import render_html

    assert _turns(load_catalog("zh"), "13", "13") == "、结论随之改变"  # one figure where both agree
    p = prepare(BEIQUAN)  # as lcity report prepares it (its robustness draws), the HTML it typesets
    for lang, said in (("zh", f"达到80%的要求，但{across}%的抽样低于该要求，{decides}%的抽样因此改变结论"),
                       ("en", f"reaching the 80% line, yet {across}% of the draws fall below it, and in {decides}% "
                              "of the draws the decision changes because of it")):
        html = render_html(p.result, p.bench, p.framework, p.assessment, lang=lang, robustness=p.robustness,
                           warnings=p.warnings)
        assert said in " ".join(re.sub(r"<[^>]+>", " ", html).split()), lang
