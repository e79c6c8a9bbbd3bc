"""``lcity --help`` in Chinese: the help of every command and option, chosen when the app is built.

Typer's help is static, so the language is chosen once, before the command line is parsed: from
``--lang`` on the command line, else the locale (``LANG=zh_CN.UTF-8``). The English help stays in
the code (docstrings and ``help=``), where it is written; ``lcity/help/zh.yaml`` holds the Chinese,
read with the message catalog's loader, and only when Chinese is asked for (start-up stays cheap).
A key the catalog lacks shows the English text.

Typer's and Click's own words ("Usage:", the panel titles, ``[default: …]``, the usage errors) are
in ``lcity/help/typer/zh.yaml`` and put in place by ``speak``; Chinese help also breaks its lines
between Chinese characters (``chinese_words``), which Rich alone does not.
"""

from __future__ import annotations

from pathlib import Path

HELP_DIR = Path(__file__).resolve().parent / "help"


def help_lang(argv: list[str], environ=None) -> str:
    from indicators.messages import locale_lang

    from .console import argv_lang

    return argv_lang(argv) or locale_lang(environ) or "en"


def entries(lang: str) -> dict[str, str]:
    from indicators.messages import catalog

    return catalog(lang, HELP_DIR) if (HELP_DIR / f"{lang}.yaml").exists() else {}


def translate(command, lang: str) -> None:
    """Replaces the help of a Click command tree in place with the catalog's ``lang`` entries."""
    texts = entries(lang)
    if not texts:
        return

    def walk(cmd, key: str) -> None:
        if key in texts:
            cmd.help = texts[key]
            cmd.short_help = None
        for param in getattr(cmd, "params", []):
            text = texts.get(f"{key}.{param.name}") or texts.get(f"any.{param.name}")
            if text is not None and hasattr(param, "help"):
                param.help = text
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{key}.{name}" if key != "lcity" else name)

    walk(command, "lcity")


