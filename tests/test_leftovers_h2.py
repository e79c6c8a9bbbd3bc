"""Leftovers of the last audit: a funds answer that contradicts the budget-line answer, the plan's
fewest years, a national award's effort in version 1, a city's J4 wording, the plan JSON's effort
unit, the status table's count of points still to fill, and where the rule descriptions live."""

from __future__ import annotations

import json

from .conftest import lcity_here as lcity

#: the rules `lcity validate --rules` listed (in its order) before their descriptions moved from
#: lcity/commands/validate.py to evaluator/checks.py, each with the rule it follows
MOVED_AFTER = {
    "surrogate": "unsupported-tag", "merge-key": "surrogate", "unreadable": "syntax",
    "cell-refused": "workbook-layout", "not-an-assessment": "cell-refused", "invalid-framework": "unknown-framework",
    "survey-margin": "survey-sample", "not-a-review": "duplicate-review", "hash-mismatch": "not-a-review",
    "city-mismatch": "hash-mismatch", "period-mismatch": "city-mismatch", "unknown-veto": "period-mismatch",
    "no-reviewer": "unknown-veto", "different-city": "low-coverage", "different-framework": "different-city",
    "same-period": "different-framework",
}


# --- 7. every rule description beside the rules ----------------------------------------------------


def test_rule_descriptions_live_in_evaluator_checks_and_validate_rules_lists_them_as_before():
    from evaluator.checks import rule_docs
    from lcity.commands import validate

    assert not hasattr(validate, "MORE_RULES")  # no descriptions kept in the command
    proc = lcity("validate", "--rules", "--format", "json")
    listed = json.loads(proc.stdout)
    assert proc.returncode == 0 and listed == rule_docs()
    ids = list(listed)
    for rule_id, after in MOVED_AFTER.items():
        assert ids[ids.index(rule_id) - 1] == after, rule_id
    assert listed["hash-mismatch"].startswith("A review records the SHA-256 of the assessment it reviewed")
    text = lcity("validate", "--rules").stdout.splitlines()
    assert [line.split()[0] for line in text] == ids
