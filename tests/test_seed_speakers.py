"""Every statement in the two seed articles goes to the one who made it: the speaker of each
claim whose content starts with these words (written by reading the articles, not from kb's
output). Continuations are the hard part: a quotation or a Konjunktiv sentence right after a
sentence that names its speaker without a claim of its own."""

from __future__ import annotations

import pytest

from kb.extract import extract
from kb.parse import parse_path

EXPECTED = [
    # 2017-11-11
    ("Wir haben anscheinend ein gutes Gespür", "donald-trump"),
    ("dass es ein sehr gutes Verhältnis ist", "donald-trump"),
    ("Wenn wir ein Verhältnis zu Russland hätten", "donald-trump"),
    ("Russland sei extrem wichtig", "donald-trump"),
    ("Jedes Mal, wenn er mich sieht", "donald-trump"),
    ("Ich habe das nicht gemacht", "vladimir-putin"),
    ("Moskau sei aber bereit", "vladimir-putin"),  # 'Auch Putin sieht weiter eine tiefe Krise ...'
    ("dass Moskau sich 2016 in die US-Wahl eingemischt", "vladimir-putin"),
    ("Alles, was mit dem sogenannten Russland-Dossier", "vladimir-putin"),
    ("Dass es uns unter diesen Umständen gelingt", "vladimir-putin"),  # 'Positiv kommentierte Putin ...'
    ("Die Außenminister Rex Tillerson und Sergej Lawrow hätten", "dmitry-peskov"),
    ("Der Syrienkonflikt müsse", "erklarung-zu-syrien"),
    ("Die entsprechende Resolution Nr. 2254", "erklarung-zu-syrien"),
    # 2017-05-02
    ("sie hätten vereinbart, ein bilaterales Treffen", "russia"),
    ("ihr Vorgehen im Kampf gegen den Terrorismus", "donald-trump+vladimir-putin"),
    ("das Telefongespräch in einer Erklärung", "white-house"),
    ("der Kreml habe mit Hackerangriffen", "us-intelligence russia"),  # accused by one, denied by the other
    ("die diplomatischen Bemühungen zu intensivieren", "donald-trump+vladimir-putin"),
]


@pytest.fixture(scope="module")
def seed_claims(seed_paths):
    return [c for path in seed_paths for c in extract(parse_path(path)[0])]


@pytest.mark.parametrize("start, speaker", EXPECTED, ids=[s[:30] for s, _ in EXPECTED])
def test_seed_statement_has_its_speaker(seed_claims, start: str, speaker: str) -> None:
    """``speaker``: the speaker keys of the claims with that content, space-separated."""
    found = [c for c in seed_claims if c.content.text.lstrip('"„').startswith(start)]
    assert found, f"no claim starts with {start!r}"
    # a document speaker's key is scoped to its article ('b634d609-erklarung-zu-syrien')
    keys = {c.speaker.key.split("-", 1)[1] if c.speaker.type == "document" else c.speaker.key for c in found}
    assert keys == set(speaker.split()), keys


@pytest.mark.parametrize("sentence, wrong", [
    ("Ein Sprecher des britischen Umweltministeriums sagte, die Werte seien gefährlich.", "united-kingdom"),
    ("Der deutsche Sportartikelhersteller Adidas-Salomon teilte mit, der Umsatz sei gestiegen.", "germany"),
    ("Die amerikanische Botschaft teilte mit, die Lage sei ruhig.", "united-states"),
])
def test_an_adjective_of_origin_is_not_the_speaker(sentence: str, wrong: str) -> None:
    """'des britischen Umweltministeriums': the ministry's spokesperson speaks, not Britain."""
    from kb.parse import parse_text

    claims = extract(parse_text(f"Titel\n\n2017-05-02\n\nEin Satz.\n\n{sentence}\n", "origin.txt"))
    assert claims and all(c.speaker.key != wrong for c in claims), [c.speaker.key for c in claims]


@pytest.mark.parametrize("sentence", ["Die russische Regierung erklärte, sie habe sich nie eingemischt.",
                                      "Die russische Seite erklärte, man lehne das ab."])
def test_a_country_named_by_its_government_still_speaks(sentence: str) -> None:
    from kb.parse import parse_text

    claims = extract(parse_text(f"Titel\n\n2017-05-02\n\nEin Satz.\n\n{sentence}\n", "gov.txt"))
    assert [c.speaker.key for c in claims] == ["russia"]
