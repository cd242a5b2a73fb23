"""Contacts as vCard 4.0 (RFC 6350), written by vobject, read back by khard and phones.

One card per contact: FN, N, ORG, TITLE, EMAIL, TEL, ADR, NOTE, BDAY, CATEGORIES (the tags),
URL (LinkedIn), REV and a UID that stays the same from one export to the next (derived from the
contact's number and creation time), so that an address book updates a card instead of adding a
second one. Telephone numbers are ``tel:`` URIs (``TEL;VALUE=uri;TYPE=cell:tel:+33612345678``),
the 4.0 form that khard writes and reads (it drops the ``tel:`` prefix when showing them).
Escaping of commas, semicolons and line breaks is vobject's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

import vobject

from tui_reseau.domain.exporters.rows import ExportedContact, exported_contacts

_NAMESPACE = uuid.UUID("6f0b7c56-5a3e-4bde-9f1c-2b8f0f5e7a11")  # tui_reseau's vCard UIDs


def contact_uid(contact: ExportedContact) -> str:
    """The stable UID of a contact's card: ``urn:uuid:…`` from its number and creation time."""
    name = f"tui-reseau/contact/{contact.id}/{contact.created_at.isoformat()}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def _phone_kind(e164: str) -> str:
    """« cell » for a mobile number (French 06/07 included, even fictional), « voice » otherwise."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return "voice"
    mobile = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    french_mobile = number.country_code == 33 and str(number.national_number)[:1] in "67"
    return "cell" if mobile or french_mobile else "voice"


def contact_vcard(contact: ExportedContact) -> vobject.base.Component:
    """One contact as a vobject vCard 4.0 component."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("uid").value = contact_uid(contact)
    card.add("fn").value = contact.full_name or contact.company or f"Contact n° {contact.id}"
    card.add("n").value = vobject.vcard.Name(family=contact.last_name, given=contact.first_name)
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.role:
        card.add("title").value = contact.role
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.params["TYPE"] = ["work"]
    if contact.phone:
        tel = card.add("tel")
        if contact.phone.startswith("+") and contact.phone[1:].isdigit():
            tel.value = f"tel:{contact.phone}"
            tel.params["VALUE"] = ["uri"]
            tel.params["TYPE"] = [_phone_kind(contact.phone)]
        else:  # not E.164 (an old import): free text, as RFC 6350 allows
            tel.value = contact.phone
    if contact.address or contact.city or contact.postcode:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(
            street=contact.address, city=contact.city, code=contact.postcode
        )
        adr.params["TYPE"] = ["work"]
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.birthday:
        card.add("bday").value = contact.birthday.strftime("%Y%m%d")
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.linkedin_url:
        card.add("url").value = contact.linkedin_url
    card.add("rev").value = contact.updated_at.strftime("%Y%m%dT%H%M%SZ")
    return card


def vcard_chunks(contacts: Iterable[ExportedContact] | None = None) -> Iterator[str]:
    """The vCards of ``contacts`` (every contact of the bound database by default), one by one.

    Each chunk is one ``BEGIN:VCARD … END:VCARD`` with CRLF line ends, as RFC 6350 asks.
    """
    for contact in exported_contacts() if contacts is None else contacts:
        yield contact_vcard(contact).serialize()


def vcard_text(contacts: Iterable[ExportedContact] | None = None) -> str:
    """Every contact (or ``contacts``) as one vCard 4.0 file's text."""
    return "".join(vcard_chunks(contacts))
