"""What `styrning init` and `styrning new` write: a data repository and new process files.

Only texts and names here; the commands write them with `writes.write_file`.
Every data file starts with the line that tells editors where its schema is.
The templates hold no facts: the organisation's name comes from the user, the
bodies are the ones every Swedish municipality has, and everything else is a
commented example to fill in or delete.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping

from styrning.core.model import SLUG, ProcessStatus, ProcessType
from styrning.core.schema import FILES, SchemaKind, modeline, render

SLUG_MAX = 60

# Swedish letters first (å is not "a with something" to a Swede, but a slug has no room
# for it); then any other accent by Unicode decomposition: é → e, ü → u.
_LETTERS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss"})


def slugify(title: str, max_length: int = SLUG_MAX) -> str:
    """The id made from a title: `Program för social hållbarhet` → `program-for-social-hallbarhet`.

    Lowercase a–z and digits joined by single hyphens, at most `max_length`
    characters, cut at a word boundary where there is one. Empty when the title
    has no letter or digit at all.
    """
    text = title.lower().translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
        slug = slug[:max_length].strip("-")
    return slug


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as exactly that text (plain where safe).

    Plain only when both YAML 1.2 (styrning, editors) and YAML 1.1 (PyYAML and many
    other tools) read it back unchanged, so `NO` is written "NO".
    """
    import yaml

    from styrning.read.source import parse

    line = f"k: {value}\n"
    parsed = parse("t.yaml", line.encode())
    if "\n" not in value and not parsed.problems and parsed.data == {"k": value}:
        try:
            if yaml.safe_load(line) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    # a JSON string is a YAML double-quoted scalar; YAML also wants the characters it
    # does not allow raw in a file (DEL, C1 controls ...) escaped
    return "".join(
        c if _printable(c) else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
        for c in json.dumps(value, ensure_ascii=False)
    )


def _printable(c: str) -> bool:
    """YAML 1.2's printable characters (§5.1), less the line breaks quoted text would fold."""
    o = ord(c)
    return (
        0x20 <= o <= 0x7E
        or (0xA0 <= o <= 0xD7FF and o not in (0x2028, 0x2029))
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


def process_file(kind: ProcessType, title: str, schema_path: str) -> str:
    """A new process file of `kind`: valid at once, with the usual keys as comments."""
    status = ProcessStatus.EJ_PABORJAD if kind is ProcessType.UPPDRAG else ProcessStatus.UTKAST
    head = (
        modeline(schema_path)
        + f"typ: {kind.value}\n"
        + f"titel: {yaml_text(title)}\n"
        + f"status: {status.value}\n"
        + "# Fyll i det som är känt och ta bort resten. Redigeraren förklarar nycklarna;\n"
        + "# styrning validate säger vad som är fel och styrning explain KOD hur det rättas.\n"
    )
    body = _ASSIGNMENT if kind is ProcessType.UPPDRAG else _DOCUMENT
    return head + body


_ASSIGNMENT = """\
# uppdragsgivare: [ks]
# ansvarig: stadsledningskontoret
# syfte: >-
#   Syftet är att ...
# omfattning: Uppdraget handlar om ...
# avgränsning:
#   - ...
# huvudfokus:
#   - ...
# faser:
#   - namn: Fas I – ...
#   - namn: Fas II – ...
# händelser:
#   - datum: 2022-03        # år, år-månad eller dag
#     typ: uppdrag
#     organ: ks
#     rubrik: KS ger uppdraget
"""

_DOCUMENT = """\
# ansvarig: stadsledningskontoret
# beskrivning: Vad dokumentet styr.
# ersätter: [tidigare-dokument]
# diarienummer: KS 2022/00123
# giltighet: tills vidare
# händelser:
#   - datum: 2022-03
#     typ: remiss
#   - datum: 2022-06
#     typ: beslut
#     organ: kf
#     planerad: true      # tills beslutet är fattat
"""


def timeline_file(organisation: str) -> str:
    return modeline(FILES[SchemaKind.timeline]) + _TIMELINE.format(
        organisation=yaml_text(organisation)
    )


_TIMELINE = """\
# Organisationen, dess organ och daterade händelser som inte hör till en enskild process.
# Organens id används i processfilerna (organ, uppdragsgivare, ansvarig). Ändra och lägg till.
organisation: {organisation}

organ:
  - id: kf
    namn: Kommunfullmäktige
    kortnamn: KF
  - id: ks
    namn: Kommunstyrelsen
    kortnamn: KS
  - id: styrberedningen
    namn: Styrberedningen
    under: ks

# kontakt:
#   - namn: ...
#     epost: ...

# händelser:
#   - datum: 2019-04
#     typ: inrättande
#     organ: ks
#     rubrik: KS inrättar en varaktig styrberedning
"""


# styrning is not published on a package index: CI installs it from its git repository.
# When that is not known, the CI files hold this instead, which pip refuses at once
# ("Invalid requirement") and which no package on an index can ever be named.
REQUIREMENT_PLACEHOLDER = (
    "<ange var styrning hämtas, som styrning @ git+https://…/styrning.git@commit>"
)


def pip_requirement(direct_url: Mapping[str, object] | None) -> str:
    """How CI installs the same styrning: from its git repository and commit when known.

    `direct_url` is the installed distribution's PEP 610 record, if any.
    """
    source = git_source(direct_url)
    if source is not None:
        url, commit = source
        return f"styrning @ git+{url}@{commit}"
    return REQUIREMENT_PLACEHOLDER


def git_source(direct_url: Mapping[str, object] | None) -> tuple[str, str] | None:
    """The git repository and commit styrning was installed from, if it was."""
    if direct_url:
        vcs = direct_url.get("vcs_info")
        url = direct_url.get("url")
        if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str):
            commit = vcs.get("commit_id")
            if isinstance(commit, str):
                return url, commit
    return None


