"""Tests of tui_reseau.domain.validation: field checks and normalisation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reseau.domain.phones import format_phone
from tui_reseau.domain.validation import (
    TAG_MAX_LENGTH,
    ValidationError,
    clean_text,
    normalise_email,
    normalise_linkedin,
    normalise_phone,
    parse_euros,
    parse_hours,
    parse_tags,
    require_text,
)

# Words that show a message is French, and phrases of the libraries' English messages.
FRENCH_WORDS = {"est", "pas", "le", "la", "de", "des", "un", "une", "du", "au", "trop", "exemple"}
ENGLISH_PHRASES = (" must ", "should", "The ", "cannot", "invalid characters", "is not valid")


def assert_french(message: str) -> None:
    assert message
    words = {word.strip(".,:;()«»").lower() for word in message.split()}
    assert words & FRENCH_WORDS, message
    for english in ENGLISH_PHRASES:
        assert english not in message, message


# ------------------------------------------------------------------------------ ValidationError


def test_validation_error_carries_field_and_message() -> None:
    err = ValidationError("phone", "Numéro de téléphone invalide.")
    assert isinstance(err, ValueError)
    assert err.field == "phone"
    assert err.message == "Numéro de téléphone invalide."
    assert str(err) == "Numéro de téléphone invalide."
    assert "phone" in repr(err)


# ---------------------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "+33612345678",
        "0033 6 12 34 56 78",
        "  06 12 34 56 78  ",
        "06\u00a012\u00a034\u00a056\u00a078",
        "tel:+33612345678",
    ],
)
def test_french_mobile_in_any_writing(text: str) -> None:
    assert normalise_phone(text) == "+33612345678"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 20 12 34 56", "+33320123456"),  # Lille landline
        ("03.22.12.34.56", "+33322123456"),  # Amiens landline
        ("0 800 12 34 56", "+33800123456"),
        ("09 70 12 34 56", "+33970123456"),
    ],
)
def test_french_other_numbers(text: str, expected: str) -> None:
    assert normalise_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+32 2 234 56 78", "+3222345678"),  # Brussels
        ("0032 2 234 56 78", "+3222345678"),
        ("+32 470 12 34 56", "+32470123456"),  # Belgian mobile
        ("+44 20 7946 0958", "+442079460958"),  # London
        ("+44 7911 123456", "+447911123456"),  # UK mobile
        ("+41 22 345 67 89", "+41223456789"),
    ],
)
def test_foreign_numbers_with_prefix(text: str, expected: str) -> None:
    assert normalise_phone(text) == expected


@pytest.mark.parametrize("text", [None, "", "   ", "\t"])
def test_blank_phone_is_none(text: str | None) -> None:
    assert normalise_phone(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("06 12", "trop court"),
        ("06 12 34 56 7", "trop court"),
        ("06 12 34 56 78 90", "trop long"),
        ("+33 6 12 34 56 78 9", "trop long"),
        ("abc", "lettres"),
        ("06 12 ab 56 78", "lettres"),
        ("06 12 34 56 78 poste 12", "lettres"),
        ("06*12*34*56*78", "caractère « * »"),
        ("+999 12 34 56 78", "indicatif"),
        ("+32 2 123 45 67", "pas un numéro valide"),  # Belgian 021… numbers are not allocated
        ("07 00 00 00 00", "pas un numéro français attribué"),
        ("+", "aucun chiffre"),
        ("++33 6 12 34 56 78", "caractère « + »"),
    ],
)
def test_invalid_phone_says_why_and_how(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone(text)
    err = caught.value
    assert err.field == "phone"
    assert reason in err.message
    assert "Exemple attendu : 06 12 34 56 78 ou +33 6 12 34 56 78." in err.message
    assert_french(err.message)


def test_short_phone_message_matches_the_wording() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone("06 12")
    assert caught.value.message.startswith(
        "Numéro de téléphone invalide : « 06 12 » est trop court"
    )


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+33612345678", "06 12 34 56 78"),
        ("+33320123456", "03 20 12 34 56"),
        ("+3222345678", "+32 2 234 56 78"),
        ("+442079460958", "+44 20 7946 0958"),
        (None, ""),
        ("", ""),
        ("pas un numéro", "pas un numéro"),
    ],
)
def test_format_phone(e164: str | None, shown: str) -> None:
    assert format_phone(e164) == shown


def test_format_phone_round_trips_french_numbers() -> None:
    assert normalise_phone(format_phone("+33612345678")) == "+33612345678"


@given(st.text(max_size=60))
def test_normalise_phone_never_crashes(text: str) -> None:
    try:
        result = normalise_phone(text)
    except ValidationError as err:
        assert err.field == "phone"
        assert err.message
    else:
        assert result is None or result.startswith("+")


@given(st.text(alphabet="0123456789 +.-()", max_size=25))
def test_normalise_phone_never_crashes_on_phone_like_text(text: str) -> None:
    try:
        normalise_phone(text)
    except ValidationError as err:
        assert err.field == "phone"


# ---------------------------------------------------------------------------------------- email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jean.dupont@entreprise.fr", "jean.dupont@entreprise.fr"),
        ("jean.dupont@Entreprise.FR", "jean.dupont@entreprise.fr"),
        ("  Jean@ACME.fr  ", "Jean@acme.fr"),
        ("mailto:contact@cci-hautsdefrance.fr", "contact@cci-hautsdefrance.fr"),
        ("élodie@boulangerie-amiens.fr", "élodie@boulangerie-amiens.fr"),
    ],
)
def test_valid_email(text: str, expected: str) -> None:
    assert normalise_email(text) == expected


@pytest.mark.parametrize("text", [None, "", "  "])
def test_blank_email_is_none(text: str | None) -> None:
    assert normalise_email(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("jean.dupont", "« @ »"),
        ("jean@@acme.fr", "plusieurs « @ »"),
        ("@acme.fr", "rien avant"),
        ("jean@", "pas de domaine"),
        ("jean dupont@acme.fr", "espace"),
        ("jean@acme", "sans point"),
        ("jean@acme..fr", "deux points"),
        (".jean@acme.fr", "commencer par un point"),
        ("jean@acme.test", "réservé"),
        ("jean@-acme.fr", "tiret"),
        ("jean(x)@acme.fr", "caractères non autorisés"),
        ("jean@acme.123", "extension"),
        ("jean@" + "a" * 300 + ".fr", "trop longue"),
    ],
)
def test_invalid_email_is_explained_in_french(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_email(text)
    err = caught.value
    assert err.field == "email"
    assert reason in err.message
    assert "jean.dupont@entreprise.fr" in err.message  # how to fix it
    assert_french(err.message)


@given(st.text(max_size=80))
def test_normalise_email_never_crashes(text: str) -> None:
    try:
        result = normalise_email(text)
    except ValidationError as err:
        assert err.field == "email"
        assert_french(err.message)
    else:
        assert result is None or "@" in result


@given(
    st.from_regex(r"[a-zA-Z0-9._%+\-()\"é]{0,12}@[a-zA-Z0-9.\-_é]{0,15}", fullmatch=True),
)
def test_normalise_email_never_crashes_on_email_like_text(text: str) -> None:
    try:
        normalise_email(text)
    except ValidationError as err:
        assert_french(err.message)


# ------------------------------------------------------------------------------------- linkedin

CANONICAL = "https://www.linkedin.com/in/jean-dupont"


@pytest.mark.parametrize(
    "text",
    [
        "linkedin.com/in/jean-dupont",
        "www.linkedin.com/in/jean-dupont",
        "https://www.linkedin.com/in/jean-dupont",
        "https://www.linkedin.com/in/jean-dupont/",
        "fr.linkedin.com/in/jean-dupont",
        "https://fr.linkedin.com/in/jean-dupont/",
        "http://www.linkedin.com/in/jean-dupont?trk=public_profile",
        "https://www.linkedin.com/in/jean-dupont/?originalSubdomain=fr#experience",
        "HTTPS://WWW.LINKEDIN.COM/in/jean-dupont",
        "https://www.linkedin.com/in/jean-dupont/details/experience/",
        "jean-dupont",
        "  jean-dupont  ",
    ],
)
def test_linkedin_forms(text: str) -> None:
    assert normalise_linkedin(text) == CANONICAL


def test_linkedin_keeps_the_identifier_as_typed() -> None:
    assert normalise_linkedin("linkedin.com/in/Jean-Dupont-4a1b2c3") == (
        "https://www.linkedin.com/in/Jean-Dupont-4a1b2c3"
    )
    assert normalise_linkedin("linkedin.com/in/fran%C3%A7ois-martin") == (
        "https://www.linkedin.com/in/fran%C3%A7ois-martin"
    )
    assert normalise_linkedin("françois-martin") == "https://www.linkedin.com/in/françois-martin"


@pytest.mark.parametrize("text", [None, "", "   "])
def test_blank_linkedin_is_none(text: str | None) -> None:
    assert normalise_linkedin(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("jean dupont", "espace"),
        ("https://linkedin.com/company/acme", "/in/"),
        ("https://www.linkedin.com/", "/in/"),
        ("https://www.linkedin.com/in/", "/in/"),
        ("https://www.facebook.com/in/jean-dupont", "linkedin.com"),
        ("https://linkedin.com.evil.example/in/jean-dupont", "linkedin.com"),
        ("linkedin.com:8080/in/jean-dupont", "linkedin.com"),
        ("jean@dupont", "caractères"),
        ("ab", "longueur"),
        ("https://www.linkedin.com/in/jean<script>", "caractères"),
    ],
)
def test_invalid_linkedin(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_linkedin(text)
    err = caught.value
    assert err.field == "linkedin"
    assert reason in err.message
    assert CANONICAL in err.message  # shows the expected form
    assert_french(err.message)


@given(st.text(max_size=60))
def test_normalise_linkedin_never_crashes(text: str) -> None:
    try:
        result = normalise_linkedin(text)
    except ValidationError as err:
        assert err.field == "linkedin"
    else:
        assert result is None or result.startswith("https://www.linkedin.com/in/")


# ---------------------------------------------------------------------------------------- texts


def test_require_text_strips() -> None:
    assert require_text("  Dupont  ", "last_name", "Nom") == "Dupont"


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_require_text_refuses_blank(value: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        require_text(value, "last_name", "Nom")
    assert caught.value.field == "last_name"
    assert caught.value.message.startswith("« Nom » est obligatoire : ")
    assert_french(caught.value.message)


def test_require_text_enforces_the_limit() -> None:
    assert require_text("a" * 10, "city", "Ville", max_length=10) == "a" * 10
    with pytest.raises(ValidationError) as caught:
        require_text("a" * 12, "city", "Ville", max_length=10)
    assert caught.value.field == "city"
    assert "« Ville »" in caught.value.message
    assert "10 au maximum" in caught.value.message
    assert "Raccourcissez" in caught.value.message


def test_text_is_kept_as_typed_and_counted_as_stored() -> None:
    # "é" typed as e + combining accent is kept so, code point for code point (a Mac's
    # vCard writes names this way); the limit counts what the database column holds.
    decomposed = "Be\u0301thune"
    assert require_text(f"  {decomposed}  ", "city", "Ville", max_length=8) == decomposed
    with pytest.raises(ValidationError):
        require_text(decomposed, "city", "Ville", max_length=7)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_clean_text_blank_is_none(value: str | None) -> None:
    assert clean_text(value, "company", "Entreprise") is None


def test_clean_text_returns_stripped_text_and_enforces_the_limit() -> None:
    assert clean_text("  ACME  ", "company", "Entreprise") == "ACME"
    with pytest.raises(ValidationError) as caught:
        clean_text("x" * 201, "company", "Entreprise")
    assert "200 au maximum" in caught.value.message


@pytest.mark.parametrize(
    "odd",
    ["\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069", "\n", "\t"],
)
@pytest.mark.parametrize("function", [require_text, clean_text])
def test_control_and_bidi_characters_are_kept_as_given(odd: str, function) -> None:
    # Whatever a paste or an import brings is stored exactly; the display neutralises it.
    for multiline in (False, True):
        kept = function(f"Jean{odd}Dupont", "first_name", "Prénom", multiline=multiline)
        assert kept == f"Jean{odd}Dupont"


@pytest.mark.parametrize("function", [require_text, clean_text])
def test_the_nul_character_is_refused_with_its_position(function) -> None:
    for multiline in (False, True):
        with pytest.raises(ValidationError) as caught:
            function("Jean\x00Dupont", "first_name", "Prénom", multiline=multiline)
        assert caught.value.field == "first_name"
        assert "« Prénom »" in caught.value.message
        assert "U+0000, position 5" in caught.value.message
        assert_french(caught.value.message)


def test_multiline_fields_accept_newlines_and_tabs() -> None:
    note = "Rencontré au BNI.\n\tÀ rappeler en janvier.\r\nCafé à Lille."
    assert clean_text(note, "notes", "Notes", 2000, multiline=True) == (
        "Rencontré au BNI.\n\tÀ rappeler en janvier.\nCafé à Lille."
    )


@given(st.text(max_size=50), st.booleans())
def test_clean_text_never_crashes(text: str, multiline: bool) -> None:
    try:
        result = clean_text(text, "notes", "Notes", 30, multiline=multiline)
    except ValidationError as err:
        assert err.field == "notes"
        assert "« Notes »" in err.message
    else:
        assert result is None or 0 < len(result) <= 30


# ----------------------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client, BNI ; prescripteur  #vip", ("client", "bni", "prescripteur", "vip")),
        ("client,client,CLIENT,#client", ("client",)),
        ("b a b", ("b", "a")),
        (",,; ;#", ()),
        ("##vip", ("vip",)),
        ("expert-comptable\nlille", ("expert-comptable", "lille")),
        ("Côte-d'Opale", ("côte-d'opale",)),
        (None, ()),
        ("", ()),
        ("   ", ()),
    ],
)
def test_parse_tags(text: str | None, expected: tuple[str, ...]) -> None:
    assert parse_tags(text) == expected


def test_tag_length_limit() -> None:
    assert parse_tags("a" * TAG_MAX_LENGTH) == ("a" * TAG_MAX_LENGTH,)
    with pytest.raises(ValidationError) as caught:
        parse_tags("ok, " + "a" * (TAG_MAX_LENGTH + 1))
    assert caught.value.field == "tags"
    assert f"{TAG_MAX_LENGTH} au maximum" in caught.value.message
    assert_french(caught.value.message)


def test_tags_refuse_invisible_characters() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_tags("vip\u202eexe")
    assert caught.value.field == "tags"


@given(st.text(max_size=100))
def test_parse_tags_never_crashes(text: str) -> None:
    try:
        tags = parse_tags(text)
    except ValidationError as err:
        assert err.field == "tags"
    else:
        assert len(set(tags)) == len(tags)
        for tag in tags:
            assert tag
            assert 0 < len(tag) <= TAG_MAX_LENGTH
            assert tag == tag.lower()
            assert not tag.startswith("#")
            assert not any(ch in tag for ch in ",; ")


# ---------------------------------------------------------------------------------------- euros


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 000", "12000"),
        ("12 000 €", "12000"),
        ("12000€", "12000"),
        ("12000,50", "12000.50"),
        ("12.000,50 €", "12000.50"),
        ("12 000,50 €", "12000.50"),
        ("12\u202f000,50\u00a0€", "12000.50"),  # what French number formatting produces
        ("1,5 k€", "1500"),
        ("1,5k", "1500"),
        ("15k", "15000"),
        ("15 K€", "15000"),
        ("15 keur", "15000"),
        ("2 M€", "2000000"),
        ("1,25 M€", "1250000"),
        ("12.000", "12000"),
        ("12,000", "12000"),
        ("1 234 567", "1234567"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("0", "0"),
        ("0,99", "0.99"),
        ("EUR 350", "350"),
        ("350 euros", "350"),
        ("€350", "350"),
        ("+350", "350"),
    ],
)
def test_parse_euros(text: str, expected: str) -> None:
    assert parse_euros(text) == Decimal(expected)


def test_parse_euros_gives_plain_decimals() -> None:
    assert str(parse_euros("15k")) == "15000"
    assert str(parse_euros("12000,50")) == "12000.5"
    assert str(parse_euros("0,05")) == "0.05"


@pytest.mark.parametrize("text", [None, "", "  "])
def test_blank_euros_is_none(text: str | None) -> None:
    assert parse_euros(text) is None


@pytest.mark.parametrize("text", ["-12", "- 12 €", "−1 500", "-1,5k€"])
def test_negative_euros_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_euros(text)
    assert caught.value.field == "value"
    assert "négatif" in caught.value.message
    assert "1,5 k€" in caught.value.message
    assert_french(caught.value.message)


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "€",
        "k€",
        "12 ans",
        "12,000.000",
        "12.000.50",
        "0,125",
        "1 2",
        "12 00",
        "12€50",
        "1e5",
    ],
)
def test_unreadable_euros_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_euros(text)
    assert caught.value.field == "value"
    assert "12 000" in caught.value.message
    assert_french(caught.value.message)


def test_absurd_amount_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_euros("9" * 40)
    assert "trop élevé" in caught.value.message


@given(st.text(max_size=40))
def test_parse_euros_never_crashes(text: str) -> None:
    try:
        result = parse_euros(text)
    except ValidationError as err:
        assert err.field == "value"
    else:
        assert result is None or result >= 0


@given(st.text(alphabet="0123456789 ,.€kKM-+", max_size=20))
def test_parse_euros_never_crashes_on_number_like_text(text: str) -> None:
    try:
        result = parse_euros(text)
    except ValidationError as err:
        assert err.field == "value"
    else:
        assert result is None or result >= 0


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_parse_euros_reads_french_formatting(amount: Decimal) -> None:
    written = f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " €"
    assert parse_euros(written) == amount


# ---------------------------------------------------------------------------------------- hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", "2"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("1h30", "1.5"),
        ("1 h 30", "1.5"),
        ("1h30min", "1.5"),
        ("2h", "2"),
        ("2 H", "2"),
        ("2 heures", "2"),
        ("1,5 h", "1.5"),
        ("45 min", "0.75"),
        ("45min", "0.75"),
        ("90 mn", "1.5"),
        ("0h45", "0.75"),
        ("1:30", "1.5"),
        ("20 min", "0.33"),
        ("0", "0"),
    ],
)
def test_parse_hours(text: str, expected: str) -> None:
    assert parse_hours(text) == Decimal(expected)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_blank_hours_is_none(text: str | None) -> None:
    assert parse_hours(text) is None


@pytest.mark.parametrize("text", ["abc", "h", "1h30h", "2 jours", "1,5 min", "-1", "-1h", "1h2m3"])
def test_unreadable_hours_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_hours(text)
    assert caught.value.field == "hours"
    assert "1h30" in caught.value.message
    assert_french(caught.value.message)


def test_minutes_above_59_in_hour_form_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_hours("1h75")
    assert caught.value.field == "hours"
    assert "2h15" in caught.value.message


def test_absurd_duration_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_hours("9" * 30 + " min")
    assert "trop longue" in caught.value.message


@given(st.text(max_size=30))
def test_parse_hours_never_crashes(text: str) -> None:
    try:
        result = parse_hours(text)
    except ValidationError as err:
        assert err.field == "hours"
    else:
        assert result is None or result >= 0


@given(st.text(alphabet="0123456789 ,.:hminHMIN-", max_size=15))
def test_parse_hours_never_crashes_on_duration_like_text(text: str) -> None:
    try:
        parse_hours(text)
    except ValidationError as err:
        assert err.field == "hours"


@pytest.mark.parametrize(
    ("typed", "e164"),
    [("06 39 98 00 01", "+33639980001"), ("01 99 00 12 34", "+33199001234")],
)
def test_numbers_reserved_for_fiction_are_accepted(typed: str, e164: str) -> None:
    """The demo network uses ARCEP's fiction blocks: editing a demo contact must not fail."""
    assert normalise_phone(typed) == e164


def test_a_neighbour_of_a_fiction_block_is_still_refused() -> None:
    with pytest.raises(ValidationError):
        normalise_phone("06 39 97 00 01")


@given(st.integers(min_value=100_000_000, max_value=999_999_999))
def test_french_numbers_are_formatted_like_the_library_does(national: int) -> None:
    import phonenumbers

    e164 = f"+33{national}"
    expected = phonenumbers.format_number(
        phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    assert format_phone(e164) == expected
