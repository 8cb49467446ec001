"""vCard (``.vcf``) of a contact, written by vobject (which escapes every value)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import vobject

from macros.data.kinds import absolute, url

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Referent


def vcard(ref: Referent, c: Catalogue) -> str:
    card = vobject.vCard()
    card.add("fn").value = f"{ref.role} – {c.commune.nom}"
    card.add("n").value = vobject.vcard.Name(family=ref.role)
    card.add("org").value = [ref.structure, c.services.get(ref.service, ref.service)]
    card.add("title").value = ref.role
    tel = card.add("tel")
    tel.value = ref.telephone
    tel.type_param = "WORK"
    email = card.add("email")
    email.value = ref.email
    email.type_param = "INTERNET"
    card.add("adr").value = vobject.vcard.Address(street=ref.adresse)
    card.add("note").value = f"Horaires : {ref.horaires}"
    card.add("url").value = absolute(c.commune.url, url("referent", ref.id))
    text: str = card.serialize()
    return text
