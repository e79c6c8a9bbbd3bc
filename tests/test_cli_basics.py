"""The command line as a new user meets it: version, help, no traceback."""

from __future__ import annotations

from .conftest import lcity_here as lcity


def test_version_is_printed_and_exits_0():
    for flag in ("--version", "-V"):
        proc = lcity(flag)
        assert proc.returncode == 0 and proc.stdout.startswith("lcity ") and proc.stdout.strip()[6:][0].isdigit()


def test_help_lists_every_command():
    proc = lcity("--help")
    assert proc.returncode == 0
    for command in ("init", "validate", "score", "benchmark", "report", "review", "batch", "trend", "cities"):
        assert command in proc.stdout


def test_a_trend_across_framework_versions_says_so():
    from .conftest import EXAMPLES

    files = [str(EXAMPLES / "trend" / "qingshi-2021.yaml"), str(EXAMPLES / "v2" / "qingshi-district-2025.yaml")]
    proc = lcity("trend", *files, "--lang", "en")
    assert proc.returncode == 0 and "different versions of the framework" in proc.stdout
    same = lcity("trend", str(EXAMPLES / "trend" / "qingshi-2021.yaml"), str(EXAMPLES / "trend" / "qingshi-2023.yaml"))
    assert same.returncode == 0 and "不同版本" not in same.stdout


def test_a_report_trend_across_framework_versions_says_so(tmp_path):
    from .conftest import EXAMPLES

    html = tmp_path / "t.html"
    proc = lcity("report", str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"),
                 "--previous", str(EXAMPLES / "trend" / "qingshi-2021.yaml"), "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    assert "各次评估采用不同版本的指标体系" in html.read_text(encoding="utf-8")
