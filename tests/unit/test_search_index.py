"""The contact search index: what a user typing in the search box notices."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui_reseau.domain.search_index import (
    FIELDS,
    SearchHit,
    SearchIndex,
    _fold_words,
    fold,
    fold_with_map,
)

WORD = re.compile(r"[^\W_]+")

CONTACTS: dict[int, dict[str, str]] = {
    1: {
        "name": "Jean Dupont",
        "company": "Transports Dupont",
        "role": "Transporteur",
        "city": "Lille",
    },
    2: {"name": "Marc Dupuis", "role": "Comptable", "city": "Arras", "tags": "client"},
    3: {
        "name": "Hélène Lefèvre",
        "company": "Boulangerie du Beffroi",
        "role": "Boulangère",
        "city": "Amiens",
        "details": "passion: voile\nprojet: nouvel entrepôt à Arras",
    },
    4: {"name": "Paul Martin", "role": "Boulanger", "city": "Lille", "notes": "Vu au salon."},
    5: {"name": "Zoé Caron", "role": "Boulanger", "city": "Amiens", "tags": "prescripteur"},
    6: {
        "name": "Sophie Vasseur",
        "role": "Notaire",
        "city": "Douai",
        "notes": "Déjeuner avec Jean Dupont le 3 mars, parle de la transmission.",
    },
}


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.build(CONTACTS.items())


def ids(hits: list[SearchHit]) -> list[int]:
    return [hit.id for hit in hits]


def highlighted(hit: SearchHit) -> list[str]:
    return [hit.text[a:b] for a, b in hit.spans]


# -- folding -----------------------------------------------------------------------------------


def test_fold_lowercases_and_removes_accents() -> None:
    assert fold("Hélène LEFÈVRE, Œuvray & Æther, straße, Ça") == (
        "helene lefevre, oeuvray & aether, strasse, ca"
    )


def test_fold_with_map_points_back_to_original_characters() -> None:
    folded, where = fold_with_map("Œil É")
    assert folded == "oeil e"
    assert list(where) == [0, 0, 1, 2, 3, 4]


# -- what users type ---------------------------------------------------------------------------


def test_typo_in_a_name_still_finds_it_first(index: SearchIndex) -> None:
    hits = index.search("dupond")
    assert hits[0].id == 1
    assert hits[0].field == "name"
    assert highlighted(hits[0]) == ["Dupont"]


def test_query_without_accents_finds_accented_name(index: SearchIndex) -> None:
    hits = index.search("helene")
    assert hits[0].id == 3
    assert hits[0].field == "name"
    assert hits[0].text == "Hélène Lefèvre"
    assert highlighted(hits[0]) == ["Hélène"]


def test_prefix_while_typing(index: SearchIndex) -> None:
    hits = index.search("dup")
    assert set(ids(hits[:2])) == {1, 2}  # Dupont and Dupuis, by name, before anything else
    assert {hit.field for hit in hits[:2]} == {"name"}
    assert [highlighted(hit) for hit in hits[:2]] == [["Dup"], ["Dup"]]

    hits = index.search("hél")
    assert hits[0].id == 3
    assert hits[0].spans == ((0, 3),)  # "Hél" of "Hélène", accent kept
    assert highlighted(hits[0]) == ["Hél"]


def test_every_prefix_of_a_name_finds_it(index: SearchIndex) -> None:
    for end in range(1, len("dupont") + 1):
        assert 1 in ids(index.search("dupont"[:end])), "dupont"[:end]


def test_two_tokens_matching_different_fields(index: SearchIndex) -> None:
    hits = index.search("boulanger amiens")
    # The bakers in Amiens first (role + city), the baker in Lille after.
    assert set(ids(hits[:2])) == {3, 5}
    assert ids(hits).index(4) > 1
    assert hits[0].score > hits[ids(hits).index(4)].score
    zoe = hits[ids(hits).index(5)]
    assert zoe.field == "role"
    assert highlighted(zoe) == ["Boulanger"]


def test_all_tokens_matched_rank_before_partial_matches() -> None:
    index = SearchIndex.build(
        [
            (1, {"name": "Jean Lenoir", "city": "Arras"}),
            (2, {"name": "Paul Lebrun", "city": "Lille"}),
            (3, {"name": "Jean Leblanc", "city": "Lille"}),
        ]
    )
    assert index.search("jean lille")[0].id == 3
    assert index.search("lille jean")[0].id == 3


def test_query_matching_only_a_memorised_detail(index: SearchIndex) -> None:
    hits = index.search("voile")
    assert ids(hits) == [3]
    assert hits[0].field == "details"
    assert highlighted(hits[0]) == ["voile"]

    hits = index.search("entrepot")
    assert hits[0].field == "details"
    assert highlighted(hits[0]) == ["entrepôt"]  # original accented text


def test_spans_on_accented_and_decomposed_text() -> None:
    decomposed = "He\u0301le\u0300ne Lefe\u0300vre"  # accents as combining characters
    index = SearchIndex.build(
        [
            (1, {"name": "Zoé Lefèvre"}),
            (2, {"name": decomposed}),
            (3, {"name": "Œuvray Cœur"}),
        ]
    )
    hit = next(h for h in index.search("lefevre") if h.id == 1)
    assert hit.spans == ((4, 11),)
    assert highlighted(hit) == ["Lefèvre"]

    hit = next(h for h in index.search("helene") if h.id == 2)
    assert highlighted(hit) == ["He\u0301le\u0300ne"]  # combining accents included

    hit = index.search("oeu")[0]
    assert hit.id == 3
    assert highlighted(hit) == ["Œu"]  # "oe" is one character of the original
    assert highlighted(index.search("coeur")[0]) == ["Cœur"]


def test_typos_in_other_fields() -> None:
    index = SearchIndex.build(
        [
            (1, {"name": "Ana Roy", "city": "Tourcoing"}),
            (2, {"name": "Luc Petit", "role": "Architecte"}),
        ]
    )
    assert index.search("tourcong")[0].id == 1
    assert index.search("architecet")[0].id == 2
    assert index.search("archi")[0].id == 2


def test_nothing_found(index: SearchIndex) -> None:
    assert index.search("xqzwv") == []


# -- ranking -----------------------------------------------------------------------------------


def test_name_ranks_before_company_before_notes() -> None:
    index = SearchIndex.build(
        [
            (1, {"name": "Sophie Vasseur", "notes": "Présentée par Martin, à rappeler."}),
            (2, {"name": "Luc Petit", "company": "Martin & Fils"}),
            (3, {"name": "Claire Martin", "city": "Lens"}),
        ]
    )
    hits = index.search("martin")
    assert ids(hits) == [3, 2, 1]
    assert [hit.field for hit in hits] == ["name", "company", "notes"]
    assert hits[0].score > hits[1].score > hits[2].score


def test_exact_and_prefix_name_matches_before_fuzzy_ones() -> None:
    index = SearchIndex.build(
        [
            (1, {"name": "Luc Dupond"}),
            (2, {"name": "Ana Dupont"}),
            (3, {"name": "Eva Dupontel"}),
        ]
    )
    assert ids(index.search("dupont")) == [2, 3, 1]  # exact, prefix, then one letter off
    assert ids(index.search("dupon"))[:2] == [1, 2] or ids(index.search("dupon"))[:2] == [2, 1]


def test_scores_are_between_0_and_100_and_sorted(index: SearchIndex) -> None:
    for query in ("d", "dup", "dupond", "boulanger amiens", "jean", "lille voile"):
        scores = [hit.score for hit in index.search(query)]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 for s in scores)


# -- keeping the index in sync -----------------------------------------------------------------


def test_add_replaces_the_previous_version(index: SearchIndex) -> None:
    index.add(1, {"name": "Jean Durand", "city": "Calais"})
    assert len(index) == len(CONTACTS)
    assert 1 not in ids(index.search("transports"))
    assert ids(index.search("calais")) == [1]
    assert index.search("durand")[0].text == "Jean Durand"
    assert all(hit.id != 1 or hit.field != "name" for hit in index.search("dupont"))


def test_remove(index: SearchIndex) -> None:
    index.remove(3)
    assert 3 not in index
    assert len(index) == len(CONTACTS) - 1
    assert index.search("helene") == []
    assert 3 not in ids(index.search("boulanger amiens"))
    index.remove(3)  # absent: no error
    index.remove(999)


def test_add_to_an_empty_index_then_search() -> None:
    index = SearchIndex()
    assert len(index) == 0
    assert index.search("x") == []
    index.add(42, {"name": "Noémie Dhainaut", "tags": "BNI, golf"})
    assert 42 in index
    assert "42" not in index
    assert [] not in index  # unhashable: simply absent
    assert ids(index.search("noemie")) == [42]
    assert ids(index.search("dhain")) == [42]
    assert index.search("golf")[0].field == "tags"


def test_build_and_repeated_add_give_the_same_results() -> None:
    one_by_one = SearchIndex()
    for doc_id, fields in CONTACTS.items():
        one_by_one.add(doc_id, fields)
    built = SearchIndex.build(CONTACTS.items())
    for query in ("dup", "d", "hel", "boulanger amiens", "voile", "dupond", "jean dupont"):
        assert one_by_one.search(query) == built.search(query), query


def test_many_replacements_compact_the_index() -> None:
    index = SearchIndex()
    for word in ("alpha", "bravo", "charlie"):
        for doc_id in range(1000):
            index.add(doc_id, {"name": f"Contact{doc_id} {word}", "city": "Lens"})
    assert len(index) == 1000
    assert index.search("contact7")[0].id == 7
    assert index.search("contact7")[0].score == 100
    assert index.search("alpha") == []
    assert index.search("bravo") == []
    assert len(index.search("charlie", limit=2000)) == 1000
    index.compact()
    assert index.search("contact7")[0].id == 7
    assert len(index.search("charlie", limit=2000)) == 1000


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        SearchIndex().add(1, {"nom": "Dupont"})


# -- queries and limits ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "!?", "-", "’"])
def test_empty_query_gives_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_limit_is_respected() -> None:
    index = SearchIndex.build((i, {"name": f"Jean Dupont{i}"}) for i in range(100))
    assert len(index.search("dupont", limit=7)) == 7
    assert len(index.search("jean dup", limit=7)) == 7
    assert len(index.search("dupont")) == 50
    assert index.search("dupont", limit=0) == []


def test_long_text_is_shown_as_a_snippet_around_the_match() -> None:
    notes = (
        "Rencontré au salon de Lille. " * 10 + "Cherche un entrepôt frigorifique. " + "Fin. " * 20
    )
    index = SearchIndex.build([(1, {"name": "Ana Roy", "notes": notes})])
    hit = index.search("frigorifique")[0]
    assert hit.field == "notes"
    assert len(hit.text) <= 90
    assert hit.text.startswith("…") and hit.text.endswith("…")
    assert highlighted(hit) == ["frigorifique"]


def test_single_letter_query_looks_at_names() -> None:
    index = SearchIndex.build(
        [
            (1, {"name": "Ana Roy", "notes": "déjeuner demain"}),
            (2, {"name": "Denis Roy"}),
        ]
    )
    assert ids(index.search("d")) == [2]


# -- properties --------------------------------------------------------------------------------

field_text = st.text(max_size=60)
documents = st.dictionaries(st.sampled_from(FIELDS), field_text, max_size=len(FIELDS))
LETTERS = "abcdefghijklmnopqrstuvwxyzéèêàâçôœæïüßABCÉÈÇŒ"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(documents, min_size=1, max_size=6), queries=st.lists(st.text(max_size=15)))
def test_search_never_fails_and_spans_stay_inside_text(
    docs: list[dict[str, str]], queries: list[str]
) -> None:
    index = SearchIndex.build(enumerate(docs))
    extra = SearchIndex()
    for i, doc in enumerate(docs):
        extra.add(i, doc)
    for text in [*queries, *(t for d in docs for t in d.values())]:
        for idx in (index, extra):
            hits = idx.search(text, limit=10)
            assert len(hits) <= 10
            for hit in hits:
                assert hit.id in idx
                assert hit.field in FIELDS
                assert 0 <= hit.score <= 100
                for start, end in hit.spans:
                    assert 0 <= start < end <= len(hit.text)


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(max_size=30),
    word=st.text(alphabet=LETTERS, min_size=1, max_size=12),
    after=st.text(max_size=30),
    field=st.sampled_from(FIELDS),
    others=st.lists(documents, max_size=4),
)
def test_a_word_of_a_new_document_finds_it(
    before: str, word: str, after: str, field: str, others: list[dict[str, str]]
) -> None:
    index = SearchIndex.build((i + 1, doc) for i, doc in enumerate(others))
    index.add(0, {field: f"{before} {word} {after}"})
    hits = index.search(word, limit=100)
    assert 0 in ids(hits)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fast_indexing_fold_gives_the_same_words(text: str) -> None:
    assert WORD.findall(_fold_words(text)) == WORD.findall(fold(text))


@given(st.text())
def test_fold_with_map_agrees_with_fold(text: str) -> None:
    folded, where = fold_with_map(text)
    assert folded == fold(text)
    assert len(where) == len(folded)
    assert all(0 <= i < len(text) for i in where)
    assert list(where) == sorted(where)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), documents), max_size=20))
def test_upserts_and_removals_match_a_fresh_build(ops: list[tuple[int, dict[str, str]]]) -> None:
    index = SearchIndex()
    truth: dict[int, dict[str, str]] = {}
    for doc_id, doc in ops:
        if doc:
            index.add(doc_id, doc)
            truth[doc_id] = doc
        else:
            index.remove(doc_id)
            truth.pop(doc_id, None)
    assert len(index) == len(truth)
    fresh = SearchIndex.build(truth.items())
    for doc in truth.values():
        for text in doc.values():
            assume(True)
            got = {(h.id, h.field, h.text, h.spans) for h in index.search(text, limit=100)}
            want = {(h.id, h.field, h.text, h.spans) for h in fresh.search(text, limit=100)}
            assert got == want