def precommit_config(source: tuple[str, str] | None) -> str:
    """`.pre-commit-config.yaml`: the styrning-validate hook."""
    if source is not None:
        url, commit = source
        return _PRECOMMIT_REMOTE.format(url=url, rev=commit)
    return _PRECOMMIT_LOCAL


_PRECOMMIT_REMOTE = """\
# Kör styrning validate före varje commit: pip install pre-commit && pre-commit install
repos:
  - repo: {url}
    rev: {rev}
    hooks:
      - id: styrning-validate
"""

_PRECOMMIT_LOCAL = """\
# Kör styrning validate före varje commit: pip install pre-commit && pre-commit install
# Kroken använder den styrning som är installerad i miljön. Med styrnings git-förråd
# som källa i stället: repo: <förrådets adress>, rev: <tagg>, id: styrning-validate.
repos:
  - repo: local
    hooks:
      - id: styrning-validate
        name: styrning validate
        entry: styrning validate
        language: system
        pass_filenames: false
        require_serial: true
        always_run: true
"""


def github_workflow(requirement: str) -> str:
    return _GITHUB.replace("{requirement}", requirement)


_GITHUB = """\
# Kontrollerar data vid varje push och pull request. Felen visas vid raderna i
# pull requesten och hela listan i jobbets sammanfattning.
name: styrning
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # styrning installeras från sitt git-förråd (det finns inte i något paketindex).
      - run: pip install "{requirement}"
      - run: styrning validate
  # Webbplatsen (styrning site) på GitHub Pages efter varje push till huvudgrenen.
  # Slå på Pages med källan "GitHub Actions" under Settings → Pages.
  site:
    needs: validate
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deploy.outputs.page_url }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # hela historiken: varje processida visar vem som ändrat vad
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "{requirement}"
      - run: styrning site -o public
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - id: deploy
        uses: actions/deploy-pages@v4
"""


def gitlab_ci(requirement: str) -> str:
    return _GITLAB.replace("{requirement}", requirement)


_GITLAB = """\
# Kontrollerar data i varje pipeline. Felen visas i merge requesten (Code Quality)
# och som testfall per fil (Tests); jobbet misslyckas när data har fel.
styrning:
  image: python:3.12-slim
  variables:
    STYRNING: "{requirement}"
  before_script:
    # styrning installeras från sitt git-förråd (det finns inte i något paketindex),
    # och pip behöver git för det, som inte finns i python:3.12-slim.
    - apt-get update -qq && apt-get install -y -qq --no-install-recommends git
    - pip install "$STYRNING"
  script:
    - styrning validate --format gitlab > gl-code-quality-report.json || true
    - styrning validate --format junit > styrning-junit.xml || true
    - styrning validate
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
      junit: styrning-junit.xml

# Webbplatsen (styrning site) på GitLab Pages efter varje push till huvudgrenen.
pages:
  stage: deploy
  image: python:3.12-slim
  variables:
    STYRNING: "{requirement}"
    GIT_DEPTH: "0"  # hela historiken: varje processida visar vem som ändrat vad
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  before_script:
    - apt-get update -qq && apt-get install -y -qq --no-install-recommends git
    - pip install "$STYRNING"
  script:
    - styrning site -o public
  artifacts:
    paths:
      - public
"""

README = """\
# {organisation}: styrning

Styrberedningens uppdrag och styrdokument som data. Varje process är en fil under
`processes/` (en mapp per typ); organisationen och dess organ står i `timeline.yaml`.

- Ny process: `styrning new uppdrag "Titel på uppdraget"` (eller riktlinje, program, policy ...).
- Kontrollera: `styrning validate` – varje fel med fil, rad och kod; `styrning explain KOD`
  förklarar koden.
- Läge i dag: `styrning status`.

Öppna mappen i VS Code med tillägget YAML (Red Hat): första raden i varje fil pekar ut
schemat i `schema/`, så redigeraren föreslår nycklar och förklarar dem.

Före varje commit: `pip install pre-commit && pre-commit install`. I GitHub och GitLab
körs kontrollen av `.github/workflows/styrning.yml` och `.gitlab-ci.yml`, som också
publicerar webbplatsen (`styrning site`) på Pages efter varje push till huvudgrenen.
"""


def repository_files(organisation: str, direct_url: Mapping[str, object] | None) -> dict[str, str]:
    """Every file of a new data repository, by path relative to its root."""
    requirement = pip_requirement(direct_url)
    files = {
        "timeline.yaml": timeline_file(organisation),
        "README.md": README.format(organisation=organisation),
        ".pre-commit-config.yaml": precommit_config(git_source(direct_url)),
        ".github/workflows/styrning.yml": github_workflow(requirement),
        ".gitlab-ci.yml": gitlab_ci(requirement),
        FILES[SchemaKind.process]: render(SchemaKind.process),
        FILES[SchemaKind.timeline]: render(SchemaKind.timeline),
    }
    for kind in ProcessType:
        files[f"processes/{kind.folder}/.gitkeep"] = ""
    return files


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None
