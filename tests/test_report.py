"""PDF evaluation reports: what a reader, an evaluation office and an attacker would see.

Each example report is rendered once per session (zh and en for all three examples); the attack
inputs go into two PDFs, not one per payload, to keep the module fast.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from evaluator.benchmark import benchmark
from evaluator.engine import score
from evaluator.reading import read_string
from reports.catalog import check_catalogs, load_catalog
from reports.context import build_context, css_string, default_number, rule_text
from reports.render import ASSETS_DIR, make_fetcher, refusal, render_html, render_pdf, render_template

from .conftest import EXAMPLE_NAMES, EXAMPLES, LANGS, LogCapture, Rendered, lcity_here as lcity, scored, squash

SECTION_KEYS = ("sec_basis", "sec_profile", "sec_results", "sec_strengths", "sec_problems",
                "sec_recommendations", "sec_conclusion", "app_scores", "app_benchmark", "app_coverage",
                "app_signatures_self")  # the examples are self-assessments: 附件4 is the office's seal
FONT_DIRS = ("/FontFile", "/FontFile2", "/FontFile3")


@pytest.fixture(scope="session")
def reports(example_reports) -> dict[tuple[str, str], Rendered]:
    """The examples' reports, rendered once per session (conftest; test_verify reads the same PDFs)."""
    return example_reports


@pytest.fixture(scope="session")
def framework():
    from indicators.loader import load_framework

    return load_framework("china-learning-city@1")


# --- catalogs -------------------------------------------------------------------------------------


def test_catalogs_have_the_same_keys_and_placeholders():
    assert check_catalogs() == []
    assert set(load_catalog("zh")) == set(load_catalog("en"))


def test_every_catalog_label_used_by_the_template_exists():
    template = (Path(__file__).resolve().parents[1] / "reports/templates/report.html.j2").read_text(encoding="utf-8")
    template = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    used = set(re.findall(r"\bt\.([a-z_0-9]+)", template))
    assert used <= set(load_catalog("zh")), used - set(load_catalog("zh"))


# --- structure and typography ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_section_headings_in_the_pdf_text(reports, lang):
    cat = load_catalog(lang)
    for name in EXAMPLE_NAMES:
        text = reports[(name, lang)].text
        for key in SECTION_KEYS:
            assert squash(cat[key]) in text, (name, lang, key)


def test_page_counts_are_plausible(reports):
    for (name, lang), r in reports.items():
        # 七 稳健性分析 adds two pages; the plan's survey-margin note (G19-B1) took Yunling's English
        # report, a failed county with the longest plan, from 40 to 41
        assert 8 <= len(r.pages) <= 42, (name, lang, len(r.pages))


def test_footer_counts_pages_and_cover_has_none(reports):
    for (name, lang), r in reports.items():
        n = len(r.pages)
        last, second = squash(r.pages[-1]), squash(r.pages[1])
        if lang == "zh":
            assert f"第{n}页/共{n}页" in last
            assert f"第2页/共{n}页" in second
            assert "共" not in squash(r.pages[0]).replace("中华人民共和国", "")
        else:
            assert f"Page{n}of{n}" in last
            assert f"Page2of{n}" in second
            assert "Page1of" not in squash(r.pages[0])


def test_running_header_names_city_and_report_number(reports):
    r = reports[("qingshi-district", "zh")]
    number = re.search(r"LC-qingshi-2024", r.text).group(0)
    for page in r.pages[1:]:
        assert "青石区" in page and number in page


def test_contents_have_page_numbers(reports):
    r = reports[("qingshi-district", "en")]
    # page 2 is the one-page summary, page 3 the contents
    pages = [int(m) for m in re.findall(r"\.{5,}\s*(\d+)\s*$", r.pages[2], re.M)]
    from reports.context_front import CONTENTS

    assert len(pages) == len(CONTENTS)
    assert pages == sorted(pages) and pages[0] == 2 and 4 <= pages[1] and pages[-1] <= len(r.pages)


