"""An activity's dates, currency and transactions, and the grants its commitments make."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from ... import codelists, records
from .. import EXT, standard
from ..orgnames import _names_nothing, _unnamed
from ..reading import _Activity, _relpath
from ..valuefix import _day, _day_note, _where
from .held import _Target
from .organisations import _Organisations
from .values import _number, _usable

# The dates software writes for an unknown one (the first day of SQL Server's and Excel's calendars, of
# Unix time, and of .NET's and most databases' (year 1, a date variable never set)): Danida's
# activity-date iso-date="1900-01-01" on activities of 2020, Education Development Trust's transactions
# of 1970-01-01 (IATI Publisher's export), the Netherlands Red Cross's "Actual start" of 0001-01-01. A
# project "started in 1900" would lead the listings' years.
_NO_DATE = frozenset({"0001-01-01", "1900-01-01", "1970-01-01"})


COMMITMENT = "2"


def _cents_at_most(amount: Decimal) -> bool:
    """Whether a finite amount has two decimals at most, trailing zeros aside (read off its digits:
    arithmetic on a 27-digit amount exceeds the decimal context)."""
    _sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits, exponent = digits[:-1], exponent + 1
    return exponent >= -2


def _in_order(a: _Activity, project: dict[str, Any], end: etree._Element) -> None:
    """Leave out the project's end when it is before its start (a planned end the activity's late
    start has passed, the IATI Validator's iati-act-dateOrder-error.xml), with a note: the record
    would be refused and the whole activity with it. The activity-date stays, as stated, in the iati
    field. Dates known to the month or year compare as periods (start 2003-05, end 2003: in order)."""
    start, stop = project.get("start"), project.get("end")
    if not isinstance(start, str) or not isinstance(stop, str):
        return
    n = min(len(start), len(stop))
    if start[:n] <= stop[:n]:
        return
    del project["end"]
    a.used.discard(end)
    a.used_attrs.difference_update({(end, name) for name in end.attrib})
    a.notes.append(f"activity-date[@type='{end.get('type')}']: the end {stop} is before the start {start}: kept as "
                   "stated in the iati field, not taken as the project's end (IATI's rules ask for the start first)")


def _currency(el: etree._Element) -> str:
    """An activity's currency: its default-currency, else the one most of its amounts state (OCHA's
    pooled funds state none, each value in USD; the site summed them in EUR)."""
    default = (el.get("default-currency") or "").strip().upper()
    if default:
        return default
    stated = Counter(code for v in el.iter("value") if (code := (v.get("currency") or "").strip().upper()))
    return stated.most_common(1)[0][0] if stated else ""


def _said_again(a: _Activity, d: etree._Element, day: str) -> None:
    """A note when the project's start or end ``d`` (read as ``day``) is stated again by another activity-date
    of its type and day, which the iati field keeps whole (one with a narrative, or a second one): the export
    writes that date once, from the field. The IATI Standard's schema tests state a date so, twice."""
    kind = d.get("type")
    if any(o is not d and (o in a.reserved or o not in a.used) and o.get("type") == kind
           and _day(o.get("iso-date") or "")[0] == day for o in a.el.findall("activity-date")):
        a.notes.append(f"activity-date[@type='{kind}']: {day} is stated twice: read as one date, which the IATI "
                       "export writes once")


def _rederived(d: etree._Element, project: dict[str, Any]) -> bool:
    """Whether an activity-date an aidlod export derived by a rule is made again by the export of this
    dataset, and so is not imported: the programme's start, when the project is in that programme here.
    Without the programme the date is read as the file states it, or the activity would have no
    activity-date and could not be exported (7 % of an aidlod site's activities imported elsewhere)."""
    return d.get(EXT + "derived") == "programme-start" and "programme" in project


