"""`lcity init` templates and the JSON Schemas editors use."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from evaluator.reading import read
from evaluator.schema import assessment_schema, framework_schema
from indicators.loader import PACKAGE_DIR, load_framework
from indicators.safeyaml import load_file

from .conftest import EXAMPLES, example_assessments, lcity_here as lcity

FW = load_framework("china-learning-city@1")
SCHEMA_FILE = PACKAGE_DIR / "china-learning-city" / "assessment.schema.json"
FRAMEWORK_SCHEMA_FILE = PACKAGE_DIR / "framework.schema.json"


def fill(template: str) -> str:
    """Answers every placeholder of a template the way an official would."""
    out, current = [], None
    for line in template.splitlines():
        m = re.match(r"^  ([A-L]\d):$", line)
        if m:
            current = FW.indicator(m.group(1))
        if line == "    value: null" and current is not None:
            a = current.answer
            value = {"boolean": "true", "choice": a.choices[-1].id if a.type == "choice" else None,
                     "checklist": "[" + ", ".join(i.id for i in a.items) + "]" if a.type == "checklist" else None,
                     }.get(a.type, "50")
            line = f"    value: {value}"
        line = line.replace("  population: null", "  population: 500000")
        line = line.replace("  population_60plus: null", "  population_60plus: 90000")
        line = line.replace("  employed: null", "  employed: 300000")
        line = line.replace("  streets: null", "  streets: 10")
        line = line.replace("  communities: null", "  communities: 100")
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_template_fails_until_filled_then_validates(tmp_path, lang):
    target = tmp_path / "xicheng-2025.yaml"
    proc = lcity("init", "-o", str(target), "--city", "西城区", "--lang", lang, "--framework", FW.ref)
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "zh: \"西城区\"" in text and "level: district" in text
    for ind in FW.indicators():
        assert ind.question.get(lang) in text
    unfilled = lcity("validate", str(target))
    assert unfilled.returncode == 1
    assert unfilled.stdout.count("no-answer") == len(FW.indicators())
    filled = tmp_path / "filled.yaml"
    filled.write_text(fill(text), encoding="utf-8")
    ok = lcity("validate", str(filled))
    assert ok.returncode == 0, ok.stdout
    scored = lcity("score", str(filled), "--format", "json")
    assert scored.returncode == 0 and json.loads(scored.stdout)["answered"] == len(FW.indicators())


def test_init_never_overwrites_without_force(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("my own work\n", encoding="utf-8")
    proc = lcity("init", "-o", str(target))
    assert proc.returncode == 2
    assert "already exists" in proc.stderr and "--force" in proc.stderr
    assert target.read_text(encoding="utf-8") == "my own work\n"
    forced = lcity("init", "-o", str(target), "--force")
    assert forced.returncode == 0 and "framework: china-learning-city@2" in target.read_text(encoding="utf-8")


def test_committed_schemas_have_not_drifted():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == assessment_schema(FW, "en"), (
        "regenerate with: lcity schema assessment > indicators/china-learning-city/assessment.schema.json")
    assert json.loads(FRAMEWORK_SCHEMA_FILE.read_text(encoding="utf-8")) == framework_schema(), (
        "regenerate with: lcity schema framework > indicators/framework.schema.json")


def test_schema_is_draft07_and_closed():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["answers"]["additionalProperties"] is False
    assert set(schema["properties"]["answers"]["properties"]) == {i.id for i in FW.indicators()}
    jsonschema.Draft7Validator.check_schema(schema)


def test_examples_and_reference_cities_validate_against_the_schema():
    from indicators.loader import resolve

    files = example_assessments() + sorted((PACKAGE_DIR / "reference-cities").glob("*.yaml"))
    for path in files:
        data = load_file(path).data
        schema = resolve(data["framework"]).parent / "assessment.schema.json"  # the schema of the file's framework
        validator = jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8")))
        errors = list(validator.iter_errors(data))
        assert not errors, (path.name, errors[0].message)


def test_schema_rejects_unknown_keys():
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    data = load_file(EXAMPLES / "qingshi-district.yaml").data
    data["answers"]["A1"]["vlaue"] = 1
    data["answers"]["Z9"] = {"value": 1}
    assert len(list(validator.iter_errors(data))) >= 2


def test_schema_cli_prints_valid_json():
    for kind in ("assessment", "framework"):
        proc = lcity("schema", kind)
        assert proc.returncode == 0
        assert json.loads(proc.stdout)["$schema"].startswith("http://json-schema.org/draft-07")


def test_examples_read_cleanly():
    for path in example_assessments():
        assert read(path).ok
