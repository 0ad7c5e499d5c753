"""`styrning site` and `styrning serve`: the static site of the data, and the same served locally.

`serve` builds the site into a temporary folder, serves it on 127.0.0.1 with the
standard library's HTTP server, and polls the data files' modification times from a
thread: a change rebuilds the site and bumps a version that the served pages poll
(`/__version`), so that the open page reloads itself. A broken file never stops it:
its problems are shown on every page.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from styrning.commands.common import (
    AtOption,
    RootOption,
    fail_usage,
    parse_day,
    read_data,
    resolve_root,
    today,
)

if TYPE_CHECKING:
    from styrning.read.loader import Dataset

SiteAsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help=(
            "Dagen data bedöms per, ÅÅÅÅ-MM-DD (standard: i dag, eller dagen i --at). "
            "Exempel: --as-of 2022-04-15"
        ),
        show_default=False,
    ),
]


def build_files(
    root: Path,
    day: dt.date,
    at: str | None,
    *,
    show_problems: bool = False,
    warn: Any = None,
) -> dict[str, str]:
    """Every file of the site for the data under `root`, judged on `day`."""
    from styrning.checks.validation import data_errors
    from styrning.history.git import HistoryError, process_logs
    from styrning.render.site import render_site
    from styrning.views.site import build_site

    dataset, prov = read_data(root, at, day)
    errors = data_errors(dataset, today())
    history: dict[str, Any] | None
    note = None
    try:
        history = process_logs(root, warn or (lambda _m: None), at)
    except HistoryError as exc:
        history, note = None, str(exc)
    site = build_site(dataset, day, prov, history, note, errors, made=today())
    if show_problems:
        site.problems = _problems(root, dataset)
    return render_site(site)


def _problems(root: Path, dataset: Dataset) -> list[Any]:
    """Every problem `validate` finds in the working tree, for `serve` to show."""
    from styrning.checks.validation import validate
    from styrning.commands.common import working_tree

    result = validate(working_tree(root), today())
    return [p for p in result.problems if p.is_error]


def site(
    root: RootOption = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Mappen webbplatsen skrivs till. En mapp med annat innehåll än en tidigare "
                "webbplats skrivs inte över utan --force. Exempel: -o public"
            ),
        ),
    ] = Path("public"),
    as_of: SiteAsOfOption = None,
    at: AtOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Ersätt innehållet i en mapp som inte är en tidigare webbplats."
        ),
    ] = False,
) -> None:
    """En statisk webbplats av data: startsida med status, en sida per process och organ,
    tidslinje, rapporter per halvår, sökning, kalender (.ics) och öppna data (JSON).

    Alla länkar är relativa och inget hämtas från nätet, så mappen fungerar öppnad
    direkt från disk, under en undersökväg på en webbserver och på GitHub/GitLab Pages.
    Sidorna följer WCAG 2.1 AA och har en tillgänglighetsredogörelse. Mappen skrivs
    klar bredvid och byts sedan ut i ett steg. I ett git-arkiv visar varje processida
    sin historik (kräver hela historiken i CI: fetch-depth: 0).

    Exempel: styrning site · styrning site -o public --as-of 2022-04-15 ·
    styrning site -o /mnt/intranat/styrning --force
    """
    from styrning.render.site import MARKER
    from styrning.write.atomic import WriteRefused
    from styrning.write.folder import check_target, write_folder

    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of", at)
    try:
        check_target(output, MARKER, force=force, protect=data_root)
    except WriteRefused as exc:
        fail_usage(str(exc))
    files = build_files(data_root, day, at, warn=lambda m: typer.echo(m, err=True))
    try:
        write_folder(output, files, MARKER, force=force, protect=data_root)
    except WriteRefused as exc:
        fail_usage(str(exc))
    except OSError as exc:
        fail_usage(f"kan inte skriva {output}: {exc.strerror or exc}")
    pages = sum(1 for name in files if name.endswith(".html"))
    typer.echo(f"skrev webbplatsen till {output} ({pages} sidor)", err=True)


# --- serve -----------------------------------------------------------------------------------

RELOAD_JS = """<script>
(function () {
  var seen = null;
  function poll() {
    var r = new XMLHttpRequest();
    r.open("GET", "/__version", true);
    r.onload = function () {
      if (r.status === 200) {
        if (seen !== null && r.responseText !== seen) { window.location.reload(); return; }
        seen = r.responseText;
      }
      setTimeout(poll, 250);
    };
    r.onerror = function () { setTimeout(poll, 1000); };
    r.send();
  }
  poll();
})();
</script>
"""


def data_stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """The name, modification time and size of every data file: what the watcher compares."""
    found = []
    for path in [root / "timeline.yaml"]:
        try:
            st = path.stat()
            found.append((path.name, st.st_mtime_ns, st.st_size))
        except OSError:
            pass
    for dirpath, dirs, names in os.walk(root / "processes"):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")):
                path = Path(dirpath) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(found)


class LiveSite:
    """The site in memory, rebuilt when the data changes, with a version that counts rebuilds."""

    def __init__(self, root: Path, as_of: dt.date | None) -> None:
        self.root = root
        self.as_of = as_of
        self.version = 0
        self.files: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self.stamp: tuple[tuple[str, int, int], ...] = ()
        self.stop = threading.Event()

    def rebuild(self) -> None:
        stamp = data_stamp(self.root)
        day = self.as_of or today()
        try:
            built = build_files(self.root, day, None, show_problems=True)
            files = {name: text.encode("utf-8") for name, text in built.items()}
        except Exception as exc:  # a bug must not stop the server: the page says so
            files = {"index.html": _broken_page(exc).encode("utf-8")}
        with self.lock:
            self.files = files
            self.stamp = stamp
            self.version += 1

    def watch(self, interval: float = 0.1) -> None:
        while not self.stop.wait(interval):
            if data_stamp(self.root) != self.stamp:
                self.rebuild()


def _broken_page(exc: BaseException) -> str:
    from html import escape

    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Fel – styrning serve'
        "</title></head><body><main><h1>Webbplatsen kunde inte byggas</h1><p>"
        + escape(f"{type(exc).__name__}: {exc}")
        + "</p><p>Rätta filen och spara; sidan laddas om av sig själv.</p></main></body></html>"
    )


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
}


def make_server(live: LiveSite, port: int) -> Any:
    """An HTTP server on 127.0.0.1 serving `live`'s files, `/__version` and the reload script."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import unquote, urlsplit

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
            if path == "__version":
                self._send(200, str(live.version).encode(), "text/plain; charset=utf-8")
                return
            with live.lock:
                data = live.files.get(path)
            if data is None:
                self._send(404, b"Sidan finns inte.", "text/plain; charset=utf-8")
                return
            ext = os.path.splitext(path)[1]
            if ext == ".html":
                data = data.replace(b"</body>", RELOAD_JS.encode() + b"</body>", 1)
            self._send(200, data, _TYPES.get(ext, "application/octet-stream"))

        def _send(self, code: int, data: bytes, kind: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def serve(
    root: RootOption = None,
    port: Annotated[
        int,
        typer.Option("--port", "-p", help="Porten på 127.0.0.1. Exempel: --port 8080", min=0),
    ] = 8000,
    as_of: SiteAsOfOption = None,
) -> None:
    """Webbplatsen från en lokal server på 127.0.0.1 som byggs om när en datafil ändras.

    Den öppna sidan laddas om av sig själv efter varje ändring. En fil med fel
    stoppar inte servern: felen visas överst på varje sida tills de är rättade.
    Avsluta med Ctrl-C.

    Exempel: styrning serve · styrning serve --port 8080
    """
    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of") if as_of is not None else None
    live = LiveSite(data_root, day)
    live.rebuild()
    try:
        server = make_server(live, port)
    except OSError as exc:
        fail_usage(
            f"kan inte lyssna på 127.0.0.1:{port}: {exc.strerror or exc} – "
            "välj en annan port med --port"
        )
    watcher = threading.Thread(target=live.watch, daemon=True)
    watcher.start()
    host, bound = server.server_address[:2]
    typer.echo(f"webbplatsen visas på http://{host}:{bound}/ – avsluta med Ctrl-C", err=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        live.stop.set()
        server.server_close()
