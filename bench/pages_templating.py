"""What Jinja alone costs for a built site's HTML volume: a lower bound of the pages stage in this design.

    python bench/pages_templating.py SITE [--pages N]

Reads the statement rows of ``N`` project pages of a built site (each ``<tr>``: the property's link,
title and label, the value's text and its first link), renders them again through one autoescaped
Jinja2 template (a row per statement, the value linked when the page linked it), and prints the
processor time per megabyte of HTML that made, beside the site's own HTML volume (every ``.html``
file) and what rendering that volume would take at the same rate on this machine's cores. The
template gets every string ready: no labels worked out, no lookups, no language marks, so its rate is
what the pages stage could reach if all of its own work were free (docs/scaling.md, "What the pages
cost at least").
"""

from __future__ import annotations

import argparse
import os
import time
from html.parser import HTMLParser
from pathlib import Path

import jinja2

TEMPLATE = """<table>
{%- for r in rows %}
<tr><th scope="row"><a href="{{ r.phref }}" title="{{ r.title }}">{{ r.plabel }}</a></th><td>
{%- if r.href %}<a href="{{ r.href }}">{{ r.value }}</a>{% else %}{{ r.value }}{% endif %}</td></tr>
{%- endfor %}
</table>
"""


class _Rows(HTMLParser):
    """The statement rows of one page: property link, title and label; value text and first link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str]] = []
        self._row: dict[str, str] | None = None
        self._cell = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr":
            self._row, self._cell = {"phref": "", "title": "", "plabel": "", "href": "", "value": ""}, ""
        elif self._row is not None and tag in ("th", "td"):
            self._cell = tag
        elif self._row is not None and tag == "a":
            if self._cell == "th" and not self._row["phref"]:
                self._row["phref"], self._row["title"] = a.get("href") or "", a.get("title") or ""
            elif self._cell == "td" and not self._row["href"]:
                self._row["href"] = a.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            if self._row["phref"]:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and self._cell:
            self._row["plabel" if self._cell == "th" else "value"] += data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--pages", type=int, default=100, help="project pages to read rows from (default 100)")
    args = ap.parse_args()
    html = sorted(args.site.rglob("*.html"))
    if not html:
        raise SystemExit(f"{args.site}: no HTML pages (build the site first)")
    volume = sum(p.stat().st_size for p in html)
    sample = sorted((args.site / "project").glob("*.html"))[:args.pages]
    pages = []
    for path in sample:
        parser = _Rows()
        parser.feed(path.read_text(encoding="utf-8"))
        pages.append(parser.rows)
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    rounds, made = 0, 0
    cpu = time.process_time()
    while time.process_time() - cpu < 5.0:  # long enough to time, whatever the sample's size
        for rows in pages:
            made += len(template.render(rows=rows).encode("utf-8"))
        rounds += 1
    spent = time.process_time() - cpu
    rate = made / spent / 1e6
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    statements = sum(map(len, pages))
    print(f"{len(sample)} project pages, {statements:,} statement rows, rendered {rounds} times: "
          f"{made / 1e6:.1f} MB of HTML in {spent:.2f} s of processor time, {rate:.1f} MB/s")
    print(f"the site: {len(html):,} HTML pages, {volume / 1e6:,.1f} MB; at that rate {volume / 1e6 / rate:.1f} s "
          f"of processor time, {volume / 1e6 / rate / cores:.1f} s on {cores} cores")


if __name__ == "__main__":
    main()
