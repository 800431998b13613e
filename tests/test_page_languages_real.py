"""What a reader whose language is French or Spanish gets from real publishers' files: text in another
language than the page's interface text is inside an element with its ``lang`` (WCAG 3.1.2)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aidlod.build import build
from test_iati_import_quirks import _file, _import

# Global Affairs Canada's activity CA-3-D002451001 (iati-data-access/iati-flattener
# iatiflattener/tests/fixtures/canada-activity.xml at dd3752c73fd4556934d5358c76aee2833168225c), cut to its
# names in French and English, two sectors, a policy marker of its own vocabulary and two of the OECD DAC's
# (PolicySignificance has no French or Spanish names: "significant objective"), a contact, one
# commitment and its two document links (titled "Description" in English and in French).
CANADA = ('<iati-activity default-currency="CAD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
          'CA-3-D002451001</iati-identifier><reporting-org ref="CA-3" type="10"><narrative xml:lang="FR">Affaires '
          '&#xE9;trang&#xE8;res, Commerce et D&#xE9;veloppement Canada (MAECD)</narrative><narrative xml:lang="EN">'
          'Foreign Affairs, Trade and Development Canada (DFATD)</narrative></reporting-org><title><narrative '
          'xml:lang="FR">Partenariats pour l&#x2019;innovation municipale au service du d&#xE9;veloppement '
          '&#xE9;conomique local</narrative><narrative xml:lang="EN">Partnerships for Municipal Innovation in Local '
          'Economic Development</narrative></title><description type="1"><narrative xml:lang="FR">Le projet appuie '
          'le renforcement des capacit&#xE9;s de gouvernance des gouvernements locaux de sept pays.</narrative>'
          '<narrative xml:lang="EN">The project supports strengthening the governance capacities of local '
          'governments in seven countries.</narrative></description><participating-org ref="CA" role="1" '
          'type="10"><narrative xml:lang="EN">Canada</narrative><narrative xml:lang="FR">Canada</narrative>'
          '</participating-org><participating-org crs-channel-code="11000" ref="CA-CRA_ACR-2118913938" role="4" '
          'type="10"><narrative xml:lang="EN">Federation of Canadian Municipalities</narrative><narrative '
          'xml:lang="FR">F&#xE9;d&#xE9;ration canadienne des municipalit&#xE9;s</narrative></participating-org>'
          '<activity-status code="2"/><activity-date iso-date="2016-01-20" type="2"/><contact-info type="1">'
          '<organisation><narrative xml:lang="FR">Affaires &#xE9;trang&#xE8;res, Commerce et D&#xE9;veloppement '
          'Canada (MAECD)</narrative><narrative xml:lang="EN">Foreign Affairs, Trade and Development Canada (DFATD)'
          '</narrative></organisation><email>info@international.gc.ca</email></contact-info><recipient-country '
          'code="BF" percentage="50"/><recipient-country code="BO" percentage="50"/><sector code="15112" '
          'percentage="60" vocabulary="1"/><sector code="25010" percentage="40" vocabulary="1"/><policy-marker '
          'code="8" significance="1" vocabulary="99" vocabulary-uri="https://www.international.gc.ca/department-'
          'ministere/open_data-donnees_ouvertes/dev/data_field_definitions-definitions_champs_donnees.aspx?lang=eng'
          '#a2"><narrative xml:lang="FR">Questions urbaines</narrative><narrative xml:lang="EN">Urban issues'
          '</narrative></policy-marker><policy-marker code="1" significance="1" vocabulary="1"/><policy-marker '
          'code="3" significance="2" vocabulary="1"/><collaboration-type code="1"/><default-finance-type code="110"/>'
          '<transaction><transaction-type code="2"/><transaction-date iso-date="2016-01-20"/><value currency="CAD" '
          'value-date="2016-01-20">19570705</value><flow-type code="10"/></transaction><document-link '
          'format="TEXT/HTML" url="http://w05.international.gc.ca/projectbrowser-banqueprojets/project-projet/'
          'details/D002451001?Lang=eng"><title><narrative xml:lang="EN">Description</narrative></title><category '
          'code="A02"/><language code="EN"/></document-link><document-link format="TEXT/HTML" url="http://w05.'
          'international.gc.ca/projectbrowser-banqueprojets/project-projet/details/D002451001?Lang=fra"><title>'
          '<narrative xml:lang="FR">Description</narrative></title><category code="A02"/><language code="FR"/>'
          '</document-link></iati-activity>')

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Texts(HTMLParser):
    """Every text node of a page with the ``lang`` of its nearest element that has one (the SVG's
    ``<title>`` and the page's ``<title>`` left out: neither can mark a part of its text)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(t in ("script", "style", "title") for t, _l in self.stack):
            self.found.append((data.strip(), next((lang for _t, lang in reversed(self.stack) if lang), None)))


def texts(page: Path) -> list[tuple[str, str | None]]:
    parser = _Texts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("canada")
    data, _lines = _import(tmp, _file(CANADA))
    dataset = data / "dataset.yaml"
    dataset.write_text(re.sub(r"languages:\n(- .*\n)+", "languages:\n- fr\n- es\n- en\n",
                              dataset.read_text(encoding="utf-8")), encoding="utf-8")
    build(data, tmp / "site")
    return tmp / "site"


# Texts only English gives: the names PolicySignificance, ContactType, OrganisationRole and (for Spanish) Sector
# have in IATI's codelists, and the publisher's English names where it gives no Spanish one.
ENGLISH_ONLY = {
    "fr": ["significant objective", "principal objective", "General Enquiries"],
    "es": ["significant objective", "principal objective", "General Enquiries", "Decentralisation and support",
           "Business policy and administration", "Partnerships for Municipal Innovation",
           "IATI activities of Foreign Affairs", "Federation of Canadian Municipalities", "Funding",
           "Implementing", "Policy Significance"],
}


# Whole pages of the site, each text node that holds a name only English gives: inside an element marked
# lang="en". "Marqueur de politique: 1 – Egalité des genres · significant objective" was one text in the
# page's language, PolicySignificance's English name unmarked; on Spanish pages the English sector names
# inside "15112 – … (60 %)", the site's name in the header, the front page's description and caption, a
# codelist's table of codes and the list of codelists were too.
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_text_only_english_gives_is_marked_english_on_whole_pages(site: Path, lang: str) -> None:
    pages = [site / f"project/d002451001.{lang}.html", site / f"index.{lang}.html", site / f"codelists.{lang}.html",
             site / f"codelist/PolicySignificance.{lang}.html", site / f"codelist/Sector/15112.{lang}.html",
             site / f"organisation/ca.{lang}.html", site / f"country/bf.{lang}.html"]
    unmarked, seen = [], set()
    for page in pages:
        for text, said in texts(page):
            for english in ENGLISH_ONLY[lang]:
                if english in text:
                    seen.add(english)
                    if said != "en":
                        unmarked.append((page.name, text, said))
    assert not unmarked
    assert seen == set(ENGLISH_ONLY[lang])


# The first document link, titled "Description" in English only: its label on the French page was marked
# lang="en" whole, "Lien vers un document" (the interface's words) with it. Now the words are French.
def test_the_interface_words_of_a_label_around_an_english_title_stay_french(site: Path) -> None:
    found = texts(site / "project/d002451001.fr.html")
    assert ("Lien vers un document:", "fr") in found
    assert ("Lien vers un document: Description", "en") not in found
    assert ("Description", "en") in found


# A link to a part of another document ("title › part"), from the sector's page: the English title is marked
# English, the Spanish words of the page are not, the English sector name is.
def test_a_reference_to_a_part_marks_each_name_with_its_language(site: Path) -> None:
    page = (site / "codelist/Sector/15112.es.html").read_text(encoding="utf-8")
    assert ('<span lang="en">Partnerships for Municipal Innovation in Local Economic Development</span> › '
            '<span lang="en">15112 – Decentralisation and support to subnational government</span> (60 %)') in page


# The charts' bars are labelled with the sector's English name on a Spanish page: the SVG label says so too.
def test_a_chart_bar_labelled_in_english_says_so(site: Path) -> None:
    page = (site / "country/bf.es.html").read_text(encoding="utf-8")
    assert re.search(r'<text class="bar-label"[^>]* lang="en">(<title>[^<]*</title>)?15112 – Decentrali', page)
    # the French names IATI gives are French on the French page, not marked
    french = (site / "country/bf.fr.html").read_text(encoding="utf-8")
    assert not re.search(r'<text class="bar-label"[^>]* lang="en">(<title>[^<]*</title>)?15112', french)


# The World Health Organization's activity in Brazil (okfn/okfn_iati data-samples/xml/who-bra.xml at
# 0e4e1846db4e0f3ac6165dd50086373d405b2648), cut to its English title and its commitment, which the import
# makes a grant: "Subvention de 169 512,78 USD – {the title}" on a French page, one text in the page's
# language, the English title unmarked in the grant page's heading and in the links to it.
WHO_BRAZIL = ('<iati-activity xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-928-BR-2016-17-01.002.'
              'AM01.BRA01</iati-identifier><reporting-org ref="XM-DAC-928" type="40"><narrative xml:lang="en">World '
              'Health Organization</narrative></reporting-org><title><narrative xml:lang="en">Worldwide adaptation '
              'and implementation of the global strategy and targets for tuberculosis prevention, care and control '
              'after 2015 as adopted in resolution WHA67.1</narrative></title><activity-status code="4"/>'
              '<activity-date type="1" iso-date="2016-01-01"/><recipient-country code="BR" percentage="100"/>'
              '<transaction><transaction-type code="2"/><transaction-date iso-date="2016-01-01"/><value '
              'currency="USD" value-date="2016-01-01">169512.7800000000</value><provider-org ref="XM-DAC-928" '
              'type="40"><narrative xml:lang="en">World Health Organization</narrative></provider-org></transaction>'
              '</iati-activity>')


def test_a_grants_label_marks_the_english_title_of_its_project_on_a_french_page(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WHO_BRAZIL))
    dataset = data / "dataset.yaml"
    dataset.write_text(re.sub(r"languages:\n(- .*\n)+", "languages:\n- fr\n- en\n",
                              dataset.read_text(encoding="utf-8")), encoding="utf-8")
    site = tmp_path / "site"
    build(data, site)
    title = "Worldwide adaptation and implementation of the global strategy"
    grants = sorted((site / "grant").glob("*.fr.html"))
    assert len(grants) == 1
    for page in [*grants, site / "organisation/xm-dac-928.fr.html"]:
        found = [(text, said) for text, said in texts(page) if title in text or text.startswith("Subvention de")]
        assert found, page
        assert all(said == ("en" if title in text else "fr") for text, said in found), (page, found)
