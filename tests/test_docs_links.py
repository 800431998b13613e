"""Every relative link of the Markdown pages resolves: to a file or folder of the repository, and a
`#anchor` to a heading of the Markdown page it names (as GitHub makes heading anchors) or to a line
(`#L12`, `#L12-L20`) of another file.

Links are read as Markdown reads them: inline (`[text](path)`, `[text](<path>)`), reference
definitions (`[name]: path`) and HTML `href`/`src`; a link inside a code block or a code span is text,
not a link. Only addresses with a scheme (`https:`, `mailto:`) are not checked here.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[`~]*[ \t]*$", flags=re.S | re.M)
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", flags=re.S)
TARGETS = (
    re.compile(r"\]\(\s*<([^>\n]*)>"),                     # [text](<path with spaces>)
    re.compile(r"\]\(\s*([^)<\s]+)"),                      # [text](path) and [text](path "title")
    re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", flags=re.M),  # [name]: path
    re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']"""),      # <a href="path">
)


def pages() -> list[Path]:
    """The Markdown pages people read: the top-level ones, docs/, and every README of the tree."""
    found = {ROOT / "README.md", ROOT / "SECURITY.md", *(ROOT / "docs").glob("*.md")}
    for folder in ("bench", "data", "docs", "ontology", "queries", "shapes", "src", "tests"):
        found.update((ROOT / folder).rglob("*.md"))
    return sorted(found)


def without_code(text: str) -> str:
    return CODE_SPAN.sub("", FENCE.sub("", text))


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: the text as rendered (link targets, tags and code marks
    dropped), lower case, punctuation other than `-` and `_` dropped, each space a hyphen."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings, a repeated one numbered `-1`, `-2`, … as GitHub does."""
    seen: collections.Counter[str] = collections.Counter()
    found = set()
    for heading in re.findall(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", FENCE.sub("", page.read_text("utf-8")),
                              flags=re.M):
        name = slug(heading)
        found.add(f"{name}-{seen[name]}" if seen[name] else name)
        seen[name] += 1
    return found


def links(page: Path) -> list[str]:
    text = without_code(page.read_text(encoding="utf-8"))
    return [target for pattern in TARGETS for target in pattern.findall(text)]


def dead_links(page: Path) -> tuple[int, list[str]]:
    """How many relative links the page holds, and those that do not resolve."""
    checked, dead = 0, []
    for target in links(page):
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
            continue  # an address with a scheme: another site's, not a file of this repository
        checked += 1
        path, _, anchor = target.partition("#")
        linked = (page.parent / path) if path else page
        if not linked.exists():
            dead.append(f"{target} (no such file)")
        elif anchor and linked.suffix == ".md":
            if anchor not in anchors(linked):
                dead.append(f"{target} (no such heading)")
        elif anchor:
            lines = re.fullmatch(r"L(\d+)(?:-L(\d+))?", anchor)
            count = len(linked.read_text(encoding="utf-8").splitlines()) if linked.is_file() else 0
            if not lines or any(int(n) > count for n in lines.groups() if n):
                dead.append(f"{target} (no such line)")
    return checked, dead


def test_every_relative_link_of_the_docs_resolves() -> None:
    dead, checked = [], 0
    for page in pages():
        count, broken = dead_links(page)
        checked += count
        dead += [f"{page.relative_to(ROOT)}: {target}" for target in broken]
    assert checked >= 80, f"only {checked} relative links found: is the link pattern still right?"
    assert not dead, dead


def test_a_broken_link_fails_and_code_is_not_a_link(tmp_path: Path) -> None:
    """The check itself: each kind of broken link is found, and nothing in code is taken for a link."""
    (tmp_path / "other.md").write_text("# Other page\n\n## Usage\n\n## Usage\n", encoding="utf-8")
    (tmp_path / "code.py").write_text("a = 1\nb = 2\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Title: the `page` — here\n\n"
        "[ok](other.md) [ok](other.md#usage) [ok](other.md#usage-1) [ok](#title-the-page--here)\n"
        "[ok](<other.md>) [ok](code.py#L2) [ok](https://example.org/missing) <a href=\"other.md\">ok</a>\n"
        "[gone](missing.md) [gone](other.md#usage-2) [gone](#nowhere) [gone](code.py#L3) [gone](<no such.md>)\n"
        "[ref]: missing-ref.md\n<img src=\"missing.png\">\n"
        "`[code](missing-in-span.md)`\n\n```\n[code](missing-in-block.md)\n# not a heading\n```\n",
        encoding="utf-8")
    checked, dead = dead_links(page)
    assert sorted(dead) == sorted([
        "missing.md (no such file)", "other.md#usage-2 (no such heading)", "#nowhere (no such heading)",
        "code.py#L3 (no such line)", "no such.md (no such file)", "missing-ref.md (no such file)",
        "missing.png (no such file)"])
    assert checked == 14
    assert "not-a-heading" not in anchors(page)
