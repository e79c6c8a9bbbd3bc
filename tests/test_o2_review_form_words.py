"""The zh review form's examples do not assume China for a framework that is not China's
(tests/audit_frameworks/unesco-kflc/AUDIT.md #10): `lcity review init` for 澄湖市 under
unesco-kflc@1 showed `unit: 某街道社区学校` (a 街道 is China's sub-district), an 教育科学研究院 and
the 财政局、民政局; China's own forms keep their examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.review import Review
from indicators.safeyaml import load_text

from .conftest import EXAMPLES, lcity_here as lcity

KFLC = Path(__file__).parent / "audit_frameworks" / "unesco-kflc"
CHINA_WORDS = ("街道", "教育科学研究院", "财政局", "民政局")


def _form(tmp_path: Path, assessment: Path, lang: str) -> str:
    out = tmp_path / f"review-{lang}.yaml"
    run = lcity("review", "init", str(assessment), "-o", str(out), "--lang", lang, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


def _examples(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#  - {")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_kflc_review_form_gives_examples_any_city_has(tmp_path: Path, monkeypatch, lang: str) -> None:
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(KFLC / "kflc"))
    text = _form(tmp_path, KFLC / "chenghu-2025.yaml", lang)
    examples = _examples(text)
    assert len(examples) == 3, examples  # panel member, site visit, symposium
    assert not [w for w in CHINA_WORDS if w in text]
    if lang == "zh":
        assert "#  - {date: 2025-05-12, unit: 某社区学习中心}" in examples
        assert "#  - {date: 2025-05-13, topic: 相关部门座谈会, participants: 财政、社会服务部门及居民代表}" in examples
    # uncommented, the examples are entries a review accepts
    entries = "\n".join("  " + e.removeprefix("#  ") for e in examples)
    data = load_text(f"x:\n{entries}\n", "x.yaml").data["x"]
    Review.model_validate({"assessment": {"city": "澄湖市", "period": "2024–2025", "sha256": "0" * 64},
                           "panel": [data[0]], "process": {"site_visits": [data[1]], "symposia": [data[2]]}})


def test_chinas_review_form_keeps_its_own_examples(tmp_path: Path) -> None:
    examples = _examples(_form(tmp_path, EXAMPLES / "qingshi-district.yaml", "zh"))
    assert examples == ["#  - {name: 张三, affiliation: 某教育科学研究院, title: 研究员, role: 组长}",
                        "#  - {date: 2025-05-12, unit: 某街道社区学校}",
                        "#  - {date: 2025-05-13, topic: 部门座谈会, participants: 财政局、民政局、居民代表}"]