#: Click's usage errors as it words them (typer/_click/exceptions.py, parser.py, typer/core.py and
#: the pydantic checks behind Typer's types), each replaced by the ``error.<key>`` entry of
#: ``lcity/help/typer/<lang>.yaml``, in this order; the named groups are the entry's placeholders.
ERRORS = (
    ("value_error", r"Value error, "),
    ("invalid_value_for", r"^Invalid value for (?P<name>.+?): (?P<why>.*)$"),
    ("invalid_value", r"^Invalid value: (?P<why>.*)$"),
    ("no_such_option", r"No such option: (?P<name>\S+)"),
    ("possible_options", r" ?\(Possible options: (?P<names>[^)]*)\)"),
    ("no_such_command", r"No such command (?P<name>'.*?')\.(?= |$)"),
    ("did_you_mean", r"\.? Did you mean (?P<names>.+)\?$"),
    ("missing_command", r"^Missing command\.$"),
    ("missing", r"^Missing (?P<kind>argument|option|parameter) (?P<name>.+?)\.$"),
    ("extra_arguments", r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$"),
    ("requires_argument", r"^Option (?P<name>'.+?') requires an argument\.$"),
    ("requires_arguments", r"^Option (?P<name>'.+?') requires (?P<n>\d+) arguments\.$"),
    ("takes_no_value", r"^Option (?P<name>'.+?') does not take a value\.$"),
    ("takes_values", r"^Argument (?P<name>'.+?') takes (?P<n>\d+) values\.$"),
    ("not_one_of", r"(?P<value>'.*?') is not one of (?P<choices>.+?)\.$"),
    ("not_valid", r"Value (?P<value>.+?) is not a valid (?P<label>\w+)\.$"),
    ("at_least", r"Input should be greater than or equal to (?P<n>\S+)"),
    ("at_most", r"Input should be less than or equal to (?P<n>\S+)"),
    ("greater", r"Input should be greater than (?P<n>\S+)"),
    ("less", r"Input should be less than (?P<n>\S+)"),
    ("integer", r"Input should be a valid integer(, unable to parse string as an integer)?"),
    ("number", r"Input should be a valid number(, unable to parse string as a number)?"),
    ("does_not_exist", r"\b(?:File|Directory|Path) (?P<path>'.*') does not exist\.$"),
    ("is_a_file", r"\b(?:File|Directory|Path) (?P<path>'.*') is a file\.$"),
    ("is_a_directory", r"\b(?:File|Directory|Path) (?P<path>'.*') is a directory\.$"),
    ("not_readable", r"\b(?:File|Directory|Path) (?P<path>'.*') is not readable\.$"),
    ("not_writable", r"\b(?:File|Directory|Path) (?P<path>'.*') is not writable\.$"),
)


#: Chinese characters and full-width punctuation: a line may break between any two of them, except
#: before closing punctuation or after opening punctuation (the rule every Chinese text follows)
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026\u2014"
_OPEN = "（《“‘「『〔【"
_CLOSE = "，。、；：！？）》”’」』〕】…"
_BREAKABLE = None


def chinese_words(text: str):
    """Where a line of help may break, as Rich's ``rich._wrap.words`` gives it ((start, end, word),
    a word with the spaces after it): between words, as Rich does, and also between two Chinese
    characters, which Rich does not (it would move a whole sentence to the next line, or cut it);
    a file name (``西城区-2025.yaml``) stays whole."""
    global _BREAKABLE
    if _BREAKABLE is None:
        import re

        file_name = rf"[^\s{_OPEN}{_CLOSE}]+?\.[A-Za-z][^\s{_WIDE}]*"  # 西城区-2025.yaml stays whole
        _BREAKABLE = re.compile(rf"\s*[{_OPEN}]*(?:{file_name}|[{_WIDE}]|[^\s{_WIDE}]+)[{_CLOSE}]*\s*")
    position = 0
    match = _BREAKABLE.match(text, position)
    while match is not None and match.end() > position:
        yield match.start(), match.end(), match.group(0)
        position = match.end()
        match = _BREAKABLE.match(text, position)


def _breaking_chinese(render):
    """``render`` (Typer's help or error printer) with Chinese line breaking in Rich while it runs;
    the rest of the program's output keeps Rich's own."""
    try:
        from rich import _wrap
    except ImportError:  # pragma: no cover - Rich always has it
        return render
    if not callable(getattr(_wrap, "words", None)):
        return render

    def rendered(*args, **kwargs):
        own = _wrap.words
        _wrap.words = chinese_words
        try:
            return render(*args, **kwargs)
        finally:
            _wrap.words = own

    return rendered


def typer_words(lang: str) -> dict[str, str]:
    """Typer's and Click's own words in ``lang`` (``lcity/help/typer/<lang>.yaml``); none for English."""
    from indicators.messages import catalog

    folder = HELP_DIR / "typer"
    return catalog(lang, folder) if (folder / f"{lang}.yaml").exists() else {}


def error_in(words: dict[str, str], message: str) -> str:
    """One usage error of Click's in the catalog's words: each known English phrase is replaced
    where it stands, so option names, values and lcity's own messages inside it are kept."""
    import re

    for key, pattern in ERRORS:
        template = words.get(f"error.{key}")
        if template is None:
            continue

        def put(match, template=template):
            parts = {k: v for k, v in match.groupdict().items() if v is not None}
            if "kind" in parts:
                parts["kind"] = words.get(f"error.kind_{parts['kind']}", parts["kind"])
            return template.format(**parts)

        message = re.sub(pattern, put, message)
    return message


def quiet_broken_pipe() -> None:
    """``lcity --help | head -1``: the reader has what it wanted, so the run exits 0, as every
    command does on a closed pipe (``lcity.console.guarded``); Rich's own handling exits 1, the code
    of an invalid input. For the help, which Typer prints through its own Rich console."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - a Typer without Rich prints plain help
        return
    own = rich_utils._get_rich_console
    if getattr(own, "quiet_pipe", False):
        return

    def console(*args, **kwargs):
        made = own(*args, **kwargs)

        def on_broken_pipe() -> None:
            import os
            import sys

            made.quiet = True
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0)

        made.on_broken_pipe = on_broken_pipe
        return made

    console.quiet_pipe = True  # type: ignore[attr-defined]
    rich_utils._get_rich_console = console


#: (object, attribute, value before) of every replacement ``speak`` made, oldest first
_SPOKEN: list[tuple[object, str, object]] = []
_ABSENT = object()


def _put(obj: object, name: str, value: object) -> None:
    """``setattr``, remembering the value it replaces (once) so that ``unspeak`` can put it back."""
    if not any(o is obj and n == name for o, n, _ in _SPOKEN):
        _SPOKEN.append((obj, name, obj.__dict__.get(name, _ABSENT) if isinstance(obj, type) else
                        getattr(obj, name, _ABSENT)))
    setattr(obj, name, value)


def unspeak() -> None:
    """Typer's and Click's English words back, as before ``speak``: one process can then run the
    command line again in English (the test suite runs many command lines in one process)."""
    from . import help_words

    while _SPOKEN:
        obj, name, before = _SPOKEN.pop()
        if before is _ABSENT:
            delattr(obj, name)
        else:
            setattr(obj, name, before)
    help_words.RANGE_WORDS.clear()
    help_words.RANGE_WORDS.update(help_words.ENGLISH_RANGE_WORDS)


def speak(command, lang: str) -> None:
    """Typer's and Click's own words in ``lang``: "Usage:", the panel titles, ``[default: …]``,
    ``[required]``, the ``--help`` option, number ranges and the usage errors.

    Typer 0.29 carries its own copy of Click without gettext: these words are constants of
    ``typer.rich_utils`` and literals in ``typer._click``, so there is no message catalog to hand
    them; they are replaced here, in this process, only when the help is in another language than
    English, through the places Click and Typer look them up when they print (module constants,
    ``Context.formatter_class``, the help option, the error printer). English output is Typer's own.
    Each replacement is remembered (``unspeak`` undoes them all); the command tree is the caller's.
    """
    words = typer_words(lang)
    if not words:
        return
    try:
        from typer import rich_utils
        from typer._click import core as click_core
        from typer._click.formatting import HelpFormatter
    except ImportError:  # pragma: no cover - a Typer that moved these keeps its English
        return
    from . import help_words

    for name, text in words.items():
        if name.isupper() and isinstance(getattr(rich_utils, name, None), str):
            _put(rich_utils, name, text)
    help_words.RANGE_WORDS.update({k[6:]: v for k, v in words.items() if k.startswith("range.")})

    usage = words.get("usage")
    if usage:
        class Formatter(HelpFormatter):
            def write_usage(self, prog, args="", prefix=None):
                super().write_usage(prog, args, usage if prefix is None else prefix)

        _put(click_core.Context, "formatter_class", Formatter)
        highlights = getattr(rich_utils.OptionHighlighter, "highlights", None)
        if isinstance(highlights, list):
            import re

            _put(rich_utils.OptionHighlighter, "highlights", [*highlights, f"(?P<usage>{re.escape(usage)})"])

    def walk(cmd) -> None:
        if getattr(cmd, "options_metavar", None) == "[OPTIONS]" and "options_metavar" in words:
            cmd.options_metavar = words["options_metavar"]
        if getattr(cmd, "subcommand_metavar", None) == "COMMAND [ARGS]..." and "subcommand_metavar" in words:
            cmd.subcommand_metavar = words["subcommand_metavar"]
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(command)

    help_text = words.get("help_option")
    if help_text and hasattr(click_core.Command, "get_help_option"):
        own_help_option = click_core.Command.get_help_option

        def get_help_option(self, ctx):
            option = own_help_option(self, ctx)
            if option is not None:
                option.help = help_text
            return option

        _put(click_core.Command, "get_help_option", get_help_option)

    own_rich_text = getattr(rich_utils, "_make_rich_text", None)
    if own_rich_text is not None:  # Chinese breaks between any two characters: fold a long run, never cut it with …
        def rich_text(**kwargs):
            text = own_rich_text(**kwargs)
            if getattr(text, "overflow", "") is None:
                text.overflow = "fold"
            return text

        _put(rich_utils, "_make_rich_text", rich_text)

    own_format_error = getattr(rich_utils, "rich_format_error", None)
    if own_format_error is not None:
        def format_error(error) -> None:
            english = error.format_message
            error.format_message = lambda: error_in(words, english())
            own_format_error(error)

        _put(rich_utils, "rich_format_error", _breaking_chinese(format_error))
    if hasattr(rich_utils, "rich_format_help"):
        _put(rich_utils, "rich_format_help", _breaking_chinese(rich_utils.rich_format_help))
