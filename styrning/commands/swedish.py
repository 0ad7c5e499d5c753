"""Click's and Typer's own words in Swedish: help headings, usage lines and usage errors.

Typer (0.29 and later) carries its own copy of Click (`typer._click`) whose strings are
written in English, some through gettext (`typer.core`, `typer.rich_utils`), most as
plain literals. `install()` puts Swedish in each place once, at start-up, and imports
nothing heavy: `rich` stays unloaded until something asks for it, and Typer's rich
helpers are translated as they are imported.

The usage errors keep their structure – the usage line, where to find help, the
error – and only their words change; `swedish_message()` holds the phrases.
"""

from __future__ import annotations

import gettext
import importlib.abc
import importlib.machinery
import re
import sys
import types
import typing

# Typer's gettext messages (typer.core, typer.rich_utils) and their Swedish.
CATALOG: dict[str, str] = {
    "Arguments": "Argument",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "required": "krävs",
    "env var: {var}": "miljövariabel: {var}",
    "default: {default}": "standard: {default}",
    "(dynamic)": "(dynamisk)",
    "Aborted!": "Avbrutet!",
    "Missing command.": "Kommando saknas.",
    "No such command {name!r}.": "Okänt kommando {name!r}.",
    # typer.rich_utils (only with rich_markup_mode set; translated all the same)
    "(deprecated) ": "(utfasad) ",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljövariabel: {}]",
    "[required]": "[krävs]",
    "Error": "Fel",
    "Aborted.": "Avbrutet.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Se [blue]'{command_path} {help_option}'[/] för hjälp."
    ),
}

HELP_OPTION_HELP = "Visa den här hjälpen och avsluta."
USAGE_PREFIX = "Användning: "

# The words of usage lines (click's metavars) and of option types in help (`<str>`).
USAGE_WORDS = (
    ("[OPTIONS]", "[FLAGGOR]"),
    ("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]..."),
)
TYPE_WORDS = {"str": "text", "path": "sökväg", "int": "heltal", "float": "tal", "file": "fil"}

# Typer's --install-completion and --show-completion, by their parameter names.
COMPLETION_HELP = {
    "install_completion": "Installera tabbkomplettering för skalet du använder.",
    "show_completion": (
        "Visa tabbkompletteringen för skalet du använder, för att kopiera den eller anpassa "
        "installationen."
    ),
}

_PARAM_TYPES = {"argument": "argumentet", "option": "flaggan", "parameter": "parametern"}


def _or_list(found: str) -> str:
    """`'a', 'b', 'c'` as `'a', 'b' eller 'c'`."""
    parts = [p.strip() for p in found.split(",")]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " eller " + parts[-1]


# (pattern, replacement) over a usage error's English message, in order.
_PHRASES: tuple[tuple[re.Pattern[str], typing.Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Missing (argument|option|parameter) ?(.*?)\.( (.*))?$", re.S),
        lambda m: (
            f"{_PARAM_TYPES[m[1]].capitalize()} {m[2]} saknas.".replace("  ", " ")
            + (f" {m[4]}" if m[4] else "")
        ),
    ),
    (re.compile(r"Missing parameter: (.*)"), lambda m: f"Parametern {m[1]} saknas."),
    (re.compile(r"No such option: (\S+)"), lambda m: f"Okänd flagga: {m[1]}."),
    (re.compile(r" ?\(Possible options: (.*)\)"), lambda m: f" Menade du {_or_list(m[1])}?"),
    (re.compile(r"No such command '(.*?)'\.?"), lambda m: f"Okänt kommando '{m[1]}'."),
    (re.compile(r" ?Did you mean (.*)\?"), lambda m: f" Menade du {_or_list(m[1])}?"),
    (re.compile(r"^Missing command\.$"), lambda m: "Kommando saknas."),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)"),
        lambda m: f"Oväntat extra argument: {m[1]} (kommandot tar inte fler).",
    ),
    (
        re.compile(r"Option '(.*?)' requires an argument\."),
        lambda m: f"Flaggan '{m[1]}' behöver ett värde, t.ex. {m[1]} VÄRDE.",
    ),
    (
        re.compile(r"Option '(.*?)' requires (\d+) arguments\."),
        lambda m: f"Flaggan '{m[1]}' behöver {m[2]} värden.",
    ),
    (
        re.compile(r"Option '(.*?)' does not take a value\."),
        lambda m: f"Flaggan '{m[1]}' tar inget värde – skriv bara {m[1]}.",
    ),
    (
        re.compile(r"Argument '(.*?)' takes (\d+) values\."),
        lambda m: f"Argumentet '{m[1]}' tar {m[2]} värden.",
    ),
    (re.compile(r"^Invalid value for (.*?): "), lambda m: f"Ogiltigt värde för {m[1]}: "),
    (re.compile(r"^Invalid value: "), lambda m: "Ogiltigt värde: "),
    (re.compile(r"Value error, "), lambda m: ""),
    (
        re.compile(r"(.*) is not one of (.*)\.$", re.S),
        lambda m: f"{m[1]} är inget giltigt val – välj bland {_or_list(m[2])}.",
    ),
    (
        re.compile(r"Value (.*) is not a valid (.*)\.$"),
        lambda m: f"{m[1]} är inget giltigt värde av typen {TYPE_WORDS.get(m[2], m[2])}.",
    ),
    (
        re.compile(r"Could not open file (.*?): (.*)"),
        lambda m: f"Kan inte öppna filen {m[1]}: {m[2]}",
    ),
)


