"""Licences named as publishers name them: by their SPDX identifier (``CC-BY-4.0``, ``NLOD-2.0``) as well
as by their address, and each open licence's code at the EU licence authority, which DCAT-AP-NO requires
of a catalog. One table, read by the records' check, the IATI import's ``--licence`` and the catalog.
"""

from __future__ import annotations

import re

EU = "http://publications.europa.eu/resource/authority/"

# Creative Commons' licences as SPDX names them (CC-BY-SA-4.0): the licence's address is made by rule
# (by-nc-nd 1.0 was published as by-nd-nc, so it is left out).
_CC_SPDX = re.compile(r"CC-(BY|BY-SA|BY-NC|BY-ND|BY-NC-SA|BY-NC-ND)-(1\.0|2\.0|2\.5|3\.0|4\.0)")

# The other open-data licences' SPDX identifiers (upper case, as compared) → their own addresses.
_SPDX = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODBL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "ODC-BY-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
    "OGL-UK-1.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/1/",
    "OGL-UK-2.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/",
    "OGL-UK-3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "OGL-CANADA-2.0": "https://open.canada.ca/en/open-government-licence-canada",
    "NLOD-1.0": "https://data.norge.no/nlod/en/1.0",
    "NLOD-2.0": "https://data.norge.no/nlod/en/2.0",
    "DL-DE-BY-2.0": "https://www.govdata.de/dl-de/by-2-0",
    "DL-DE-ZERO-2.0": "https://www.govdata.de/dl-de/zero-2-0",
}

# Names of a licence family without its version (the IATI Registry's "cc-by", "odc-odbl"): which
# version is meant cannot be told, so the message asks for it.
_UNVERSIONED = re.compile(r"(CC|ODC|OGL|NLOD|DL-DE|ODBL|PDDL|CC0)([- _].*)?")


def by_identifier(text: str) -> str | None:
    """The address of the licence whose SPDX identifier ``text`` is (any letter case, spaces around
    it aside); None when it is none of those aidlod knows."""
    key = text.strip().upper()
    if (m := _CC_SPDX.fullmatch(key)) and key != "CC-BY-NC-ND-1.0":
        return f"https://creativecommons.org/licenses/{m.group(1).lower()}/{m.group(2)}/"
    return _SPDX.get(key)


def resolve(text: str) -> str:
    """``text`` as a licence's address: an SPDX identifier's address, else ``text`` as given (an IRI,
    or a mistake the records' check then names)."""
    return by_identifier(text) or text


def unknown(text: str, shown: str) -> str:
    """Why ``text`` (neither an http(s) IRI nor a known SPDX identifier) is no licence, and what to write;
    ``shown``: ``text`` as the message quotes it (escaped for the console)."""
    if _UNVERSIONED.fullmatch(text.strip().upper()) and not by_identifier(text):
        return (f"{shown} names no licence version: write its SPDX identifier with the version (CC-BY-4.0, "
                "CC0-1.0, ODbL-1.0, NLOD-2.0, ...) or the licence's IRI")
    return (f"{shown} is neither an http(s) IRI nor an SPDX licence identifier aidlod knows (CC-BY-4.0, "
            "CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, ODC-By-1.0, PDDL-1.0, OGL-UK-3.0, NLOD-2.0, DL-DE-BY-2.0, ...): "
            "give the licence's IRI")


# The licences' own addresses (scheme, "www.", a final "/", "legalcode" and "deed.xx" aside) for which
# the EU licence authority has a code; Creative Commons' unported licences follow the rule in
# eu_licence (by-sa/4.0 → CC_BYSA_4_0).
_EU_LICENCES = {
    "creativecommons.org/publicdomain/zero/1.0": "CC0",
    "creativecommons.org/publicdomain/mark/1.0": "CC_PDM_1_0",
    **{f"opendatacommons.org/licenses/{name}{version}": code
       for name, code in (("by", "ODC_BY"), ("odbl", "ODC_BL"), ("pddl", "ODC_PDDL"))
       for version in ("", "/1.0", "/1-0")},
    "nationalarchives.gov.uk/doc/open-government-licence/version/3": "OGL_3_0",
    "data.norge.no/nlod/no/2.0": "NLOD_2_0",
    "data.norge.no/nlod/en/2.0": "NLOD_2_0",
}
_CC_LICENCE = re.compile(r"creativecommons\.org/licenses/(by|by-sa|by-nc|by-nd|by-nc-sa|by-nc-nd)/"
                         r"(1\.0|2\.0|2\.5|3\.0|4\.0)")


def eu_licence(licence: str) -> str | None:
    """The EU licence authority's IRI of a licence given by its own address (Creative Commons, Open
    Data Commons, OGL, NLOD), the only licence IRIs DCAT-AP-NO accepts; itself when it is one; None
    for a licence the authority does not list."""
    text = str(licence)
    if text.startswith(EU + "licence/"):
        return text
    key = re.sub(r"^https?://(www\.)?", "", text.strip())
    key = re.sub(r"/(legalcode(\.[a-z-]+)?|deed\.[A-Za-z-]+)?/?$", "", key)
    if code := _EU_LICENCES.get(key):
        return f"{EU}licence/{code}"
    if m := _CC_LICENCE.fullmatch(key):
        return f"{EU}licence/CC_{m.group(1).upper().replace('-', '')}_{m.group(2).replace('.', '_')}"
    return None
