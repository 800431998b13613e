"""An IATI activity file of many transaction parties, to import and build (docs/iati.md, "Transaction parties").

``python bench/transaction_parties.py [-n 1000] OUT.xml`` writes ``n`` activities of one publisher (XM-DAC-99999),
each with five disbursements from it and one planned disbursement: the disbursements' receivers a quarter each by a
new identifier (``XM-SYN-N{k}``), by new names in English and French, by one of 43 identifiers named again and again
and by one of 11 names named again and again; each planned disbursement's receiver a new name. Imported, it makes an
organisation record per party (3 555 at 1 000 activities); then ``aidlod build`` writes a page and four documents for
each. Time both as ``bench/import_speed.py`` does (``/usr/bin/time``), or the build's stages with ``AIDLOD_WORKERS=1``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

COUNTRIES = ("KE", "TZ", "UG", "ET", "SN")
SECTORS = (11220, 12220, 14030, 15170, 31120)
PROVIDER, REPORTING, PARTICIPATING = (f'<{tag} ref="XM-DAC-99999"{role} type="10"><narrative>Synthetic donor'
                                     f'</narrative></{tag}>' for tag, role in (
                                         ("provider-org", ""), ("reporting-org", ""),
                                         ("participating-org", ' role="1"')))


def receiver(k: int) -> str:
    """The receiver of the ``k``-th disbursement of the file."""
    kind = k % 4
    if kind == 0:
        return f'<receiver-org ref="XM-SYN-N{k}" type="22"><narrative>Synthetic partner {k}</narrative></receiver-org>'
    if kind == 1:
        return (f'<receiver-org type="22"><narrative>Partner organisation {k}</narrative>'
                f'<narrative xml:lang="fr">Organisation partenaire {k}</narrative></receiver-org>')
    if kind == 2:
        return (f'<receiver-org ref="XM-REP-{k % 43}" type="21"><narrative>Repeated partner {k % 43}</narrative>'
                '</receiver-org>')
    return f'<receiver-org type="21"><narrative>Recurring partner {k % 44}</narrative></receiver-org>'


def activity(i: int) -> str:
    """The ``i``-th activity: five disbursements, a planned disbursement."""
    txs = []
    for j in range(5):
        k = 5 * i + j + 1
        day = f"2021-0{1 + j}-15"
        txs.append(f'<transaction><transaction-type code="3"/><transaction-date iso-date="{day}"/><value '
                   f'currency="USD" value-date="{day}">{1000 + k}</value>{PROVIDER}'
                   f'{receiver(k)}</transaction>')
    planned = (f'<planned-disbursement type="1"><period-start iso-date="2022-01-01"/><period-end '
               f'iso-date="2022-12-31"/><value currency="USD" value-date="2022-01-01">{500 + i}</value>'
               f'{PROVIDER}<receiver-org type="22"><narrative>Planned partner {i}</narrative>'
               '</receiver-org></planned-disbursement>')
    return (f'<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>XM-DAC-99999-A{i}'
            f'</iati-identifier>{REPORTING}<title><narrative>Synthetic activity {i}</narrative>'
            f'</title><description><narrative>What activity {i} does.</narrative></description>'
            f'{PARTICIPATING}'
            '<activity-status code="2"/><activity-date iso-date="2021-01-01" type="2"/>'
            f'<recipient-country code="{COUNTRIES[i % 5]}" percentage="100"/>'
            f'<sector code="{SECTORS[i % 5]}" vocabulary="1" percentage="100"/>{planned}{"".join(txs)}</iati-activity>')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="activities (default 1000)")
    args = parser.parse_args()
    body = "\n".join(activity(i) for i in range(args.n))
    args.out.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n{body}\n'
                        '</iati-activities>\n', encoding="utf-8")


if __name__ == "__main__":
    main()