def swedish_message(message: str) -> str:
    """A usage error's message from Click or Typer, in Swedish (unknown parts as they are)."""
    for pattern, replace in _PHRASES:
        message = pattern.sub(replace, message)
    return message


class _Swedish(gettext.NullTranslations):
    """A gettext catalogue of `CATALOG`; anything else falls through unchanged."""

    def gettext(self, message: str) -> str:
        return CATALOG.get(message, message)


TRANSLATION = _Swedish()


def _click() -> types.ModuleType:
    import typer

    found: types.ModuleType = typer._click
    return found


def _usage_error_show(self: typing.Any, file: typing.IO[str] | None = None) -> None:
    """`UsageError.show` in Swedish: usage line, where help is, and the error."""
    echo = _click().utils.echo
    stream = file if file is not None else sys.stderr
    ctx = self.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"Se '{ctx.command_path} {ctx.help_option_names[0]}' för hjälp.\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=stream, color=ctx.color)
    echo(f"Fel: {swedish_message(self.format_message())}", file=stream)


def _exception_show(self: typing.Any, file: typing.IO[str] | None = None) -> None:
    echo = _click().utils.echo
    echo(f"Fel: {swedish_message(self.format_message())}", file=file or sys.stderr)


def _patch_rich_utils(module: types.ModuleType) -> None:
    """Typer's rich panels: their titles and notes are module constants read at use."""
    constants = {
        "DEPRECATED_STRING": "(deprecated) ",
        "DEFAULT_STRING": "[default: {}]",
        "ENVVAR_STRING": "[env var: {}]",
        "REQUIRED_LONG_STRING": "[required]",
        "ARGUMENTS_PANEL_TITLE": "Arguments",
        "OPTIONS_PANEL_TITLE": "Options",
        "COMMANDS_PANEL_TITLE": "Commands",
        "ERRORS_PANEL_TITLE": "Error",
        "ABORTED_TEXT": "Aborted.",
        "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    }
    for name, english in constants.items():
        if hasattr(module, name):
            setattr(module, name, CATALOG[english])
    if "_" in vars(module):
        vars(module)["_"] = TRANSLATION.gettext


class _RichUtilsHook(importlib.abc.MetaPathFinder):
    """Translates `typer.rich_utils` the moment it is imported, so start-up need not."""

    def find_spec(
        self,
        fullname: str,
        path: typing.Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "typer.rich_utils":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_translate(module: types.ModuleType) -> None:
            exec_module(module)
            _patch_rich_utils(module)

        loader.exec_module = exec_and_translate  # type: ignore[method-assign]
        return spec


_installed = False


def install() -> None:
    """Put the Swedish in place; once per process, cheap (no `rich`, no pydantic)."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer.completion
    import typer.core

    click = _click()
    typer.core._ = TRANSLATION.gettext  # type: ignore[attr-defined]
    click.exceptions.UsageError.show = _usage_error_show
    click.exceptions.ClickException.show = _exception_show

    write_usage = click.formatting.HelpFormatter.write_usage

    def swedish_usage(
        self: typing.Any, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        for english, swedish in USAGE_WORDS:
            args = args.replace(english, swedish)
        write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    click.formatting.HelpFormatter.write_usage = swedish_usage

    get_help_option = click.core.Command.get_help_option

    def swedish_help_option(self: typing.Any, ctx: typing.Any) -> typing.Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    click.core.Command.get_help_option = swedish_help_option

    display_type = typer.core._TyperParameter.display_type

    def swedish_type(self: typing.Any, ctx: typing.Any) -> str:
        shown: str = display_type(self, ctx)
        found = re.fullmatch(r"<(?:list\[)?(\w+)\]?>", shown)
        word = found[1].lower() if found else None
        return f"<{TYPE_WORDS[word]}>" if word in TYPE_WORDS else shown

    typer.core._TyperParameter.display_type = swedish_type  # type: ignore[method-assign]

    for placeholder in (
        typer.completion._install_completion_placeholder_function,
        typer.completion._install_completion_no_auto_placeholder_function,
    ):
        names = placeholder.__code__.co_varnames[: placeholder.__code__.co_argcount]
        for name, info in zip(names, placeholder.__defaults__ or (), strict=False):
            if name in COMPLETION_HELP:
                info.help = COMPLETION_HELP[name]

    if "typer.rich_utils" in sys.modules:
        _patch_rich_utils(sys.modules["typer.rich_utils"])
    else:
        sys.meta_path.insert(0, _RichUtilsHook())