def test_fonts_embedded_and_the_cjk_family_present(reports):
    for (name, lang), r in reports.items():
        families = set()
        for page in r.reader.pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                families.add(str(font["/BaseFont"]))
                for desc in [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]:
                    descriptor = desc.get("/FontDescriptor")
                    assert descriptor is not None and any(k in descriptor.get_object() for k in FONT_DIRS), \
                        (name, lang, font["/BaseFont"])
        # only the bundled fonts (Song body, Hei headings): the report looks the same on every machine
        assert families and all("LCity-Noto-Sans-SC" in f or "LCity-Noto-Serif-SC" in f for f in families), families


def test_bundled_font_has_every_character_of_labels_and_framework():
    from fontTools.ttLib import TTFont

    root = Path(__file__).resolve().parents[1]
    chars: set[str] = set((root / "reports/templates/report.html.j2").read_text(encoding="utf-8"))
    for lang in LANGS:
        for value in load_catalog(lang).values():
            for text in value if isinstance(value, list) else [value]:
                chars |= set(str(text))
    chars |= set((root / "indicators/china-learning-city/framework.yaml").read_text(encoding="utf-8"))
    for weight in ("Regular", "Bold"):
        cmap = TTFont(ASSETS_DIR / f"fonts/NotoSansCJKsc-{weight}.subset.otf").getBestCmap()
        missing = sorted(c for c in chars if ord(c) > 32 and ord(c) not in cmap)
        assert missing == [], (weight, missing)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_says_embedded_subset_unicode(reports, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(reports[("qingshi-district", "zh")].pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line
        assert "Type 3" not in line


def test_pdf_metadata(reports):
    for (name, lang), r in reports.items():
        meta = r.reader.metadata
        cat = load_catalog(lang)
        assert cat["title"].replace("{city}", "").strip() in meta.title
        assert meta.author  # the evaluating body
        assert meta.subject and meta.get("/Keywords")
        assert r.reader.trailer["/Root"]["/Lang"] == ("zh-CN" if lang == "zh" else "en")
    zh = reports[("qingshi-district", "zh")].reader.metadata
    assert zh.title == "青石区学习型城市建设评估报告"
    assert zh.author == "青石区学习型城市建设领导小组办公室"
    assert zh["/CreationDate"] == zh["/ModDate"] == "D:20250415000000Z"


def test_appendix_table_has_one_row_per_indicator(reports, framework):
    n = len(framework.indicators())
    for (name, lang), r in reports.items():
        rows = re.findall(r'<tr class="ind [^"]*" data-indicator="([A-Z][0-9]+)"', r.html)
        assert len(rows) == n and len(set(rows)) == n, (name, lang)


def test_appendix_rule_statement_is_readable(framework):
    cat = load_catalog("zh")
    assert rule_text(framework.indicator("D1"), cat, "zh") == "线性：2元/人·年得0分，10元/人·年得满分"
    en = rule_text(framework.indicator("D1"), load_catalog("en"), "en")
    assert en == "Linear: 0 points at 2 yuan per resident per year, full points at 10 yuan per resident per year" \
        or en.startswith("Linear: 0 points at 2 ")


def test_charts_present(reports):
    for (name, lang), r in reports.items():
        assert r.html.count("<svg") >= 2
        cat = load_catalog(lang)
        assert squash(cat["chart_radar_title"]) in r.text, (name, lang)
        assert squash(cat("chart_bar_title", floor="60")) in r.text, (name, lang)


def test_no_warnings_and_no_notdef_while_rendering_examples(reports):
    for (name, lang), r in reports.items():
        assert not [m for m in r.logs if ".notdef" in m], (name, lang)
        assert r.logs == [], (name, lang, r.logs[:5])
        assert r.refused == []
        assert all(u.startswith((ASSETS_DIR.as_uri() + "/fonts/", "data:")) for u in r.fetched), r.fetched


def test_english_report_has_no_chinese_labels(reports):
    """Every label is English; Chinese appears only in the city's own proper names and quotes."""
    from markupsafe import escape

    for name in EXAMPLE_NAMES:
        html = reports[(name, "en")].html
        _, assessment, _ = scored(EXAMPLES / f"{name}.yaml")
        city = assessment.city
        own = [assessment.evaluating_body, city.parent, city.province, *assessment.strategy.evidence,
               *[t for a in assessment.answers.values() for t in (a.note, *a.evidence)]]
        for text in sorted((t for t in own if t), key=len, reverse=True):
            html = html.replace(str(escape(text)), "")
        left = re.findall(r"[^\x00-\u2fff]+", html)
        assert left == [], (name, left[:10])


def test_conclusion_states_rank_with_the_low_coverage_caveat(reports):
    # a rank interval over the unknowns (issue 13), with the caveat
    zh = reports[("qingshi-district", "zh")].text
    # the interval covers every place here: said as a rank that cannot yet be told, not "1st–13th of 13"
    assert "总分位次尚无法确定" in zh and "可位列第1至第13位中的任一位" in zh
    assert "仅取自公开资料" in zh and "※" in zh and "未知项不按0分理解" in zh
    en = reports[("qingshi-district", "en")].text
    assert "rankcannotyetbetold" in en and "anywherefrom1to13" in en


def test_problems_and_recommendations_are_tied_to_indicators(reports):
    zh = squash("".join(reports[("qingshi-district", "zh")].pages[3:]))  # after the summary and the contents
    # D is below the floor, D1 is weak: named in 五 and given advice and a model city in 六
    problems = zh[zh.index("五、存在问题"):zh.index("六、意见建议", zh.index("五、存在问题"))]
    recs = zh[zh.index("六、意见建议", zh.index("五、存在问题")):zh.index("七、稳健性分析", zh.index("五、存在问题"))]
    assert "D多元经费保障" in problems and "D1人均社区教育" in problems
    assert "D1人均社区教育（终身教育）财政经费" in recs and "可借鉴（上海市）" in recs
    assert "明确责任部门和完成时限，在12个月内完成整改后申请复核" in recs  # the framework's deferral rule


# --- determinism and the CLI ----------------------------------------------------------------------


def test_same_input_gives_byte_identical_pdf_and_cli_writes_both(reports, tmp_path):
    pdf, html = tmp_path / "q.pdf", tmp_path / "q.html"
    proc = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "-o", str(pdf), "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    assert pdf.read_bytes() == reports[("qingshi-district", "zh")].pdf
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text
    assert text.count('data-indicator="') == 43


def test_html_only(tmp_path):
    html = tmp_path / "out.html"
    proc = lcity("report", str(EXAMPLES / "jianglan-city.yaml"), "--html", str(html), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert 'lang="en"' in html.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [html]


def test_existing_output_is_untouched_without_force(tmp_path):
    out = tmp_path / "report.pdf"
    out.write_text("keep me", encoding="utf-8")
    proc = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "-o", str(out))
    assert proc.returncode == 2
    assert "already exists" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


def test_invalid_input_gives_exit_1_and_no_output(tmp_path, example_text):
    bad = tmp_path / "bad.yaml"
    bad.write_text(example_text.replace("level: district", "level: town"), encoding="utf-8")
    out = tmp_path / "bad.pdf"
    proc = lcity("report", str(bad), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert "bad.yaml:" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_usage_errors_give_exit_2(tmp_path):
    proc = lcity("report", str(EXAMPLES / "qingshi-district.yaml"))
    assert proc.returncode == 2 and "no output" in proc.stderr
    proc = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "--html", str(tmp_path / "x.html"),
                 "--date", "2025-02-30")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_validate_and_score_do_not_import_weasyprint():
    code = ("import sys; from typer.testing import CliRunner; from lcity.cli import app; "
            "r = CliRunner().invoke(app, ['score', 'examples/qingshi-district.yaml']); "
            "print(r.exit_code, 'weasyprint' in sys.modules, 'jinja2' in sys.modules)")
    proc = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True,
                          cwd=EXAMPLES.parent, timeout=60)
    assert proc.stdout.split() == ["0", "False", "False"], proc.stderr


# --- options, review and missing reference data (HTML only: fast) ---------------------------------


@pytest.fixture(scope="module")
def qingshi():
    result, assessment, fw = scored(EXAMPLES / "qingshi-district.yaml")
    return result, benchmark(result, fw), fw, assessment


def test_cover_defaults_and_overrides(qingshi):
    result, bench, fw, assessment = qingshi
    html = render_html(result, bench, fw, assessment, lang="zh")
    assert default_number(result, assessment) == "LC-qingshi-2024"
    assert result.provenance.input_sha256 in html and "2025年4月15日" in html
    html = render_html(result, bench, fw, assessment, lang="en", body="Hexi Municipal Office", date="2025-06-30",
                       number="HX-2025-007")
    assert "HX-2025-007" in html and "30 June 2025" in html and "Hexi Municipal Office" in html
    assert '<meta name="dcterms.created" content="2025-06-30">' in html


def test_self_assessment_has_no_panel_signature_lines(qingshi):
    html = render_html(*qingshi, lang="zh")
    block = html[html.index('id="app-signatures"'):]
    assert block.count("<tr><td class=\"c-no\">") == 0  # no panel has signed a self-assessment
    assert load_catalog("zh")["sign_body_self"] in block and load_catalog("zh")["sign_leader"] not in block
    assert load_catalog("zh")["method_pending"] in html
    assert load_catalog("zh")["kind_self"] in html


REVIEW = {
    "panel": [{"name": "张明", "affiliation": "北京师范大学", "title": "教授"},
              {"name": "Li Hua", "affiliation": "Hexi Normal University", "title": "Associate professor"}],
    "process": {"dates": "2025-05-12 至 2025-05-14", "material_review": True,
                "site_visits": ["青石区社区学院", "东城街道社区学校"], "symposia": ["部门座谈会"],
                "survey": {"sample": 620, "awareness": 82, "satisfaction": 78}},
    "findings": {"strengths": ["三级网络覆盖完整"], "problems": ["经费增长机制尚未建立"],
                 "recommendations": ["建立经费随人口增长机制"], "conclusion": ["建议暂缓认定"]},
    "verified": {"D1": {"score": 1.5, "reason": "2024年决算核减50万元"}, "A1": {"score": 3.0}},
}


def test_review_adds_verified_column_panel_process_and_findings(qingshi):
    html = render_html(*qingshi, lang="zh", review=REVIEW)
    cat = load_catalog("zh")
    assert cat["kind_review"] in html and cat["th_verified"] in html
    d1 = re.search(r'data-indicator="D1">(.*?)</tr>', html, re.S).group(1)
    # D1 was cut (2.35 -> 1.50): ▼, as a raise is ▲ (41729e0)
    assert "1.50" in d1 and "2.35" in d1 and cat["diff_mark_down"] in d1 and "核减50万元" in d1
    a1 = re.search(r'data-indicator="A1">(.*?)</tr>', html, re.S).group(1)
    assert cat["diff_mark"] not in a1
    for text in ("张明", "北京师范大学", "教授", "Hexi Normal University", "青石区社区学院", "有效样本620份",
                 "三级网络覆盖完整", "经费增长机制尚未建立", "建立经费随人口增长机制", "建议暂缓认定"):
        assert text in html, text
    assert cat["method_pending"] not in html
    block = html[html.index('id="app-signatures"'):]
    assert block.count('<tr><td class="c-no">') == 2


def test_review_in_the_review_modules_own_shape(qingshi):
    """``Review.model_dump()``: start/end dates, visits and symposia as dicts, a top-level conclusion."""
    review = {
        "panel": [{"name": "王芳", "affiliation": "河西师范学院", "title": "研究员", "role": "组长"}],
        "process": {"start": "2025-05-12", "end": "2025-05-14", "material_review": True,
                    "site_visits": [{"date": "2025-05-13", "unit": "青石区社区学院", "note": None}],
                    "symposia": [{"date": None, "topic": "部门座谈会", "participants": "12个部门"}],
                    "survey": {"sample": 620, "method": None, "awareness": 82.0, "satisfaction": None}},
        "verified": {"K4": {"score": None, "reason": "样本量不足,未予核定"}},
        "findings": {"strengths": [], "problems": [], "recommendations": []},
        "conclusion": "建议暂缓认定",
        "vetoes": [],
    }
    html = render_html(*qingshi, lang="zh", review=review)
    for text in ("2025年5月12日至2025年5月14日", "青石区社区学院（2025年5月13日）",
                 "部门座谈会（12个部门）", "有效样本620份", "知晓度：82%", "建议暂缓认定", "王芳", "样本量不足"):
        assert text in html, text
    assert "None" not in html


def test_review_with_unknown_indicator_is_refused(qingshi):
    with pytest.raises(ValueError):
        render_html(*qingshi, review={"verified": {"Z9": {"score": 1}}})


def test_reference_data_unavailable_is_said_not_crashed(qingshi, monkeypatch):
    import evaluator.benchmark as bm

    result, _, fw, assessment = qingshi
    for lang in LANGS:
        html = render_html(result, None, fw, assessment, lang=lang)
        assert load_catalog(lang)["concl_bench_unavailable"] in html
    monkeypatch.setattr(bm, "reference_unit_files", lambda ref: [])
    bm._CACHE.clear()
    try:
        empty = bm.benchmark(result, fw)
        assert empty.of == 1
        html = render_html(result, empty, fw, assessment, lang="zh")
        # no reference units at all: said plainly in 三, 七 and 附件2, as for a framework that brings none
        assert "没有参照单位，本区无可比较的对象" in html and "未设参照单位" in html
        assert load_catalog("zh")["chart_radar_title_alone"] in html
    finally:
        bm._CACHE.clear()


def test_strict_undefined_fails_on_a_missing_value(qingshi):
    from jinja2 import UndefinedError

    result, bench, fw, assessment = qingshi
    ctx = build_context(result, bench, fw, assessment, lang="zh")
    del ctx["coverage"]
    with pytest.raises(UndefinedError):
        render_template(ctx)


def test_css_string_cannot_close_the_style_element():
    s = css_string('a"b\\c</style><script>x')
    assert "<" not in s and s.startswith('"') and s.endswith('"') and '\\"' in s


# --- security -------------------------------------------------------------------------------------

ATTACKS = [
    '<link rel="attachment" href="file:///etc/hostname">',
    '<a rel="attachment" href="file:///etc/passwd">x</a>',
    '<img src="file:///etc/passwd">',
    '<svg><image href="file:///etc/passwd" width="10" height="10"/></svg>',
    '<style>@import url("file:///etc/hostname");</style>',
    '<style>@font-face{font-family:X;src:url(file:///dev/urandom)} p{font-family:X}</style>',
    '<img src="http://169.254.169.254/latest/meta-data/">',
    '<img src="http://127.0.0.1:22/">',
    '<p style="background:url(http://127.0.0.1:9/x)">x</p>',
    '<link rel="stylesheet" href="assets/../../etc/passwd">',
    "red} body{background:url(http://169.254.169.254/)}",
    "javascript:alert(1)",
    "<b onload=x>",
]


def secret_texts() -> list[str]:
    out = ["root:x:0:0"]
    hostname = Path("/etc/hostname")
    if hostname.exists():
        name = hostname.read_text(errors="replace").strip()
        if len(name) >= 6:
            out.append(name)
    return out


def assert_clean_pdf(pdf: bytes, *, secrets: list[str]) -> str:
    """No embedded file, no file-attachment annotation, no secret in the text; returns the text."""
    reader = PdfReader(BytesIO(pdf))
    assert not list(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    text = "".join(p.extract_text() or "" for p in reader.pages)
    for secret in secrets:
        assert secret not in text
    return text


def attack_assessment(example_text: str) -> str:
    """The middling example with every attack input in its text fields (YAML-quoted as JSON)."""
    payload = " ".join(ATTACKS)
    q = json.dumps
    text = example_text
    text = text.replace("    zh: 青石区\n", f"    zh: {q('青石区' + ATTACKS[2])}\n")
    text = text.replace("    en: Qingshi District\n", f"    en: {q('Qingshi ' + ATTACKS[0])}\n")
    text = text.replace("evaluating_body: 青石区学习型城市建设领导小组办公室",
                        f"evaluating_body: {q('办公室' + ATTACKS[4] + ATTACKS[5])}")
    text = text.replace("    note: 人均约6.7元，高于国家2元底线，但仍低于目标",
                        f"    note: {q(payload)}")
    text = text.replace("    evidence: [2024年区级预算科目表]", f"    evidence: [{q(payload)}]")
    text = text.replace("    note: 本区适用省级条例，河西市尚未出台地方性法规", f"    note: {q('<b onload=x>')}")
    assert text.count("onload") >= 3
    return text


@pytest.fixture(scope="module")
def attack_renders(example_text):
    text = attack_assessment(example_text)
    loaded = read_string(text, file="attack.yaml")
    assessment, fw = loaded.require()
    result = score(assessment, fw, sha256=loaded.sha256, file="attack.yaml")
    bench = benchmark(result, fw)
    out = {}
    for lang in LANGS:
        html = render_html(result, bench, fw, assessment, lang=lang)
        fetcher = make_fetcher()
        pdf = render_pdf(html, created=assessment.date, fetcher=fetcher)
        out[lang] = (html, pdf, fetcher)
    return out


def test_attack_inputs_in_text_fields_are_text(attack_renders):
    texts = {}
    for lang, (html, pdf, fetcher) in attack_renders.items():
        assert "&lt;b onload=x&gt;" in html
        assert "<b onload" not in html and "<img src=\"file" not in html and "<link rel=\"attachment" not in html
        assert fetcher.refused == []  # nothing outside the assets was even tried
        assert all(u.startswith(ASSETS_DIR.as_uri() + "/fonts/") for u in fetcher.fetched)
        texts[lang] = squash(assert_clean_pdf(pdf, secrets=secret_texts()))
        assert "<bonload=x>" in texts[lang]
    assert "Qingshi<linkrel=\"attachment\"" in texts["en"]


def test_user_strings_never_reach_href_src_or_style(attack_renders):
    html = attack_renders["zh"][0]
    for attr in re.findall(r'\s(?:href|src|style)="([^"]*)"', html):
        assert attr.startswith("#sec-") or attr.startswith("#app-"), attr
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert all("etc" not in s and "127.0.0.1" not in s for s in styles)


def test_attack_html_rendered_directly_is_refused_and_logged():
    head = "".join(a for a in ATTACKS[:11] if a.startswith(("<link", "<style")))
    body = "".join(a for a in ATTACKS[:11] if not a.startswith(("<link", "<style")))
    body += '<svg width="20" height="20"><image href="file:///etc/passwd" width="10" height="10"/></svg>'
    html = f"<html><head>{head}</head><body><p>测试</p>{body}</body></html>"
    capture = LogCapture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    fetcher = make_fetcher()
    try:
        pdf = render_pdf(html, created="2025-01-01", fetcher=fetcher)
    finally:
        logger.removeHandler(capture)
    # /dev/urandom as a font would never end: it is refused (below) before anything is read
    refused = set(fetcher.refused)
    for url in ("file:///etc/hostname", "file:///etc/passwd", "file:///dev/urandom",
                "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:22/", "http://127.0.0.1:9/x"):
        assert url in refused, url
    assert any(u.endswith("/etc/passwd") and u != "file:///etc/passwd" for u in refused)  # the traversal
    assert all(u.startswith(ASSETS_DIR.as_uri() + "/fonts/") for u in fetcher.fetched)
    assert any("refused to load" in m for m in capture.messages())
    assert_clean_pdf(pdf, secrets=secret_texts())


def test_fatal_fetcher_stops_the_rendering():
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        render_pdf('<html><body><img src="file:///etc/passwd"></body></html>', created=None,
                   fetcher=make_fetcher(fatal=True))


def test_refusal_rules(tmp_path):
    assert refusal("data:image/png;base64,AAAA") is None
    assert refusal((ASSETS_DIR / "fonts" / "NotoSansCJKsc-Regular.subset.otf").as_uri()) is None
    assert refusal((ASSETS_DIR / "fonts" / ".." / ".." / "render.py").as_uri()) is not None
    assert refusal(ASSETS_DIR.as_uri() + "/%2e%2e/render.py") is not None
    assert refusal("file://evil.example/etc/passwd") is not None
    for url in ("http://127.0.0.1/", "https://example.org/x.css", "ftp://h/x", "javascript:alert(1)",
                "file:///etc/passwd", "file:///dev/urandom", ASSETS_DIR.as_uri() + "/"):
        assert refusal(url) is not None, url
    root = tmp_path / "assets"
    root.mkdir()
    (root / "ok.css").write_text("p{}")
    (root / "link.css").symlink_to("/etc/hostname")
    assert refusal((root / "ok.css").as_uri(), root) is None
    assert refusal((root / "link.css").as_uri(), root) is not None