class _Transactions(_Organisations):
    """The project's dates and its transactions."""

    def dates(self, a: _Activity, project: dict[str, Any], status: str | None) -> None:
        """The inverse of the export's date rules (docs/iati.md); derived dates are not facts. An
        activity-date kept whole in the iati field (it has a narrative: "Actual start") still gives
        the project its start or end; the export then writes the iati field's element alone."""
        by_type: dict[str, etree._Element] = {}
        for d in a.el.findall("activity-date"):
            kind = d.get("type")
            derived = _rederived(d, project)
            if d in a.reserved:
                if kind is not None and kind not in by_type and not derived:
                    by_type[kind] = d
                continue
            if derived:
                a.take(d)
                for name in ("type", "iso-date", EXT + "derived", EXT + "date"):
                    a.attr(d, name)
                continue
            if kind is not None and kind not in by_type:
                by_type[kind] = d
        # The types the export writes back for this status (a planned start while in the pipeline,
        # an actual end once finished); a date of another type stays, as stated, in the iati field.
        start = by_type.get(standard.start_date_type(status))
        end = by_type.get(standard.end_date_type(status))
        for key, d in (("start", start), ("end", end)):
            if d is None:
                continue
            day = (d.get("iso-date") or "").strip()[:10]
            if day in _NO_DATE:
                a.notes.append(f"activity-date[@type='{d.get('type')}']: {d.get('iso-date', '').strip()} is the date "
                               "software writes for none: kept as stated in the iati field, not taken as the "
                               f"project's {key}")
                continue
            if day[:4].isdigit() and int(day[:4]) not in records.YEARS:
                a.notes.append(f"activity-date[@type='{d.get('type')}']: {d.get('iso-date', '').strip()} is outside "
                               f"the years {records.YEARS.start}-{records.YEARS.stop - 1} a project's dates are in: "
                               f"kept as stated in the iati field, not taken as the project's {key}")
                continue
            if d in a.reserved:
                iso = _day(d.get("iso-date") or "")[0]  # the iati field keeps its day (``_attributes``)
                if records.DATE_RE.match(iso) and len(iso) == 10:  # as the export writes it back
                    project[key] = iso
                continue
            value = self.date_value(a, d)
            if value is not None:
                a.take(d)
                a.attr(d, "type")
                project[key] = value
                _said_again(a, d, value)
        if end is not None:
            _in_order(a, project, end)

    def date_value(self, a: _Activity, d: etree._Element) -> str | None:
        raw = d.get("iso-date") or ""
        iso, dropped = _day(raw)
        if not records.DATE_RE.match(iso) or len(iso) != 10:
            return None
        a.attr(d, "iso-date")
        if dropped:  # ADB's "2019-01-01+08:00", a CRM's "2019-01-15T00:00:00": the record holds the date
            a.notes.append(_day_note(f"{_where(a, d)}/@iso-date", raw, dropped))
        stated = d.get(EXT + "date")
        if stated and records.DATE_RE.match(stated) and iso.startswith(stated):
            a.attr(d, EXT + "date")
            return stated
        return iso

    def _recipient(self, t: _Target, a: _Activity, tx: etree._Element) -> str | None:
        """The organisation record of a transaction's receiver-org; None when it names none."""
        receiver = tx.find("receiver-org")
        if receiver is None:
            return None
        a.take(receiver)
        if _names_nothing(receiver):  # <receiver-org><narrative/></receiver-org> states nothing
            a.used.update(receiver.findall("narrative"))
            for name in receiver.attrib:
                a.attr(receiver, name)
            return None
        return self.organisation(t, a, receiver)

    def transaction(self, t: _Target, a: _Activity, tx: etree._Element, default_currency: str | None
                    ) -> dict[str, Any] | None:
        kind = tx.find("transaction-type")
        if kind is None or kind.get("code") != COMMITMENT:
            return None  # not a commitment: reported whole
        value_el = tx.find("value")
        if value_el is None:
            return None
        try:
            amount = Decimal((value_el.text or "").strip())
        except InvalidOperation:
            return None
        currency = value_el.get("currency") or default_currency
        # a currency newer than aidlod's copy of the list (Zimbabwe's ZWG of 2024) is a grant's as stated, with
        # the note the iati field's would have (``_usable``): it stayed an IATI transaction, no grant of the partner
        if not currency or not records.CURRENCY_RE.match(currency) or not _usable("Currency", currency) \
                or not amount.is_finite() or amount <= 0 or not _cents_at_most(amount):
            return None  # reported whole (a grant's amount has cents at most: Sida's 4916354.480132 stays IATI)
        if any(org is not None and not _names_nothing(org) and _unnamed(org, self.shared, self.own)
               for org in (tx.find("provider-org"), tx.find("receiver-org"))):
            return None  # a party stated only by its type: no grant between named organisations
        a.take(tx)
        a.take(kind)
        a.take(value_el)
        grant: dict[str, Any] = {}
        programme = self.programme(t, a, tx)
        provider = tx.find("provider-org")
        if provider is not None:
            a.take(provider)
            grant["funder"] = self.organisation(t, a, provider)
        else:
            # No provider-org, no grant: the commitment stays an IATI transaction, as stated. The
            # activity's one funding organisation is not its provider: UNDP's outgoing commitments
            # were exported as the Russian government's, its funder's.
            a.used.difference_update({tx, kind, value_el})
            return None
        a.attr(kind, "code")
        if a.attr(value_el, "currency") is not None and codelists.unlisted("Currency", currency):
            a.notes.append(f"{_relpath(value_el, a.el)}/@currency: {codelists.unlisted_note('Currency', currency)}")
        recipient = self._recipient(t, a, tx)
        if recipient is not None:
            grant["recipient"] = recipient
        if programme:
            grant["programme"] = programme
        grant["amount"] = _number(amount)
        grant["currency"] = currency
        self._grant_date(a, tx, value_el, grant)
        note = tx.find("description")
        texts = a.texts(note) if note is not None else {}
        if texts:
            grant["note"] = texts
        return grant

    def _grant_date(self, a: _Activity, tx: etree._Element, value_el: etree._Element, grant: dict[str, Any]) -> None:
        """A grant's date: its transaction-date's (not one an aidlod export derived), which its value's
        value-date is too when both state one day."""
        date_el = tx.find("transaction-date")
        if date_el is not None:
            a.take(date_el)
            if date_el.get(EXT + "derived"):
                a.attr(date_el, EXT + "derived")
                a.attr(date_el, "iso-date")
                a.attr(date_el, EXT + "date")
            else:
                value = self.date_value(a, date_el)
                if value is not None:
                    grant["date"] = value
        value_date = value_el.get("value-date")
        if date_el is not None and value_date is not None and \
                _day(value_date)[0] == _day(date_el.get("iso-date") or "")[0]:
            # the grant's date is its value's (a value-date "2019-01-15Z" beside "2019-01-15T00:00:00" too)
            a.attr(value_el, "value-date")
            if dropped := _day(value_date)[1]:
                a.notes.append(_day_note(f"{_relpath(value_el, a.el)}/@value-date", value_date, dropped))
