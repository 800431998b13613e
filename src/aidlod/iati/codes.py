"""Which IATI codelist each coded attribute draws from, and a check that every code is active.

An aggregator rejects or misreads a withdrawn or unknown code, so the tests check every code aidlod
writes against the vendored codelist XML — and that no coded attribute escapes this table.
"""

from __future__ import annotations

from lxml import etree

from .. import codelists

# (XPath from the root element, codelist) for every coded attribute aidlod writes.
CODED: list[tuple[str, str]] = [
    ("iati-activity/@default-currency", "Currency"),
    ("iati-activity/reporting-org/@type", "OrganisationType"),
    ("iati-activity/description/@type", "DescriptionType"),
    ("iati-activity/participating-org/@role", "OrganisationRole"),
    ("iati-activity/participating-org/@type", "OrganisationType"),
    ("iati-activity/activity-status/@code", "ActivityStatus"),
    ("iati-activity/activity-date/@type", "ActivityDateType"),
    ("iati-activity/recipient-country/@code", "Country"),
    ("iati-activity/sector/@vocabulary", "SectorVocabulary"),
    ("iati-activity/sector[@vocabulary='1']/@code", "Sector"),
    ("iati-activity/sector[@vocabulary='2']/@code", "SectorCategory"),
    ("iati-activity/sector[@vocabulary='7']/@code", "UNSDG-Goals"),
    ("iati-activity/tag[@vocabulary='2']/@code", "UNSDG-Goals"),
    ("iati-activity/sector[@vocabulary='8']/@code", "UNSDG-Targets"),
    ("iati-activity/sector[@vocabulary='10']/@code", "HumanitarianGlobalClusters"),
    ("iati-activity/tag[@vocabulary='3']/@code", "UNSDG-Targets"),
    ("iati-activity/default-aid-type[@vocabulary='2']/@code", "EarmarkingCategory"),
    ("iati-activity/default-aid-type[@vocabulary='4']/@code", "CashandVoucherModalities"),
    ("iati-activity/default-flow-type/@code", "FlowType"),
    ("iati-activity/default-finance-type/@code", "FinanceType"),
    ("iati-activity/default-aid-type/@vocabulary", "AidTypeVocabulary"),
    ("iati-activity/default-aid-type/@code", "AidType"),
    ("iati-activity/default-tied-status/@code", "TiedStatus"),
    ("iati-activity/transaction/transaction-type/@code", "TransactionType"),
    ("iati-activity/transaction/value/@currency", "Currency"),
    ("iati-activity/transaction/provider-org/@type", "OrganisationType"),
    ("iati-activity/transaction/receiver-org/@type", "OrganisationType"),
    ("iati-activity/document-link/category/@code", "DocumentCategory"),
    ("iati-activity/document-link/language/@code", "Language"),
    ("iati-activity/humanitarian-scope/@type", "HumanitarianScopeType"),
    ("iati-activity/humanitarian-scope/@vocabulary", "HumanitarianScopeVocabulary"),
    ("iati-activity/location/location-id/@vocabulary", "GeographicVocabulary"),
    ("iati-activity/location/administrative/@vocabulary", "GeographicVocabulary"),
    ("iati-activity/location/feature-designation/@code", "LocationType"),
    ("iati-activity/recipient-region/@vocabulary", "RegionVocabulary"),
    ("iati-organisation/reporting-org/@type", "OrganisationType"),
    ("iati-organisation/@default-currency", "Currency"),
    ("//narrative/@xml:lang", "Language"),
]
CODED_NAMES = ("code", "type", "role", "vocabulary", "currency", "default-currency")
# Coded attributes whose codelists aidlod does not vendor (ResultType): not checkable here; the
# import keeps them as the publisher wrote them and the XSD checks their form.
UNVENDORED = ("iati-activity/result/@type",)


def check(doc: etree._Element) -> tuple[list[str], list[str]]:
    """(codes that are not active in their codelist, coded attributes that CODED does not cover)."""
    tree = doc.getroottree()
    inactive: list[str] = []
    covered: set[tuple[str, str]] = set()
    for path, listname in CODED:
        codelist = codelists.load(listname)
        for value in doc.xpath(path):
            if not codelist.active(str(value)):
                inactive.append(f"{path} = {str(value)!r} is not an active {listname} code")
            covered.add((tree.getpath(value.getparent()), value.attrname))
    for path in UNVENDORED:
        covered.update((tree.getpath(value.getparent()), value.attrname) for value in doc.xpath(path))
    uncovered = [f"{tree.getpath(el)}/@{name}" for el in doc.iter() if isinstance(el.tag, str)
                 for name in CODED_NAMES if name in el.attrib and (tree.getpath(el), name) not in covered]
    return inactive, uncovered
