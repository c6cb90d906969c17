"""What ships and how it installs: a licence for the code and one for every data file, extras that
hold what their names say, and the README's test command the same as CI's."""

import fnmatch
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "korrektor" / "data"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: the files in data/ that are notices, not data
NOTICES = {"NOTICE.md", "PROVENANCE.md"}
TEST_TOOLS = {"pytest", "hypothesis", "httpx", "playwright"}


def _notice_rows() -> list[tuple[list[str], str]]:
    """(file patterns, licence) of each row of the table in data/NOTICE.md."""
    rows = []
    for line in (DATA / "NOTICE.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and "`" in cells[0]:
            rows.append((re.findall(r"`([^`]+)`", cells[0]), cells[2]))
    return rows


def test_the_code_has_a_licence_and_says_where_the_data_licences_are():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert "data/NOTICE.md" in licence


def test_every_shipped_data_file_has_a_licence():
    rows = _notice_rows()
    assert rows
    for path in DATA.iterdir():
        if path.name in NOTICES or path.name.startswith("LICENSE-"):
            continue
        licences = [licence for patterns, licence in rows if any(fnmatch.fnmatch(path.name, p) for p in patterns)]
        assert licences, f"data/{path.name} is not named in data/NOTICE.md"


def test_a_licence_a_notice_names_ships_with_its_text():
    for patterns, licence in _notice_rows():
        for text in re.findall(r"`(LICENSE-[^`]+)`", licence):
            assert (DATA / text).is_file(), f"{text} is named in data/NOTICE.md but not shipped"
    assert any("GPL" in licence for _, licence in _notice_rows()), "the GPL-derived word lists say so"


def test_extras_for_running_korrektor_install_no_test_tools():
    extras = PYPROJECT["project"]["optional-dependencies"]
    for name, requirements in extras.items():
        if name == "test":
            continue
        names = {re.match(r"[A-Za-z0-9_.-]+", r).group().lower() for r in requirements}
        assert not names & TEST_TOOLS, f"the {name!r} extra installs test tools: {names & TEST_TOOLS}"
    assert TEST_TOOLS <= {re.match(r"[A-Za-z0-9_.-]+", r).group().lower() for r in extras["test"]}


def _extras(command: str) -> set[str]:
    match = re.search(r"pip install[^\n]*?-e '\.\[([\w,]+)\]'", command)
    assert match, command
    return set(match.group(1).split(","))


def test_the_readme_test_command_installs_what_ci_installs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "python3 -m pytest" in line)
    assert _extras(command) == _extras(ci)
    assert set(PYPROJECT["project"]["optional-dependencies"]) == _extras(ci), "every extra is tested"


def test_user_docs_name_no_developer_paths():
    # the README and docs/ are read by users, who have neither the developers' work-data folder
    # nor the shared development data beside the repository
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for path in ("/work/", "../shared", "work-data"):
            assert path not in text, f"{doc.relative_to(ROOT)} names {path!r}"
