"""``bench/pages_templating.py``: the statement rows it reads from a built page are the page's own, and
the rows rendered again carry the same property links and values (so its rate is for the same content)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import jinja2
from markupsafe import escape

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_pages_templating", ROOT / "bench" / "pages_templating.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rows_read_from_a_project_page_render_again_with_its_links_and_texts(seed_site: Path) -> None:
    script = _script()
    page = seed_site / "project" / "poland-return-of-victims.en.html"
    text = page.read_text(encoding="utf-8")
    parser = script._Rows()
    parser.feed(text)
    rows = parser.rows
    # every statement row of the page (a property link in its header cell) is read, none invented
    assert len(rows) == len(re.findall(r'<th scope="row"><a href=', text)) > 10
    assert any(r["title"] == "schema:name" and "Poland" in r["value"] for r in rows)
    again = jinja2.Environment(autoescape=True).from_string(script.TEMPLATE).render(rows=rows)
    for r in rows:
        assert f'href="{escape(r["phref"])}"' in again
        assert str(escape(r["value"])) in again
