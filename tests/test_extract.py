"""German extraction: golden files for one-feature fixtures, and the seeds' acceptance claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.extract import extract
from kb.parse import parse_path
from kb.rdf import claim_record

from conftest import FIXTURES, GOLDEN, check_golden

CASES = sorted((FIXTURES / "extract").glob("*.txt"))


def records(path: Path) -> list[dict]:
    article = parse_path(path, source=path.name)[0]
    return [claim_record(article, c) for c in extract(article)]


def test_fixture_count():
    assert len(CASES) >= 8


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path, update_golden: bool):
    check_golden(GOLDEN / "extract" / f"{path.stem}.json", records(path), update_golden)


@pytest.fixture(scope="module")
def seed_claims(seed_paths):
    out = {}
    for path in seed_paths:
        article = parse_path(path)[0]
        out[article.date.isoformat()] = (article, extract(article))
    return out


def test_all_spans_match_the_text(seed_claims):
    total = 0
    for article, claims in seed_claims.values():
        for claim in claims:
            for span in (claim.content, claim.cue, claim.speaker_span):
                if span is not None:
                    assert article.text[span.start:span.end] == span.text
            total += 1
    assert total >= 30


def find(claims, speaker_key, act, words):
    return [c for c in claims if c.speaker.key == speaker_key and c.act == act and words in c.content.text]


def test_putin_denies_interference_in_november(seed_claims):
    _, claims = seed_claims["2017-11-11"]
    [claim] = find(claims, "vladimir-putin", "deny", "in die US-Wahl eingemischt")
    assert claim.form == "indirect" and claim.polarity == "negative" and claim.speaker_span.text == "Der Kremlchef"
    assert claim.cue.text == "wies"
    assert claim.proposition.key == "russia|interfere|us-election-2016"


def test_accusation_and_denial_share_a_proposition_in_may(seed_claims):
    _, claims = seed_claims["2017-05-02"]
    [accuse] = find(claims, "us-intelligence", "accuse", "manipuliert")
    [deny] = find(claims, "russia", "deny", "manipuliert")
    assert accuse.content == deny.content
    assert accuse.proposition == deny.proposition
    assert accuse.proposition.key == "russia|interfere|us-election-2016"
    assert (accuse.polarity, deny.polarity) == ("positive", "negative")
    assert deny.speaker_span.text == "Moskau" and deny.cue.text == "bestreitet"


def test_trump_believes_putin(seed_claims):
    _, claims = seed_claims["2017-11-11"]
    [denial] = find(claims, "vladimir-putin", "deny", "Ich habe das nicht gemacht")
    [belief] = [c for c in claims if c.speaker.key == "donald-trump" and c.act == "believe" and c.rule == "believe-person"]
    assert claims[belief.about_claim] is denial
    outer = claims[denial.nested_in]
    assert outer.speaker.key == "donald-trump" and outer.form == "direct"
    assert belief.nested_in == denial.nested_in


def test_resolution_2254_calls_for_elections(seed_claims):
    _, claims = seed_claims["2017-11-11"]
    [claim] = [c for c in claims if "Resolution Nr. 2254" in c.content.text]
    assert claim.speaker.type == "document" and claim.speaker.label == "Erklärung zu Syrien"
    keys = {p.key for p in claim.propositions}
    assert "un-resolution-2254|call-for|elections" in keys


def test_speakers_of_the_seeds(seed_claims):
    speakers = {c.speaker.key for _, claims in seed_claims.values() for c in claims}
    for key in ("donald-trump", "vladimir-putin", "dmitry-peskov", "white-house", "russia", "us-intelligence"):
        assert key in speakers
    assert any(k.endswith("erklarung-zu-syrien") for k in speakers)


def test_cross_article_propositions(seed_claims):
    by_date = {d: {p.key for c in claims for p in c.propositions} for d, (_, claims) in seed_claims.items()}
    shared = by_date["2017-05-02"] & by_date["2017-11-11"]
    assert "russia|interfere|us-election-2016" in shared
    assert "russia|relations-tense|united-states" in shared


SAME_STORY = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "same-story"


@pytest.mark.skipif(not SAME_STORY.exists(), reason=f"shared data set not found at {SAME_STORY}")
def test_helsinki_denial_links_to_2017(seed_paths, tmp_path):
    from kb.pipeline import ingest
    from kb.store import Store

    files = sorted(SAME_STORY.glob("*.txt"))
    assert len(files) == 3
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths + files)
    rows = store.query("""
        PREFIX kbo: <https://kb.example.org/ontology#>
        PREFIX schema: <http://schema.org/>
        SELECT DISTINCT ?date ?polarity WHERE {
          ?c kbo:about ?p ; kbo:dateSaid ?date ; kbo:polarity ?polarity .
          ?p kbo:relationKey "interfere" ; kbo:subject <https://kb.example.org/id/entity/russia> ;
             kbo:object <https://kb.example.org/id/entity/us-election-2016> }
        ORDER BY ?date""").rows
    dates = sorted({str(r[0]) for r in rows})
    # 2017-07-07: 'Nach Auffassung von US-Geheimdiensten haben russische Hacker versucht, ... die Wahl zu
    # beeinflussen' (the G20 report of that day) is US intelligence saying so
    assert dates == ["2017-05-02", "2017-07-07", "2017-11-11", "2018-07-16"]
    assert any(str(r[0]) == "2018-07-16" and str(r[1]).endswith("negative") for r in rows)


def test_g20_meeting_planned_in_may_is_reported_held_in_november(seed_claims):
    may = [c for c in seed_claims["2017-05-02"][1] if c.proposition and c.proposition.key == "donald-trump|meet|vladimir-putin"]
    nov = [c for c in seed_claims["2017-11-11"][1] if c.proposition and c.proposition.key == "donald-trump|meet|vladimir-putin"]
    assert [c.act for c in may] == ["plan"] and "G20-Gipfels" in may[0].content.text
    assert len(nov) == 1 and "führten beide ein längeres Gespräch" in nov[0].content.text


# One sentence per rule added for SpkAtt-style frames: (text, speaker span, cue, content start).
# A lead sentence comes first, so the text is a body paragraph.
FRAMES = [
    # the source noun belongs to the source phrase, 'nach' is the cue
    ("Nach Angaben der Polizei wurden drei Menschen verletzt.", "Angaben der Polizei", "Nach", "wurden drei"),
    ("Nach offiziellen Angaben sind mehr als 13.000 Menschen erkrankt.", "offiziellen Angaben", "Nach", "sind mehr"),
    ("Nach einer Stellungnahme der US-Armee befand sich der Helikopter auf dem Flug.",
     "einer Stellungnahme der US-Armee", "Nach", "befand sich"),
    ("Nach Angaben libanesischer Sicherheitskreise wurde eine Person getötet.",
     "Angaben libanesischer Sicherheitskreise", "Nach", "wurde eine"),
    # a phrase the gazetteer does not know is still a speaker, known by its description
    ("Die Beschneidung verringert neuesten Studien zufolge das Ansteckungsrisiko.", "neuesten Studien", "zufolge",
     "Die Beschneidung"),
    # a pronoun with no antecedent in view is still the speaker mention
    ("Er erklärte, mit dem Gesetz solle organisiertes Verbrechen bekämpft werden.", "Er", "erklärte",
     "mit dem Gesetz"),
    # hyphenated adjectives inside the speaker phrase
    ("Ein Sprecher des saudi-arabischen Gesundheitsministeriums sagte, dass mehrere Verletzte behandelt wurden.",
     "Ein Sprecher des saudi-arabischen Gesundheitsministeriums", "sagte", "dass mehrere"),
    # the whole first constituent before the finite verb is the subject
    ("Ken Rice vom Institut für Astronomie in Edinburgh erklärte, die Entdeckung werfe ein neues Licht auf die Theorie.",
     "Ken Rice vom Institut für Astronomie in Edinburgh", "erklärte", "die Entdeckung"),
    ("Hans-Jürgen Papier, Präsident des Bundesverfassungsgerichtes, sagte, dass der Antrag keine Vorentscheidung sei.",
     "Hans-Jürgen Papier, Präsident des Bundesverfassungsgerichtes", "sagte", "dass der Antrag"),
    # 'damit' before a finite verb is an adverb: the content starts there
    ("Generalstabschef Zakari Nandja erklärte hingegen, damit solle ein Machtvakuum vermieden werden.",
     "Generalstabschef Zakari Nandja", "erklärte", "damit solle"),
    # the name apposition after a role is part of the mention
    ("Die Seuche breite sich aus, sagte der Vorsitzende des Linux-Verbandes, Elmar Gesse.",
     "der Vorsitzende des Linux-Verbandes, Elmar Gesse", "sagte", "Die Seuche"),
    # ', so X weiter'
    ("Sein Rivale, so Obama weiter, würde massiv Spenden erhalten.", "Obama", "so", "Sein Rivale"),
    # new lexicon verbs
    ("Das Gericht machte klar, dass die Zeuginnen keine Interviews gegeben hätten.", "Das Gericht", "machte",
     "dass die Zeuginnen"),
    # round 2: a reported act is the whole sentence that tells it, its speaker included
    ("Die Entwicklung im Iran verglich Merkel mit dem Erstarken des Nationalsozialismus.", "Merkel", "verglich",
     "mit dem Erstarken des Nationalsozialismus"),
    # a prepositional object names what is said or thought
    ("Gutachter der Gesellschaft gehen von einem Totalschaden aus.", "Gutachter der Gesellschaft", "gehen",
     "von einem Totalschaden"),
    # the agent of a passive report
    ("Von der Opposition wurde die Art des Besuchs als unangemessen kritisiert.", "der Opposition", "kritisiert",
     "Von der Opposition wurde"),
    # 'von' ends no name; an affiliation after a person is part of the mention
    ("Der Vorschlag wurde von Angela Merkel von der CDU abgelehnt.", "Angela Merkel von der CDU", "abgelehnt",
     "Der Vorschlag"),
    # possessive determiners in a source phrase
    ("Die Garde hatte laut ihrem Anführer starken Zulauf.", "ihrem Anführer", "laut", "Die Garde hatte"),
    # round 3: compounds of source nouns and more source nouns after 'nach'
    ("Nach einem Fernsehbericht des arabischen Senders Al-Dschasira ist der Machthaber beerdigt worden.",
     "einem Fernsehbericht des arabischen Senders Al-Dschasira", "Nach", "ist der Machthaber"),
    ("Nach Berechnungen eines US-Forschers sind nur 300 Jäger eingewandert.", "Berechnungen eines US-Forschers",
     "Nach", "sind nur 300"),
    # a genitive name before the source noun
    ("Nach Grupps Meinung werden im Größenwahn Entscheidungen getroffen.", "Grupps Meinung", "Nach", "werden im"),
    # 'Demnach' is the source phrase and the cue
    ("Demnach sollen ältere Atomkraftwerke acht Jahre länger laufen.", "Demnach", "Demnach", "sollen ältere"),
    # a relative pronoun after 'nach' / 'laut' is the source
    ("Es gibt auch Gerüchte, nach denen der Sänger an Krebs litt.", "denen", "nach", "der Sänger an Krebs"),
    # a passive report: the dative is the addressee, not the speaker
    ("Ihm wird unter anderem vorgeworfen, in die Übernahme der Bank eingegriffen zu haben.", None, "vorgeworfen",
     "in die Übernahme"),
    # adjectives inside the subject before an auxiliary; a capitalised adverb is no subject
    ("Die 64-jährige deutsche Bundeskanzlerin Angela Merkel hat diesen Samstag angekündigt, zurückzutreten.",
     "Die 64-jährige deutsche Bundeskanzlerin Angela Merkel", "angekündigt", "zurückzutreten"),
    ("Unmissverständlich sagt das Gericht in der Urteilsbegründung, dass es nicht überzeugt sei.", "das Gericht",
     "sagt", "dass es nicht"),
    # a subject with its relative clause fills the first position
    ("Der NDR, der in der ARD für den Vertrag verantwortlich ist, begründete die Einblendungen damit, dass "
     "geschützte Datenbanken genutzt würden.", "Der NDR", "begründete", "dass geschützte"),
    # reported speech may open with a subordinate clause
    ("Bush befürchtet, sobald er sich der Meinung anschließe, werde der Druck auf ihn zunehmen.", "Bush",
     "befürchtet", "sobald er"),
    # 'Wie schon X sagte, ...'
    ("Wie schon die WHO sagte, ist es unwahrscheinlich, sich dort anzustecken.", "die WHO", "sagte", "ist es"),
    # round 4: the infinitive is also the 3rd person plural; participles of strong verbs
    ("Die Kläger bemängeln, dass der Bundesrat übergangen worden sei.", "Die Kläger", "bemängeln", "dass der Bundesrat"),
    ("Der Verein hat versprochen, gegen die Randalierer vorzugehen.", "Der Verein", "versprochen", "gegen die"),
    # a short quoted title is a name inside the speaker phrase, or the whole speaker
    ("Die Wochenzeitung „Die Zeit“ meldet, die Verhandlungen seien gescheitert.", "Die Wochenzeitung „Die Zeit“",
     "meldet", "die Verhandlungen"),
    ("„Wir bleiben hier“, schrieb „Die Zeit“.", "„Die Zeit“", "schrieb", "„Wir bleiben hier“"),
    ("Eva Roth von der „Aktion Nachbarschaft“ sagte, die Spenden seien angekommen.",
     "Eva Roth von der „Aktion Nachbarschaft“", "sagte", "die Spenden"),
    # 'heißt es' / 'verlautete': the prepositional source ('in' left out of the span), or nobody named
    ("In einer Erklärung der Regierung heißt es, der Plan sei gescheitert.", "einer Erklärung der Regierung",
     "heißt", "der Plan"),
    ("Aus Regierungskreisen verlautete, der Plan sei gescheitert.", "Aus Regierungskreisen", "verlautete", "der Plan"),
    ("Der Plan sei gescheitert, hieß es beim Verband.", "beim Verband", "hieß", "Der Plan"),
    ("Weiter hieß es, der Plan sei gescheitert.", None, "hieß", "der Plan"),
    # a light verb and a reporting noun
    ("Die Staatsanwaltschaft hegt den Verdacht, der Mann könnte Geld veruntreut haben.", "Die Staatsanwaltschaft",
     "hegt den Verdacht", "der Mann"),
    ("Der Anwalt vertritt die Auffassung, dass das Urteil falsch sei.", "Der Anwalt", "vertritt die Auffassung",
     "dass das Urteil"),
    # a relative clause that reports: the pronoun is the mention
    ("Die Polizei befragte einen Zeugen, der angab, den Täter gesehen zu haben.", "der", "angab", "den Täter"),
    # a subordinate clause that reports
    ("Der Minister widersprach, indem er sagte, die Zahlen seien veraltet.", "er", "sagte", "die Zahlen"),
    # 'Wie X, <apposition>, sagte' and 'Wie ... bekannt wurde'
    ("Wie Jan Berg, ein Sprecher der Polizei, sagte, seien zwei Menschen verletzt worden.",
     "Jan Berg, ein Sprecher der Polizei", "sagte", "seien zwei"),
    ("Wie am Montag bekannt wurde, hat der Konzern das Werk verkauft.", None, "bekannt wurde", "hat der Konzern"),
    ("Am Montag wurde bekannt, dass der Konzern das Werk verkauft hat.", None, "wurde bekannt", "dass der Konzern"),
    # a name with its apposition fills the first position even before an object
    ("Jan Berg, Sprecher der Gewerkschaft, forderte die Regierung auf, die Löhne zu erhöhen.",
     "Jan Berg, Sprecher der Gewerkschaft", "forderte", "die Löhne"),
    # round 5: a verb-final clause writes the particle apart ('bekannt gab')
    ("Wie der Sportartikelhersteller Adidas am Morgen bekannt gab, wird er den Konkurrenten übernehmen.",
     "der Sportartikelhersteller Adidas", "gab", "wird er"),
    # a time's colon is no clause boundary
    ("Um 11:09 Uhr berichtet die Online-Ausgabe der Zeitung, dass ein Antrag gestellt wurde.",
     "die Online-Ausgabe", "berichtet", "dass ein Antrag"),
    # an infinitive clause after a noun is content, not a relative clause
    ("Colomer empfahl dem Gericht, der vor Jahren angestrengten Klage der Kommission stattzugeben.",
     "Colomer", "empfahl", "der vor Jahren"),
    # further genitives belong to the source phrase; 'Einer Meldung von X zufolge'
    ("Nach Angaben des Presseamtes des russischen Zivilschutzministeriums starben zehn Menschen.",
     "Angaben des Presseamtes des russischen Zivilschutzministeriums", "Nach", "starben"),
    ("Einer Meldung von Xinhua zufolge sei der Unterricht wieder aufgenommen worden.",
     "Einer Meldung von Xinhua", "zufolge", "sei der Unterricht"),
    ("Nach Angaben aus Khartum starben zehn Menschen.", "Angaben aus Khartum", "Nach", "starben"),
    # 'Von Seiten der X' in a passive report; a report 'in einer Pressemitteilung'
    ("Von Seiten der deutschen Delegation war den USA vorgeworfen worden, das Dokument verwässert zu haben.",
     "der deutschen Delegation", "vorgeworfen", "das Dokument"),
    ("So wird in einer Pressemitteilung der Organisation gefordert, dass die Regierung handeln müsse.",
     "einer Pressemitteilung der Organisation", "gefordert", "dass die Regierung"),
    # a second verb after 'und': the subject with its apposition before the first verb
    ("Einer der Putschisten, Harouna Adamou, dankte den Menschen und ergänzte, der Staatsstreich sei nötig.",
     "Einer der Putschisten, Harouna Adamou", "ergänzte", "der Staatsstreich"),
    # a quotation after a colon whose clause has no reporting verb: the subject says it
    ("Der Randalierer biss den Fluggast und rief: „Lasst mich raus!“", "Der Randalierer", "rief", "„Lasst mich"),
    ("Die Anwendung stellte der SPD-Vorsitzende Franz Müntefering in Frage: „Die Richtlinie ist nicht lebenswirklich.“",
     "der SPD-Vorsitzende Franz Müntefering", None, "„Die Richtlinie"),
    # web addresses are names
    ("Wie t-online.de berichtet, ist der erste Trailer im Internet veröffentlicht worden.",
     "t-online.de", "berichtet", "ist der erste"),
    # appositions after a name, with or without article, also after the verb
    ("Gegenüber der Presse sagte Honoré Durand, der Geschäftsführer des Unternehmens, dass alles gut sei.",
     "Honoré Durand, der Geschäftsführer des Unternehmens", "sagte", "dass alles"),
    ("Der Einsatz sei beendet, sagte Charles Bouchard, kanadischer General und Kommandeur des Einsatzes.",
     "Charles Bouchard, kanadischer General und Kommandeur des Einsatzes", "sagte", "Der Einsatz"),
    # a noun phrase with its apposition before the verb is the subject, not postposed content
    ("Die Haushaltspolitikerin der Grünen, Anja Hajduk, kritisierte die Pläne der Bundesregierung.",
     "Die Haushaltspolitikerin der Grünen, Anja Hajduk", "kritisierte", "die Pläne"),
    # time nouns and 'Des Weiteren' in the first position are no subject
    ("Anfang Juli berichtete der Fernsehsender al-Dschasira, in den Sachen seien Spuren gefunden worden.",
     "der Fernsehsender al-Dschasira", "berichtete", "in den Sachen"),
    ("Des Weiteren verwies Steinbrück darauf, dass der Haushaltsentwurf verfassungskonform sei.",
     "Steinbrück", "verwies", "dass der Haushaltsentwurf"),
    # a quoted name as the subject; an adverb between the verb and the subject
    ("„Muslix64“ erwähnte auch, dass er weiteren Quellcode veröffentlichen werde.", "„Muslix64“", "erwähnte",
     "dass er"),
    ("Die Enten waren infiziert. Das erklärte gestern ein Sprecher des Umweltministeriums.",
     "ein Sprecher des Umweltministeriums", "erklärte", "Die Enten"),
    # impersonal reports
    ("Es wird vermutet, dass Arafat vergiftet wurde.", None, "vermutet", "dass Arafat"),
    ("Erst nachdem er die Strafe abgesessen hatte, wurde bekannt, dass das Opfer gelogen hatte.",
     None, "wurde bekannt", "dass das Opfer"),
    # a noun phrase with its relative clause before the verb is the first position; a relative clause
    # inside postposed content is still content
    ("Der frühere Präsident Jimmy Carter, der als Wahlbeobachter im Land war, sagte Reportern, dass alles friedlich war.",
     "Der frühere Präsident Jimmy Carter", "sagte", "dass alles"),
    ("Russland, das sich eingemischt habe, sei schuld, sagte Trump.", "Trump", "sagte", "Russland, das sich"),
    # a prepositional report between the auxiliary and the participle
    ("Die Organisation hatte im Juli von ethnischen Säuberungen berichtet.", "Die Organisation", "berichtet",
     "im Juli von"),
    # round 6: a genitive relative clause before the verb; a numeral inside the speaker phrase
    ("Todor Kolarow, dessen Behörde für die Konfiszierung zuständig ist, sagte, dass Geld beschlagnahmt wurde.",
     "Todor Kolarow", "sagte", "dass Geld"),
    ("Einer der 13 beteiligten Feuerwehrmänner sagte: „Ich habe schon viele Hausbrände gesehen.“",
     "Einer der 13 beteiligten Feuerwehrmänner", "sagte", "„Ich habe"),
    # reported speech that ends in a quotation: content from the frame's comma
    ("Der Sprecher Béla Anda hatte erklärt, für den Kanzler sei entscheidend, „ob er Vertrauen genießt“.",
     "Der Sprecher Béla Anda", "erklärt", "für den Kanzler sei entscheidend, „ob er"),
    # a quotation as the object of the reporting verb right before it
    ("Die Demonstranten skandierten „Vorratsdatenspeicherung – sinnlos, teuer, einfach dumm“.",
     "Die Demonstranten", "skandierten", "„Vorratsdatenspeicherung – sinnlos, teuer, einfach dumm“"),
    # a copula and an adjective of belief
    ("Die Staatsanwaltschaft war sich sicher, dass diese Beweismittel ausreichen würden.",
     "Die Staatsanwaltschaft", "war sich sicher", "dass diese"),
    ("Beobachter halten es für unwahrscheinlich, dass das Gericht die Entscheidung kassiert.",
     "Beobachter", "halten es für unwahrscheinlich", "dass das Gericht"),
]


def test_round6_free_indirect_konjunktiv():
    """More Konjunktiv-I forms carry reported speech on, 'sollen' with a perfect infinitive reports, a
    capitalised noun ('Ruhe') or a first-person indicative ('ich denke') does not; the last speaker, not
    named in the sentence, gets no mention span."""
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Elshorst wies darauf hin, dass Siemens bei der Organisation Mitglied sei. "
                         "Jedoch ruhe die Mitgliedschaft gegenwärtig wegen eines anderen Skandals.\n\n"
                         "Die Polizei nahm zwei Männer fest. "
                         "Dabei sollen mindestens acht Menschen ums Leben gekommen sein.\n\n"
                         "Der Trainer sprach mit den Spielern. Ich denke, das Team ist stark. "
                         "In der Stadt herrscht Ruhe.\n", "round6.txt")
    got = [(c.rule, c.speaker.label, c.content.text[:20]) for c in extract(article) if c.form == "free-indirect"]
    assert got == [("free-indirect", "Elshorst", "Jedoch ruhe die Mitg"),
                   ("free-indirect-subject", "Polizei", "Dabei sollen mindest")], got


def test_a_decimal_comma_is_no_clause_boundary():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Die Gewerkschaftsforderung lautete auf 6,5 Prozent mehr Geld.\n", "decimal.txt")
    assert [c.content.text for c in extract(article) if c.content.text.startswith("5 Prozent")] == []


def test_free_indirect_speech_after_a_speaker_who_made_no_claim():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Der Ministerpräsident Christian Wulff äußerte sich am Rande einer Sitzung zu der Frage. "
                         "Jeder Pädagoge könne das Konto jetzt einlösen.\n", "speaking.txt")
    free = [c for c in extract(article) if c.form == "free-indirect"]
    assert [(c.speaker_span.text, c.content.text[:14]) for c in free] == [
        ("Der Ministerpräsident Christian Wulff", "Jeder Pädagoge")]


@pytest.mark.parametrize("text,speaker,cue,content", FRAMES, ids=[f[0][:30] for f in FRAMES])
def test_spkatt_frames(text: str, speaker: str, cue: str, content: str):
    from kb.parse import parse_text

    article = parse_text(f"Titel\n\n2010-01-01\n\nEin Satz.\n\n{text}\n", "frame.txt")
    got = [(c.speaker_span.text if c.speaker_span else None, c.cue.text if c.cue else None, c.content.text)
           for c in extract(article) if c.form != "narrator"]
    assert any(s == speaker and q == cue and t.startswith(content) for s, q, t in got), got


def test_round4_no_false_frames():
    """A prepositional phrase is no subject, a preposition is no separable particle, and a modal's
    infinitive in a subjunctive sentence is no reporting frame."""
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Durch die neue Technik versprechen sich die Forscher eine Massenproduktion, krumme Stämme "
                         "und dünne Zweige. Zehntausende Menschen nahmen an der Demonstration in der Stadt, teil. "
                         "Vor einigen Monaten stellten die Inspektoren zahlreiche Mängel fest.\n", "negative.txt")
    got = [(c.speaker_span and c.speaker_span.text, c.content.text) for c in extract(article) if c.form != "narrator"]
    assert not any(s and (s.startswith("Durch") or s in ("Monaten", "Zehntausende Menschen")) for s, _ in got), got


def test_round5_no_false_claims():
    """Relative clauses after a noun, attributive and bare participles, naming 'genannt', quoted titles
    and a foreign verb's particle make no claims; a singular Konjunktiv II alone carries no reported speech on."""
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Der Senat plant die Einführung einer „Schülerdatei“, in der 16 Daten gespeichert werden. "
                         "Mit diesen Programmen schließt sich eine oft beklagte Lücke im Angebot. "
                         "Die Niederländer spielten in der ersten Hälfte ausgesprochen defensiv. "
                         "Das neue Profil 1.1, auch „Bonus View“ genannt, umfasst einen Speicher. "
                         "Das nächste Spiel der Ice Tigers findet am Freitag in Ingolstadt statt. "
                         "Roger Barrett, wie er sich selbst gerne nannte, ist tot.\n\n"
                         "Der Minister sagte, die Lage sei ernst. Es könnte noch schlimmer kommen.\n\n"
                         "Die Sprecherin sagte, sie habe in der „Ruhr Nachrichten Zeitung“ davon gelesen.\n",
                         "negative5.txt")
    got = [(c.rule, c.content.text) for c in extract(article) if c.form != "narrator"]
    assert [t for _, t in got] == ["die Lage sei ernst", "sie habe in der „Ruhr Nachrichten Zeitung“ davon gelesen"], got


def test_free_indirect_mention_in_its_own_sentence():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Der VW-Betriebsratsvorsitzende Bernd Osterloh hat die Kommission angegriffen. "
                         "In dem Verfahren sieht Osterloh einen Angriff, es stehe im Gegensatz zur Marktwirtschaft.\n",
                         "mention.txt")
    free = [c for c in extract(article) if c.form == "free-indirect"]
    assert [(c.speaker.label, c.speaker_span.text) for c in free] == [("Bernd Osterloh", "Osterloh")]


def test_reported_speech_continues_across_a_paragraph_break():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "General Sonthi Boonyaratglin erklärte, die Verfassung werde die Rolle des Militärs festlegen.\n\n"
                         "Ein erster Entwurf werde dem König am Sonntag vorgelegt.\n", "free.txt")
    free = [c for c in extract(article) if c.form == "free-indirect"]
    assert [(c.speaker_span.text, c.content.text[:17]) for c in free] == [
        ("General Sonthi Boonyaratglin", "Ein erster Entwur")]


def test_a_relative_clause_after_a_frame_is_no_content():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Bill Keller bekräftigt den Bericht und zitiert aus der geheimen Studie des US-Militärs, "
                         "die aus dem Jahr 2005 stammt.\n", "relative.txt")
    assert [c.content.text for c in extract(article) if c.content.text.startswith("die aus")] == []


def test_free_indirect_speech_with_its_own_speaker():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Der Minister sagte, der Plan sei gescheitert. "
                         "Jugendliche haben dagegen gegenüber der Zeitung ausgesagt, dass die Stadt das Vorbild sei.\n",
                         "own.txt")
    spans = [c.speaker_span.text for c in extract(article) if "Vorbild" in c.content.text]
    assert spans and all(s == "Jugendliche" for s in spans), spans


def test_a_lone_word_after_a_reporting_verb_is_no_claim():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\nDie Polizei bittet um Hinweise. "
                         "Die Firma unterstützt die Behörde.\n", "acts.txt")
    assert [c for c in extract(article) if c.form == "reported"] == []


# ---- task B: speakers of continued (free indirect) speech


def test_a_possessive_source_inside_reported_speech_is_no_claim_of_its_own():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Im Gespräch mit dem Radio erklärte die Ministerin Anna Berger, die Reform sei ihrer Ansicht "
                         "nach gescheitert. Die Regierung werde einen neuen Entwurf vorlegen.\n", "possessive.txt")
    claims = extract(article)
    assert not [c for c in claims if c.rule == "source-preposition"], [(c.rule, c.content.text) for c in claims]
    free = [c for c in claims if c.form == "free-indirect"]
    assert [c.speaker.label for c in free] == ["Anna Berger"], [(c.speaker.label, c.speaker_span) for c in free]


def test_a_pronoun_inside_a_quotation_is_not_the_speaker_of_what_follows():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "„Wir rechnen mit dem Schlimmsten“, sagte der Sprecher dem Sender. „Die Lage ist ernst.“ "
                         "Er erwarte weitere Unruhen in der Hauptstadt.\n", "quoted.txt")
    free = [c for c in extract(article) if c.form == "free-indirect"]
    assert [c.speaker_span.text for c in free] == ["der Sprecher"], [(c.rule, c.speaker_span) for c in free]


def test_free_indirect_subject_must_be_a_known_speaker():
    from kb.parse import parse_text

    # a capitalised adverb opening the sentence before is no speaker; one named before by surname is
    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Die Sprecherin des Wetterdienstes sagte, es werde stürmisch.\n\n"
                         "Oberhalb von 800 Metern wurde Schnee gemeldet. Besonders der Westen sei betroffen.\n\n"
                         "Manfred Kurz sagte, die Schule werde den Fall prüfen.\n\n"
                         "Dekan Kurz sieht den Streit gelassen. Man habe nichts gewusst.\n", "subject.txt")
    free = {c.content.text: c.speaker_span.text for c in extract(article) if c.form == "free-indirect"}
    assert free.get("Besonders der Westen sei betroffen") != "Oberhalb", free
    assert free.get("Man habe nichts gewusst") == "Dekan Kurz", free


def test_free_indirect_with_its_own_frame_leaves_the_frame_out_of_the_content():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Der Bürgermeister sagte, die Straße werde gesperrt. Die Brücke sei zu alt, so bestätigt das Bauamt.\n\n"
                         "Die Händlerin zeigte sich erleichtert und dass die Kunden weiter kommen könnten.\n", "own.txt")
    own = {c.speaker_span.text: c.content.text for c in extract(article) if c.rule == "free-indirect-own"}
    assert own == {"das Bauamt": "Die Brücke sei zu alt",
                   "Die Händlerin": "dass die Kunden weiter kommen könnten"}, own


# ---- task A (recall of frames): one test per rule -------------------------------------------------

def _claims_a(sentence: str):
    from kb.parse import parse_text

    return extract(parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n" + sentence + "\n", "a.txt"))


def _pairs_a(sentence: str):
    return [(c.speaker_span.text if c.speaker_span else None, c.content.text) for c in _claims_a(sentence)]


def _speakers_a(sentence: str):
    return [s for s, _ in _pairs_a(sentence)]


def test_a_frame_in_a_main_clause_after_a_first_clause():
    assert ("die Gewerkschaft", "dass der Vorstand das Geld hat") in _pairs_a(
        "Der Plan wird von vielen positiv gesehen, die Gewerkschaft bezweifelt aber, dass der Vorstand das Geld hat.")


def test_a_frame_after_a_subordinate_clause_has_its_subject_after_the_verb():
    assert ("das Landgericht", "dass die Anlage stillgelegt werden muss") in _pairs_a(
        "Weil keine Genehmigung vorliegt, hat das Landgericht entschieden, dass die Anlage stillgelegt werden muss.")


def test_a_possessive_is_not_the_verb_meinen():
    pairs = _pairs_a("„Ich werde meine alte Wohnung behalten, bis der Umzug fertig ist“, sagte die Sängerin.")
    assert all(not content.startswith("bis der") for _, content in pairs), pairs


def test_a_quotation_then_a_passive_quoting_verb():
    assert ("der Botschafter", "„Wir werden die Gespräche fortsetzen“") in _pairs_a(
        "„Wir werden die Gespräche fortsetzen“, wird der Botschafter zitiert.")


def test_a_quotation_then_lassen_and_the_infinitive_of_the_cue():
    assert ("eine Sprecherin", "„Das Angebot gilt bis Freitag“") in _pairs_a(
        "„Das Angebot gilt bis Freitag“, ließ eine Sprecherin verlauten.")


def test_a_reflexive_pronoun_after_the_verb_is_no_speaker():
    assert ("der Bürgermeister", "„Die Brücke wird im Mai fertig“") in _pairs_a(
        "„Die Brücke wird im Mai fertig“, äußerte sich der Bürgermeister am Montag.")


def test_rief_and_sich_beschweren_are_cues():
    assert ("Die Schülerin", "„Wir haben gewonnen!“") in _pairs_a("Die Schülerin rief: „Wir haben gewonnen!“")
    assert ("Die Anwohner", "der Lärm sei unerträglich") in _pairs_a(
        "Die Anwohner beschweren sich, der Lärm sei unerträglich.")


def test_reported_speech_ending_in_a_quotation_before_a_so_frame():
    pairs = _pairs_a("Eine Geldstrafe sei den Bürgern nicht vermittelbar, „wenn jemand so etwas tut“, so die Richterin.")
    assert ("die Richterin", "Eine Geldstrafe sei den Bürgern nicht vermittelbar, „wenn jemand so etwas tut“") in pairs


def test_so_and_a_verb_open_a_clause_with_its_subject_after_the_verb():
    pairs = _pairs_a("Ein „großer Erfolg“, so urteilte die Trainerin nach dem Spiel.")
    assert [s for s, c in pairs if c == "Ein „großer Erfolg“"] == ["die Trainerin"]


def test_an_as_clause_with_a_role_and_the_name_in_commas():
    assert ("der Bevollmächtigte der Stadt, Karl Berger", "bleibt das Museum geschlossen") in _pairs_a(
        "Wie der Bevollmächtigte der Stadt, Karl Berger, am Morgen mitteilte, bleibt das Museum geschlossen.")


def test_a_person_with_an_affiliation_after_von():
    claims = [c for c in _claims_a("Der Komet ist sehr alt, erklärte Anna Berger von der University of Leeds.")
              if c.content.text == "Der Komet ist sehr alt"]
    assert [c.speaker.label for c in claims] == ["Anna Berger"]


def test_laut_with_a_demonstrative_and_a_lower_case_compound():
    assert ("diesem Plan", "müssten alle Schulen schließen") in _pairs_a("Laut diesem Plan müssten alle Schulen schließen.")
    assert [s for s, c in _pairs_a("Laut dpa-Meldung ist der Flughafen seit Montag geschlossen.")] == ["dpa-Meldung"]


def test_a_noun_frame_closed_by_a_particle_or_participle():
    assert ("Die Forscher", "dass die Tiere Farben sehen") in _pairs_a(
        "Die Forscher stellten schon im Jahr 2001 die These auf, dass die Tiere Farben sehen.")
    assert ("Die Ministerin", "die Steuer sei zu hoch") in _pairs_a(
        "Die Ministerin hatte am Montag in einer Rede die These vertreten, die Steuer sei zu hoch.")
    assert ("Der Vermieter", "dass die Miete pünktlich gezahlt wird") in _pairs_a(
        "Der Vermieter machte zur Bedingung, dass die Miete pünktlich gezahlt wird.")


def test_ansehen_als_with_es_before_the_subject():
    assert ("der 61-jährige Bürgermeister", "den Hafen zu modernisieren") in _pairs_a(
        "Als seine wichtigste Aufgabe sieht es der 61-jährige Bürgermeister an, den Hafen zu modernisieren.")
    assert ("Die Ministerin", "die Schulen zu sanieren") in _pairs_a(
        "Die Ministerin sah es als ihre Aufgabe an, die Schulen zu sanieren.")


def test_an_organisation_with_its_seat_and_halten_es_fuer():
    assert ("Die Welthandelsorganisation (WTO) in Genf", "dass die Zölle steigen") in _pairs_a(
        "Die Welthandelsorganisation (WTO) in Genf hält es auch für möglich, dass die Zölle steigen.")


def test_a_quoted_phrase_in_the_clause_of_a_reporting_verb():
    assert ("Der Bürgermeister", "„schweren Rückschlag“") in _pairs_a(
        "Der Bürgermeister bezeichnete die Schließung des Werks als einen „schweren Rückschlag“.")
    pairs = _pairs_a("Die Forscherin erwähnte die Zeitschrift „Journal of Botany“.")
    assert all(c != "„Journal of Botany“" for _, c in pairs), pairs


# --- reported acts without their words (engineer C) -------------------------------------------

def _reported_claims(text: str) -> list:
    return [c for c in _claims_a(text) if c.rule == "reported-act"]


def test_reported_act_with_a_finite_verb_starting_like_a_participle():
    # 'geht' is a finite verb, not a participle ('ge-'), and a decimal comma ends no clause
    claims = _reported_claims("Die Feuerwehr geht von einem technischen Defekt aus. "
                              "Am Abend gab die Behörde einen Anteil von 12,5 Prozent bekannt.")
    got = {c.speaker_span.text: c.content.text for c in claims}
    assert got == {"Die Feuerwehr": "von einem technischen Defekt",
                   "die Behörde": "einen Anteil von 12,5 Prozent"}, got


def test_reported_act_in_the_passive_without_agent_has_no_speaker_span():
    claims = _reported_claims("Als Ursache des Ausfalls wurde ein Kurzschluss genannt. "
                              "Die Zahl der Verletzten wurde mit zwölf angegeben. "
                              "Von starken Regenfällen wird auch aus dem Süden berichtet.")
    got = [(c.speaker_span, c.content.text) for c in claims]
    assert got == [(None, "Als Ursache des Ausfalls wurde ein Kurzschluss genannt"),
                   (None, "Die Zahl der Verletzten wurde mit zwölf angegeben"),
                   (None, "Von starken Regenfällen wird auch aus dem Süden berichtet")], got


def test_no_reported_act_for_a_passive_participle_inside_a_subordinate_clause():
    claims = _reported_claims("Das Schiff, das im Hafen begrüßt wurde, legte am Abend ab.")
    assert claims == [], [(c.content.text) for c in claims]


def test_reported_assessment_with_its_predicate():
    claims = _reported_claims("Der Gutachter stufte den Neubau als einsturzgefährdet ein. "
                              "Die Händler werten die Preissenkung als Zeichen der Schwäche. "
                              "Die Wahl wurde vom Landesgericht für ungültig erklärt.")
    got = [(c.speaker_span.text, c.content.text) for c in claims]
    assert got == [("Der Gutachter", "den Neubau als einsturzgefährdet"),
                   ("Die Händler", "die Preissenkung als Zeichen der Schwäche"),
                   ("Landesgericht", "Die Wahl wurde vom Landesgericht für ungültig erklärt")], got


def test_reported_passive_is_its_own_clause_and_not_a_relative_clause():
    claims = _reported_claims("Der Verein zog um, während sein Plan von den Nachbarn als unzumutbar kritisiert wurde. "
                              "Er nutzt eine Strömung, die von Fachleuten als „Jetstream“ bezeichnet wird.")
    got = [(c.speaker_span.text, c.content.text) for c in claims]
    assert got == [("den Nachbarn", "während sein Plan von den Nachbarn als unzumutbar kritisiert wurde")], got


def test_no_reported_act_for_an_impersonal_expectation():
    claims = _reported_claims("Für Montag wird mit starkem Schneefall gerechnet.")
    assert claims == [], [(c.content.text) for c in claims]


def test_continuation_sentences_of_one_speaker_form_one_message():
    from kb.parse import parse_text

    article = parse_text("Titel\n\n2010-01-01\n\nEin Satz.\n\n"
                         "Die Bürgermeisterin sagte, die Brücke werde gesperrt. Sie sei seit Jahren marode. "
                         "Eine Sanierung lohne sich nicht mehr.\n\n"
                         "Ein Neubau koste rund zwei Millionen Euro.\n", "merge.txt")
    got = [(c.rule, c.content.text) for c in extract(article) if c.speaker_span is not None]
    assert got == [("indirect-frame-before", "die Brücke werde gesperrt"),
                   ("free-indirect", "Sie sei seit Jahren marode. Eine Sanierung lohne sich nicht mehr"),
                   ("free-indirect-last", "Ein Neubau koste rund zwei Millionen Euro")], got


def test_reported_act_with_a_distant_prepositional_object():
    claims = _reported_claims("Die Zeitung berichtete in ihrer Ausgabe vom 3. Mai 2009 von schweren Schäden.")
    got = [(c.speaker_span.text, c.content.text) for c in claims]
    assert got == [("Die Zeitung", "in ihrer Ausgabe vom 3. Mai 2009 von schweren Schäden")], got


def test_a_hedge_in_a_later_sentence_hedges_the_merged_message():
    claims = _claims_a("Der Minister sagte, die Brücke sei marode. Eine Sanierung lohne sich nicht. "
                       "Möglicherweise sei sie schon morgen gesperrt.")
    got = [(c.content.text, c.certainty) for c in claims if c.rule.startswith("free-indirect")]
    assert got == [("Eine Sanierung lohne sich nicht. Möglicherweise sei sie schon morgen gesperrt", "hedged")], got


# --- round 8, task A2: precision of reported-speech frames

def _contents_a2(sentence: str):
    return [c for _, c in _pairs_a(sentence)]


def test_an_enumeration_after_the_comma_is_no_reported_speech():
    assert not any("Gewerkschaften" in c for c in _contents_a2(
        "Die Bauern verlangten höhere Preise, bessere Straßen und stärkere Gewerkschaften."))
    assert not any("Berlin" in c for c in _contents_a2(
        "Der Verband nannte vor allem Hamburg, Bremen und Berlin."))
    assert ("Die Bauern", "sie würden notfalls streiken") in _pairs_a(
        "Die Bauern verlangten höhere Preise, sie würden notfalls streiken.")


def test_a_relative_clause_after_the_comma_is_no_reported_speech():
    assert not any("Komitee" in c or "stattfindet" in c for c in _contents_a2(
        "Die Ergebnisse wurden am Freitag auf einer Tagung bekanntgegeben, die bis morgen in Kiel stattfindet."))
    assert not any("Geld" in c for c in _contents_a2(
        "Mehrere Abgeordnete beschwerten sich beim Sportverband, der dem Verein Geld geben wollte."))


def test_a_verb_first_after_the_comma_continues_the_main_clause():
    assert not any("Geruch" in c for c in _contents_a2(
        "Die Wolken, die als dunkel beschrieben wurden, weisen zudem einen strengen Geruch auf."))


def test_a_second_main_clause_after_und_or_doch_is_no_content():
    assert not any("entschuldigte" in c for c in _contents_a2(
        "Dem Stürmer droht eine Sperre, und der Trainer entschuldigte sich bei den Fans."))


def test_a_frame_in_a_parenthesis_reports_nothing_after_it():
    assert not any("Kandidaten" in c for c in _contents_a2(
        "Auf dem Parteitag (die Zeitung berichtete) gab es keine Entscheidung darüber, ob die Partei einen Kandidaten aufstellt."))


def test_a_dative_or_accusative_after_the_verb_is_no_speaker():
    assert ("ein Sprecher der Polizei", "dass zwei Personen festgenommen wurden") in _pairs_a(
        "Am Montag bestätigte dem Sender ein Sprecher der Polizei, dass zwei Personen festgenommen wurden.")
    assert ("die Ministerin", "er sei zu teuer") in _pairs_a(
        "Den Vorschlag lehnte die Ministerin ab und sagte, er sei zu teuer.")


def test_a_second_verb_after_und_takes_the_subject_after_the_first_verb():
    assert ("er", "sich in Zukunft als Berater zu betätigen") in _pairs_a(
        "Im Januar 2007 legte er sein Amt nieder und verkündete, sich in Zukunft als Berater zu betätigen.")
    assert ("der Bischof", "die Ernennung zurückzunehmen") in _pairs_a(
        "Offenbar gab der Bischof nun dem Druck nach und bat den Papst, die Ernennung zurückzunehmen.")


def test_a_lone_demonstrative_subject_points_to_the_last_named():
    claims = _claims_a("Der Zeuge Peter Brandl wurde gestern vernommen. Dieser behauptete, der Angeklagte sei bewaffnet gewesen.")
    hit = [c for c in claims if c.content.text == "der Angeklagte sei bewaffnet gewesen"]
    assert hit and hit[0].speaker_span.text == "Dieser" and "Brandl" in hit[0].speaker.label, claims


def test_a_comparison_with_wie_or_a_time_after_the_comma_is_no_content():
    assert not any("Universal" in c for c in _contents_a2(
        "Das Video zeigt mehrere Filme, wie „Blade Runner“ von Warner Bros. und „Vertigo“ von Universal."))
    assert not any("Uhr" in c for c in _contents_a2(
        "Das nächste Spiel des Vereins findet am Freitag, 17. Dezember um 19:30 Uhr in Ingolstadt statt."))


def test_a_relative_clause_with_a_reporting_verb_at_the_end_is_no_content():
    assert not any("anprangerte" in c for c in _contents_a2(
        "Das Ministerium veröffentlichte kürzlich einen Bericht, in dem es Missbrauch anprangerte."))


def test_a_name_with_al_ends_the_subject_before_the_verb():
    assert ("Der Sender al-Arabija", "in dem Haus seien Waffen gefunden worden") in _pairs_a(
        "Der Sender al-Arabija hatte Anfang Juli berichtet, in dem Haus seien Waffen gefunden worden.")


def test_a_quotation_after_a_colon_ends_the_indirect_content():
    pairs = _pairs_a("Er sagte, Europa brauche die Briten und fügte hinzu: „Ohne sie geht es nicht.“")
    assert ("Er", "Europa brauche die Briten") in pairs, pairs
    assert not any("Vorgängen" in c for c in _contents_a2(
        "Besorgt äußerte sich auch der Vorsitzende des Vereins, Peter Brandl, zu den Vorgängen: „Wir befürchten das Schlimmste“, sagte er."))


# ---- task E (direct speech)

def test_e_a_verb_right_after_a_quotation_closed_by_a_full_stop_frames_it():
    assert ("die Bürgermeisterin", "„Die Brücke wird nächstes Jahr fertig.“") in _pairs_a(
        "„Die Brücke wird nächstes Jahr fertig.“ erklärte die Bürgermeisterin.")


def test_e_a_quoted_phrase_in_the_clause_of_a_reporting_verb_before_a_comma():
    assert ("Die Gewerkschaft", "„völlig unzureichend“") in _pairs_a(
        "Die Gewerkschaft nannte das Angebot „völlig unzureichend“, die Arbeitgeber wiesen das zurück.")


def test_e_a_quoted_phrase_before_the_reporting_verb_of_its_clause():
    assert ("der Abgeordnete Peter Brandl", "„gezielten Täuschung der Öffentlichkeit“") in _pairs_a(
        "Von einer „gezielten Täuschung der Öffentlichkeit“ sprach der Abgeordnete Peter Brandl.")
    assert ("er", "„Das war ein schwarzer Tag für uns alle“") in _pairs_a(
        "Mit den Worten „Das war ein schwarzer Tag für uns alle“ kommentierte er die Niederlage.")
    # a name in the speaker's phrase, a title after a noun, a passive: no direct claim
    assert not any(c == "„Hilfe für alle jetzt“" for _, c in _pairs_a(
        "Ein Sprecher der „Hilfe für alle jetzt“ sagte, die Lage sei ernst."))
    assert not any(c == "„Liebe deinen Nächsten“" for _, c in _pairs_a(
        "Nach der Enzyklika „Liebe deinen Nächsten“ meldete der Sender hohe Verkaufszahlen."))
    # (round 9: the passive's subject is no speaker; the words are someone's not named)
    assert all(s is None for s, c in _pairs_a(
        "Die Wolken, die als „neblig“ beschrieben wurden, zogen nach Osten.") if c == "„neblig“")


def test_e_a_second_quotation_joined_by_und_has_the_speaker_of_the_first():
    pairs = _pairs_a("Die Ministerin hatte damals erklärt: „Wir schaffen das bis zum Sommer“ und „Es wird höchste Zeit für eine Reform“.")
    assert ("Die Ministerin", "„Wir schaffen das bis zum Sommer“") in pairs, pairs
    assert ("Die Ministerin", "„Es wird höchste Zeit für eine Reform“") in pairs, pairs


# ---- task F (indirect speech, second pass): one test per rule ---------------------------------------

def test_f_a_passive_participle_without_ge_after_wurde():
    pairs = _pairs_a("Auf der Versammlung wurde beschlossen, das alte Rathaus zu verkaufen.")
    assert (None, "das alte Rathaus zu verkaufen") in pairs, pairs
    pairs = _pairs_a("Vom Gemeinderat wurde empfohlen, die Wasserleitungen zu erneuern.")
    assert ("Gemeinderat", "die Wasserleitungen zu erneuern") in pairs, pairs


def test_f_nach_with_a_dative_adjective_before_the_source_noun():
    pairs = _pairs_a("Nach bisherigem Erkenntnisstand hat ein Kurzschluss den Brand verursacht.")
    assert ("bisherigem Erkenntnisstand", "hat ein Kurzschluss den Brand verursacht") in pairs, pairs


def test_f_an_attitude_adjective_with_a_zu_infinitive():
    pairs = _pairs_a("Der Verein ist zuversichtlich, den Aufstieg noch zu schaffen.")
    assert ("Der Verein", "den Aufstieg noch zu schaffen") in pairs, pairs


def test_f_nachdenken_with_its_particle():
    pairs = _pairs_a("Die Stadtwerke denken darüber nach, die Preise im Herbst zu senken.")
    assert ("Die Stadtwerke", "die Preise im Herbst zu senken") in pairs, pairs


def test_f_danach_before_a_reportive_verb_is_a_source():
    claims = _claims_a("Die Feuerwehr legte einen Bericht vor. Danach sei das Feuer im Keller ausgebrochen.")
    assert any(c.content.text == "sei das Feuer im Keller ausgebrochen" and c.speaker_span.text == "Danach"
               for c in claims), claims
    assert not any(c.speaker_span and c.speaker_span.text == "Danach" for c in _claims_a(
        "Die Feuerwehr kam um acht Uhr. Danach brannte das Haus nicht mehr."))


def test_f_so_source_with_words_or_a_relative_clause_after_it():
    pairs = _pairs_a("Die Preise steigen weiter, so der Sprecher des Verbandes weiter.")
    assert ("der Sprecher des Verbandes", "Die Preise steigen weiter") in pairs, pairs
    pairs = _pairs_a("Viele Kinder schlafen zu wenig, so das Ergebnis einer Umfrage der Krankenkasse, in der 900 Eltern befragt wurden.")
    assert ("das Ergebnis einer Umfrage der Krankenkasse", "Viele Kinder schlafen zu wenig") in pairs, pairs


def test_f_wonach_after_a_noun_is_a_source():
    pairs = _pairs_a("Im Internet kursieren Gerüchte, wonach die Band sich bald trennen werde.")
    assert ("wonach", "die Band sich bald trennen werde") in pairs, pairs


@pytest.mark.parametrize("text", ["Das war so nach", "Er kam, nach", "Er kam, wonach", "Es war, laut"])
def test_a_source_preposition_at_the_end_of_the_text_is_no_crash(text):
    from kb.parse import parse_text

    assert extract(parse_text(f"Titel\n\n{text}\n", "end.txt")) == []


# --- round 8 task H: direct speech speakers ---------------------------------------------------------------------


def test_h_direct_continuation_skips_a_pronoun_inside_a_quotation():
    claims = _claims_a("Der Bürgermeister Hans Müller äußerte sich besorgt. „Ich befürchte, dass die Brücke einstürzt“, "
                       "sagte er dem Radio.\n\n„Die Schäden sind größer als gedacht.“")
    last = next(c for c in claims if c.content.text == "„Die Schäden sind größer als gedacht.“")
    assert last.speaker_span is not None and last.speaker_span.text == "er", claims


def test_h_auxiliary_across_a_quoted_phrase_of_the_clause():
    pairs = _pairs_a("Der Verband hatte den Bericht am Montag als „völlig falsch“ zurückgewiesen.")
    assert ("Der Verband", "„völlig falsch“") in pairs, pairs
    pairs = _pairs_a("Der Bericht wurde am Montag als „völlig falsch“ zurückgewiesen.")
    assert not any(s == "Der Bericht" for s, _ in pairs), pairs  # a passive: its subject is no speaker


def test_h_a_possessive_object_after_the_verb_is_no_speaker():
    pairs = _pairs_a("Der Stürmer Max Berger, der in der 80. Minute vom Platz gestellt wurde, nannte seinen "
                     "Platzverweis „völlig überzogen“.")
    assert ("Der Stürmer Max Berger", "„völlig überzogen“") in pairs, pairs
    assert not any(s == "seinen Platzverweis" for s, _ in pairs), pairs


# --- round 9 task J: speaker extent and indirect frames ---------------------------------------------------------


def test_j_source_phrase_goes_on_over_fuer_attribute():
    pairs = _pairs_a("Nach Angaben des Vereins für bedrohte Tierarten sind im Winter viele Vögel verhungert.")
    assert ("Angaben des Vereins für bedrohte Tierarten", "sind im Winter viele Vögel verhungert") in pairs, pairs


def test_j_source_phrase_stops_at_a_nominative_after_der():
    pairs = _pairs_a("Nach Auskunft der Behörde der gesamte Bestand sei verkauft worden.")
    assert any(s == "Auskunft der Behörde" for s, _ in pairs), pairs


def test_j_inverted_subject_keeps_its_genitive_and_seat():
    pairs = _pairs_a("Am Montag berichtete die Website des Fernsehsenders, das Stadion werde geschlossen.")
    assert ("die Website des Fernsehsenders", "das Stadion werde geschlossen") in pairs, pairs
    pairs = _pairs_a("Am Freitag teilte ein Sprecher des Amtes in Mainz mit, dass die Straße gesperrt bleibe.")
    assert ("ein Sprecher des Amtes in Mainz", "dass die Straße gesperrt bleibe") in pairs, pairs


def test_j_apposition_of_an_inverted_subject_before_dass():
    pairs = _pairs_a("Am Dienstag meldete der regionale Fernsehsender, Radio Nord, dass die Brücke gesperrt sei.")
    assert ("der regionale Fernsehsender, Radio Nord", "dass die Brücke gesperrt sei") in pairs, pairs
    pairs = _pairs_a("Gestern erklärte der Käufer, das auch mehrere Zeitungen herausgebende Verlagshaus Becker, "
                     "dass keine Stellen abgebaut würden.")
    assert ("der Käufer, das auch mehrere Zeitungen herausgebende Verlagshaus Becker",
            "dass keine Stellen abgebaut würden") in pairs, pairs


# --- round 9 task I: free indirect speech -----------------------------------------------------------------------


def test_i_a_reporting_verb_whose_speaker_is_unread_is_no_continuation():
    claims = _claims_a("Der Bürgermeister sagte, die Brücke sei marode. Der Stadtrat tagte am Abend. Am Dienstag "
                       "erklärte der 70-jährige in einer Zeitung, dass der Verkehr unerträglich geworden sei.")
    last = next(c for c in claims if "Verkehr" in c.content.text)
    assert last.content.text == "dass der Verkehr unerträglich geworden sei", claims
    # not 'Der Bürgermeister' (since round 10 the small-written 'der 70-jährige' is read as the speaker)
    assert last.speaker_span is None or last.speaker_span.text == "der 70-jährige", claims


def test_i_a_konjunktiv_ii_standing_in_for_the_konjunktiv_i_reports():
    pairs = _pairs_a("Die Gewerkschaft nahm am Montag Stellung. Die Arbeitgeber hätten die Gespräche ohne Grund abgebrochen.")
    assert ("Die Gewerkschaft", "Die Arbeitgeber hätten die Gespräche ohne Grund abgebrochen") in pairs, pairs
    pairs = _pairs_a("Die Gewerkschaft nahm am Montag Stellung. Die Löhne würden im Herbst steigen.")
    assert ("Die Gewerkschaft", "Die Löhne würden im Herbst steigen") in pairs, pairs


def test_i_a_first_person_sentence_is_no_continuation():
    claims = _claims_a("Der Trainer sagte, das Spiel sei schwer gewesen. Ich war im Stadion und habe alles gesehen.")
    assert not any("Stadion" in c.content.text for c in claims), claims
    claims = _claims_a("Der Trainer sagte, das Spiel sei schwer gewesen. Ich sei nicht im Stadion gewesen, sagte er.")
    assert any("Ich sei nicht im Stadion gewesen" in c.content.text for c in claims), claims


# --- round 9 task K: reported speech acts (form Reported) -------------------------------------------------------------


def test_k_reported_act_object_cannot_open_with_subject_pronoun_or_verb():
    claims = _claims_a("Seit Wochen kritisiert man sich in der Koalition gegenseitig.")
    assert not any(c.rule == "reported-act" for c in claims), claims
    claims = _claims_a("Die Gemeinde hätte früher gewarnt sein können.")
    assert not any(c.rule == "reported-act" for c in claims), claims
    claims = _claims_a("Die Mieter müssen sich selbst versichern und auch dafür bezahlen.")
    assert not any(c.rule == "reported-act" for c in claims), claims


def test_k_reported_act_object_spans_hyphenated_coordination():
    pairs = _pairs_a("Die Studenten forderten Lern-, Lehr- und Forschungsfreiheit.")
    assert ("Die Studenten", "Lern-, Lehr- und Forschungsfreiheit") in pairs, pairs


def test_k_passive_report_in_a_subordinate_clause_is_no_reported_act():
    claims = _claims_a("Was vom Vorstand am Montag beschlossen und verkündet wurde, überraschte die Belegschaft.")
    assert not any(c.rule == "reported-act" and "Vorstand" in c.content.text for c in claims), claims


def test_k_bezeichnen_without_als_denotes():
    claims = _claims_a("Der Begriff Allmende bezeichnet eine gemeinschaftlich genutzte Weide.")
    assert not any(c.rule == "reported-act" for c in claims), claims
    pairs = _pairs_a("Die Ministerin bezeichnete den Entwurf als völlig unzureichend.")
    assert any(p[0] == "Die Ministerin" and "den Entwurf" in p[1] for p in pairs), pairs


# --- round 10 task L: phrasal frames, 'nach' sources, speaker-span bugs -----------------------------------------


def test_l_verantwortlich_machen_keeps_the_verb_out_of_the_speaker():
    pairs = _pairs_a("Die Gewerkschaft macht die Geschäftsführung dafür verantwortlich, dass die Löhne seit Jahren sinken.")
    assert ("Die Gewerkschaft", "dass die Löhne seit Jahren sinken") in pairs, pairs


def test_l_eigen_source_names_the_subject_of_its_clause():
    claims = _claims_a("Der Trainer war nach eigenem Bekunden mit der Leistung seiner Mannschaft zufrieden.")
    claim = next(c for c in claims if c.rule == "source-preposition")
    assert claim.speaker.label == "Trainer" and claim.speaker_span.text == "eigenem Bekunden", claims
    claims = _claims_a("Nach eigener Aussage will der Forscher die Ursache des Unfalls klären.")
    claim = next(c for c in claims if c.rule == "source-preposition")
    assert claim.speaker.label == "Forscher", claims
    assert claim.content.text == "will der Forscher die Ursache des Unfalls klären", claims


def test_l_noun_frame_subject_with_genitive_and_inverted_subject():
    pairs = _pairs_a("Die Vereinigung der Sparer ist der Ansicht, dass das Gesetz zu einer geringen Rendite führe.")
    assert ("Die Vereinigung der Sparer", "dass das Gesetz zu einer geringen Rendite führe") in pairs, pairs
    pairs = _pairs_a("Seit dem Sommer vertritt der Abgeordnete die These, dass die Partei zerstritten sei.")
    assert ("der Abgeordnete", "dass die Partei zerstritten sei") in pairs, pairs


def test_l_noun_frame_without_a_speaker_after_a_prepositional_phrase():
    claims = _claims_a("Zur Frage der Kosten herrschte die Meinung vor, dass die Brücke zu teuer sei.")
    claim = next(c for c in claims if c.rule == "indirect-noun-frame")
    assert claim.speaker_span is None and claim.content.text == "dass die Brücke zu teuer sei", claims


def test_l_existential_noun_frame_and_noun_with_pronominal_adverb():
    claims = _claims_a("Es gibt allerdings Zweifel daran, ob der Zeuge die Wahrheit gesagt hat.")
    claim = next(c for c in claims if c.rule == "indirect-noun-frame")
    assert claim.speaker_span is None and claim.content.text == "ob der Zeuge die Wahrheit gesagt hat", claims
    assert claim.cue.text == "Es gibt allerdings Zweifel daran", claims
    pairs = _pairs_a("Der Bürgermeister drückte seine Verwunderung darüber aus, warum die Bahn den Bahnhof schließe.")
    assert ("Der Bürgermeister", "warum die Bahn den Bahnhof schließe") in pairs, pairs


# --- round 10 task N: speakers in frames the rules did not read ---------------------------------------------------


def test_n_impersonal_frame_source_with_relative_clause_first():
    pairs = _pairs_a("In dem Gutachten, das die Kommission vorgelegt hatte, heißt es, dass die Brücke marode sei.")
    assert ("dem Gutachten", "dass die Brücke marode sei") in pairs, pairs
    pairs = _pairs_a("Auf der Internetseite des Vereins hieß es, das Turnier falle aus.")
    assert ("der Internetseite des Vereins", "das Turnier falle aus") in pairs, pairs


def test_n_number_compound_nominalised_as_speaker():
    pairs = _pairs_a("Die 52-Jährige erklärte, sie habe von den Zahlungen nichts gewusst.")
    assert ("Die 52-Jährige", "sie habe von den Zahlungen nichts gewusst") in pairs, pairs
    pairs = _pairs_a("Am Freitag sagte der 67-jährige vor Gericht, dass er das Geld zurückzahlen wolle.")
    assert ("der 67-jährige", "dass er das Geld zurückzahlen wolle") in pairs, pairs
    pairs = _pairs_a("Der 67-jährige Rentner sagte, dass er das Geld zurückzahlen wolle.")
    assert ("Der 67-jährige Rentner", "dass er das Geld zurückzahlen wolle") in pairs, pairs


def test_n_first_position_phrase_with_apposition_is_no_postposed_content():
    claims = _claims_a("Im Finale aber, ihrer derzeit besten Disziplin, zeigte die 30-Jährige ihre Klasse.")
    assert not any("Finale" in c.content.text for c in claims), claims


def test_n_demonstrative_speaker_without_a_known_antecedent():
    pairs = _pairs_a("Für die Stadt, so schrieb diese in einer Mitteilung, sei das Fest ein großer Erfolg gewesen.")
    assert ("diese", "sei das Fest ein großer Erfolg gewesen") in pairs, pairs


def test_n_passive_belief_with_its_agent():
    pairs = _pairs_a("Von den Ermittlern wird angenommen, dass der Brand gelegt worden sei.")
    assert ("den Ermittlern", "dass der Brand gelegt worden sei") in pairs, pairs
    claims = _claims_a("Von einem Unfall wird nicht ausgegangen, da die Spuren eindeutig seien.")
    assert not any(c.rule == "indirect-frame-before" for c in claims), claims


def test_n_long_quoted_name_with_adjective_as_speaker():
    pairs = _pairs_a("Am Abend erklärte der neue „Nationale Rat für die Rettung des Vaterlandes“, die Lage sei ruhig.")
    assert ("der neue „Nationale Rat für die Rettung des Vaterlandes“", "die Lage sei ruhig") in pairs, pairs


def test_n_decimal_comma_between_auxiliary_and_participle():
    pairs = _pairs_a("Die Behörden haben 2,5 Millionen Menschen aufgefordert, ihre Häuser zu verlassen.")
    assert ("Die Behörden", "ihre Häuser zu verlassen") in pairs, pairs


def test_n_entgegensetzen_reports():
    pairs = _pairs_a("Die Grünen setzten dem entgegen, dass der Ausbau zu teuer sei.")
    assert ("Die Grünen", "dass der Ausbau zu teuer sei") in pairs, pairs


# --- round 11 task O: plain frames that made no claim ------------------------------------------------------------


def test_o_as_clause_after_a_conjunction():
    claims = _claims_a("Denn wie die Lokalzeitung meldete, bleibt das Freibad den ganzen Sommer geschlossen.")
    claim = next(c for c in claims if c.rule == "as-clause")
    assert claim.speaker_span.text == "die Lokalzeitung", claims
    assert claim.content.text == "bleibt das Freibad den ganzen Sommer geschlossen", claims


def test_o_frame_after_its_content_taken_up_by_das():
    pairs = _pairs_a("Der Fährbetrieb ruht bis zum Frühjahr, das beschloss der Kreistag.")
    assert ("der Kreistag", "Der Fährbetrieb ruht bis zum Frühjahr") in pairs, pairs
    pairs = _pairs_a("Die Ernte fällt dieses Jahr schwach aus – das jedenfalls befürchtet der Bauernverband.")
    assert ("der Bauernverband", "Die Ernte fällt dieses Jahr schwach aus") in pairs, pairs
    pairs = _pairs_a("Der Bahnhof wird umgebaut, das erklärte Ziel ist ein barrierefreier Zugang.")
    assert not pairs, pairs


def test_o_quantifier_opens_the_subject():
    pairs = _pairs_a("Mehrere Anwohner berichten, dass die Straße seit Wochen gesperrt ist.")
    assert ("Mehrere Anwohner", "dass die Straße seit Wochen gesperrt ist") in pairs, pairs
    pairs = _pairs_a("Die Fähre fiel aus, andere Reisende erzählten, dass sie stundenlang gewartet hätten.")
    assert ("andere Reisende", "dass sie stundenlang gewartet hätten") in pairs, pairs


def test_o_clause_before_a_comma_is_no_first_constituent():
    pairs = _pairs_a("Der Zug kam nicht, die Pendler beklagten, dass sie zu spät zur Arbeit kämen.")
    assert ("die Pendler", "dass sie zu spät zur Arbeit kämen") in pairs, pairs


def test_o_apposition_between_the_verb_and_its_particle():
    pairs = _pairs_a("Gestern gab die Leiterin des Bauamts, Petra Lang, bekannt, dass die Brücke abgerissen wird.")
    assert ("die Leiterin des Bauamts, Petra Lang", "dass die Brücke abgerissen wird") in pairs, pairs


def test_o_source_after_aus_with_hervorgehen():
    pairs = _pairs_a("Wie aus einem Schreiben des Landratsamts hervorgeht, wird die Schule im Herbst saniert.")
    assert ("einem Schreiben des Landratsamts", "wird die Schule im Herbst saniert") in pairs, pairs
    pairs = _pairs_a("Aus dem Jahresbericht der Stiftung geht hervor, dass die Spenden gestiegen sind.")
    assert ("dem Jahresbericht der Stiftung", "dass die Spenden gestiegen sind") in pairs, pairs
    pairs = _pairs_a("Der Trainer meint, dass die Mannschaft gestärkt aus der Krise hervorgegangen sei.")
    assert ("Der Trainer", "dass die Mannschaft gestärkt aus der Krise hervorgegangen sei") in pairs, pairs
    assert len(pairs) == 1, pairs


# --- round 11 task M: the speaker mention of continued reported speech ----------------------------------------


def test_m_quotation_paragraph_after_a_paragraph_ending_in_a_colon():
    # the colon that closes a paragraph introduces the quotation of the next one, as within a sentence
    claims = _claims_a("Der Sprecher des Verbands nannte die Zahlen am Montag. Die Bäckerei hält den Vorwurf dagegen für falsch:\n\n"
                       "„Wir haben das Mehl immer korrekt gelagert, das können wir belegen.“")
    claim = next(c for c in claims if c.content.text.startswith("„Wir haben"))
    assert claim.speaker_span.text == "Die Bäckerei" and claim.rule == "direct-colon", claims
    claims = _claims_a("Die Ministerin sprach am Vormittag im Landtag. Dabei griff sie auch den Oppositionsführer an:\n\n"
                       "„Wer so redet, hat die Zahlen nicht gelesen.“")
    claim = next(c for c in claims if c.content.text.startswith("„Wer so"))
    assert claim.speaker_span.text == "sie" and claim.rule == "direct-colon", claims


def _continued(sentences: str):
    """The claims of 'Der Bürgermeister sagte, ...' followed by these sentences."""
    return _claims_a("Der Bürgermeister sagte, die Straße werde gesperrt. Das Wetter war schön. " + sentences)


def test_m_free_indirect_subject_after_article_das_and_relative_clause():
    # 'Das' before a noun is its article, not the pronoun 'Das sei ...'
    claims = _continued("Das Landesamt prüft den Fall seit Wochen. Die Brücke sei zu alt und müsse abgerissen werden.")
    claim = next(c for c in claims if c.content.text.startswith("Die Brücke"))
    assert claim.rule == "free-indirect-subject" and claim.speaker_span.text == "Das Landesamt", claims
    # the subject's verb follows its relative clause; a role names a speaker not reported before
    claims = _continued("Der Kommissar der Union, Louis Berg, der seit Jahren im Amt ist, durfte nicht einreisen. "
                        "Die Brücke sei zu alt und müsse abgerissen werden.")
    claim = next(c for c in claims if c.content.text.startswith("Die Brücke"))
    assert claim.speaker_span.text == "Der Kommissar der Union, Louis Berg", claims


def test_m_free_indirect_after_a_document_cited_in_a_locative_phrase():
    # 'Im Prüfbericht werden ... aufgeführt': the document the sentence before cites, not the speaker reported last
    claims = _continued("Im Prüfbericht werden zahlreiche Mängel aufgeführt. Die Brücke sei zu alt und müsse abgerissen werden.")
    claim = next(c for c in claims if c.content.text.startswith("Die Brücke"))
    assert claim.rule == "free-indirect-source" and claim.speaker_span.text == "Prüfbericht", claims


# round 9: a source phrase inside a subordinate clause speaks for that clause only; appositions
def test_source_phrase_in_a_relative_clause_gives_that_clause():
    pairs = _pairs_a("Die festgenommenen Männer, die laut Ermittlern für zehn Morde verantwortlich sein dürften, "
                     "hatten möglicherweise Pläne für Anschläge.")
    assert ("Ermittlern", "die laut Ermittlern für zehn Morde verantwortlich sein dürften") in pairs
    # the clause goes on over a subordinate clause of its own, ends where the main clause resumes
    pairs = _pairs_a("Die Kontrolle, die laut dem Gericht nur zulässig ist, wenn die Strecken festgelegt werden, "
                     "endet am Freitag.")
    assert ("dem Gericht", "die laut dem Gericht nur zulässig ist, wenn die Strecken festgelegt werden") in pairs
    # in the main clause the content stays the whole sentence
    assert ("Atmar", "Unter den Toten sollen laut Atmar neun Zivilisten gewesen sein") in _pairs_a(
        "Unter den Toten sollen laut Atmar neun Zivilisten gewesen sein.")


def test_apposition_after_a_source_phrase_is_part_of_the_speaker():
    assert ("einem Sprecher von Pepsi, dem Getränkehersteller", "werde es der erste gemeinsame Auftritt sein") \
        in _pairs_a("Laut einem Sprecher von Pepsi, dem Getränkehersteller, werde es der erste gemeinsame Auftritt sein.")
    # a relative clause (it ends in its verb) is not an apposition
    assert _speakers_a("Laut Polizei, der die Täter bekannt sind, wurde niemand verletzt.") == ["Polizei"]


def test_zufolge_source_is_the_dative_phrase_before_it():
    assert _speakers_a("Am Samstag starben behördlichen Angaben zufolge zwölf Menschen.") == ["behördlichen Angaben"]
    assert _speakers_a("Zudem hob der Minister dem „Figaro“ zufolge die Lage hervor.") == ["dem „Figaro“"]
    assert _speakers_a("Sie stammen Zeitungsberichten zufolge aus Leeds.") == ["Zeitungsberichten"]
    assert "einigen Teilnehmern" in _speakers_a("Im Ausschuss sagte die Ministerin einigen Teilnehmern zufolge nichts.")
    assert _speakers_a("Den Angaben des Bundesamtes für Statistik zufolge stieg die Zahl.") == [
        "Den Angaben des Bundesamtes für Statistik"]
    assert _speakers_a("Einer Meldung von Xinhua zufolge starben zwölf Menschen.") == ["Einer Meldung von Xinhua"]


def test_remit_of_an_office_after_the_verb_belongs_to_the_speaker():
    assert _speakers_a("„Die Zahl steigt“, sagte der Chef der Bundesagentur für Arbeit, Frank Weise.") == [
        "der Chef der Bundesagentur für Arbeit, Frank Weise"]
# task P: reported speech acts
def _reported_a(sentence: str):
    return [(c.speaker_span.text if c.speaker_span else None, c.cue.text if c.cue else None, c.content.text)
            for c in _claims_a(sentence) if c.form == "reported"]


def test_p_reported_act_subject_with_a_prepositional_attribute():
    # the first position holds the subject with its 'für'/'im' attribute; 'den' after the verb is no subject
    assert ("Die Beauftragte für Datenschutz im Landtag", "verlangte", "den Verzicht auf die Kameras") in _reported_a(
        "Die Beauftragte für Datenschutz im Landtag verlangte den Verzicht auf die Kameras.")
    # an article of either case after the verb: a role or a body in the first position is the subject
    assert ("Der Rat für Migration", "stufte", "das Verfahren als unzulässig") in _reported_a(
        "Der Rat für Migration stufte das Verfahren als unzulässig ein.")


def test_p_reported_act_anregen_proposes():
    assert ("eine Sprecherin der Stadt", "regte", "eine Befragung der Anwohner") in _reported_a(
        "Daraufhin regte eine Sprecherin der Stadt eine Befragung der Anwohner an.")


def test_p_reported_act_with_a_lone_noun_object_closing_the_clause():
    assert ("Die Fluglotsen", "kündigten", "Streiks") in _reported_a("Die Fluglotsen kündigten Streiks an.")
    # a lone word that is no noun is still no statement
    assert not _reported_a("Die Fluglotsen kündigten es an.")


def test_p_extended_participle_attribute_is_no_act():
    # the clause has its auxiliary; 'verurteilten' between the article and its noun is an attribute
    assert not _reported_a("Der Präsident hat den im Mai wegen Betrugs verurteilten Bankier begnadigt.")


def test_p_verurteilen_with_zu_is_a_sentence_not_a_condemnation():
    assert not _reported_a("Das Landgericht verurteilte den Angeklagten zu drei Jahren Haft.")
    assert ("Die Regierung", "verurteilte", "den Anschlag") in _reported_a("Die Regierung verurteilte den Anschlag.")


def test_p_passive_report_with_a_long_middle_field():
    # the auxiliary stands more than eight words before the participle
    claims = [c for c in _claims_a("Als Ursache wurde von der Feuerwehr am späten Abend ein defektes altes "
                                   "Kabel im Keller des Hauses genannt.") if c.form == "reported"]
    assert [(c.speaker_span.text if c.speaker_span else None, c.cue.text) for c in claims] == \
        [("der Feuerwehr", "genannt")], claims


def test_a_source_noun_opening_the_sentence_is_no_reporting_verb():
    # 'Angaben' is also a form of 'angeben'; before an article it is the noun of 'Angaben der Polizei zufolge'
    assert [(c.rule, c.speaker_span.text) for c in _claims_a("Angaben der Polizei zufolge wurde niemand verletzt.")] \
        == [("source-preposition", "Angaben der Polizei")]


def test_a_sentence_adverb_in_first_position_is_no_speaker():
    assert _speakers_a("Gegenwärtig wirft der Minister dem Kollegen Einmischung vor.") == ["der Minister"]
# round 9, task R: direct quotations
def _direct_r(sentence: str):
    return [(c.rule, c.speaker_span.text if c.speaker_span else None, c.content.text)
            for c in _claims_a(sentence) if c.form == "direct"]


def test_r_single_quoted_word_in_reported_speech():
    # a single quoted adjective or verb inside reported speech is the speaker's own word
    found = _direct_r("Der Bürgermeister sagte, die alte Brücke sei „marode“ und müsse bald ersetzt werden.")
    assert ("quoted-words", "Der Bürgermeister", "„marode“") in found, found
    # a single quoted noun may be a name: no statement
    assert _direct_r("Die Sprecherin sagte, das Schiff „Adler“ sei am Morgen ausgelaufen.") == []


def test_r_quoted_phrase_of_a_passive_calling_verb():
    # the agent of the passive said it; without an agent, someone not named did
    found = _direct_r("Die Sanierung wird von vielen Fachleuten als „Verschwendung öffentlicher Gelder“ bezeichnet.")
    assert ("direct-in-clause", "vielen Fachleuten", "„Verschwendung öffentlicher Gelder“") in found, found
    found = _direct_r("Die Zustände im Lager, die als „unhaltbar“ beschrieben wurden, sollen sich bessern.")
    assert ("direct-in-clause", None, "„unhaltbar“") in found, found
    # supporting something 'als „X“' does not call it so
    assert _direct_r("Der Kandidat wurde als „kleineres Übel“ unterstützt.") == []


def test_r_capitalised_phrase_after_als_or_an_indefinite_article_is_no_title():
    found = _direct_r("Die Ministerin bezeichnete den Entwurf als „Schritt in die richtige Richtung“.")
    assert ("direct-in-clause", "Die Ministerin", "„Schritt in die richtige Richtung“") in found, found
    found = _direct_r("Der Präsident beklagte eine wachsende „Kluft zwischen Stadt und Land“.")
    assert ("direct-in-clause", "Der Präsident", "„Kluft zwischen Stadt und Land“") in found, found
    # after a definite article a capitalised quotation stays a name
    assert _direct_r("Der Minister sagte der „Bild am Sonntag“, die Steuern würden nicht erhöht.") == []


def test_r_colon_quotation_said_by_the_subject_of_its_clause():
    # a bare name right after the finite verb of the second position
    found = _direct_r("Jede Schuld an dem Unfall weist Bergmann von sich: „Ich habe die Ampel nicht übersehen.“")
    assert ("direct-colon", "Bergmann", "„Ich habe die Ampel nicht übersehen.“") in found, found
    # a prepositional phrase in the first position is no speaker
    found = _direct_r("Im Landtag warb Bergmann für das Gesetz mit den Worten: „Wir brauchen mehr Lehrer.“")
    assert ("direct-colon", "Bergmann", "„Wir brauchen mehr Lehrer.“") in found, found
    # the subject's relative clause is skipped to its verb, and is no part of the speaker
    found = _direct_r("Der Ermittler, der seit Jahren an dem Fall arbeitet, will die Akte schließen: „Mehr ist nicht zu finden.“")
    assert ("direct-colon", "Der Ermittler", "„Mehr ist nicht zu finden.“") in found, found


def test_r_later_quotation_past_the_frame_of_a_first_one():
    found = _direct_r("„Wir sind bereit“, sagte die Trainerin Anna Berg, die seit Jahren im Verein ist, und man werde "
                      "„bis zur letzten Minute um jeden Punkt kämpfen“.")
    assert ("direct-same-frame", "die Trainerin Anna Berg", "„bis zur letzten Minute um jeden Punkt kämpfen“") in found, found
    # a name in quotes after the frame is no statement
    found = _direct_r("„Wir sind bereit“, sagte die Trainerin Anna Berg nach dem Spiel gegen den „FC Nord“.")
    assert not any(c == "„FC Nord“" for _, _, c in found), found
# --- round 12 task Q: the speaker of free indirect speech ---------------------------------------------------


def test_q_free_indirect_continues_the_nearest_speaker_of_the_sentence_before():
    # two reports in the sentence before ('forderte' and 'laut ...'): the mention nearest to the message speaks on
    claims = _claims_a("Zwei Verletzte forderte am Abend laut Polizeiangaben ein Unfall auf der Autobahn. "
                       "Unter den Verletzten soll sich auch ein Kind befinden.")
    claim = next(c for c in claims if c.content.text.startswith("Unter den"))
    assert claim.rule == "free-indirect" and claim.speaker_span.text == "Polizeiangaben", claims
    claims = _claims_a("Die Ärztin nannte die Lage ernst, erklärten Beobachter am Montag. Das Krankenhaus sei überfüllt.")
    claim = next(c for c in claims if c.content.text.startswith("Das Krankenhaus"))
    assert claim.speaker_span.text == "Beobachter", claims


def test_q_subjunctive_clause_under_an_indicative_main_clause_names_its_subject():
    # the subjunctive stands only in the 'dass' clause: the main clause's subject speaks, whatever its verb
    claims = _continued("Ein Sprecher der Stadtwerke schränkte die Bereitschaft jedoch ein, dass die Arbeit nicht vor Ostern beendet sei.")
    claim = next(c for c in claims if "Ostern" in c.content.text)
    assert claim.rule == "free-indirect-own" and claim.speaker_span.text == "Ein Sprecher der Stadtwerke", claims
    assert claim.content.text == "dass die Arbeit nicht vor Ostern beendet sei", claims
    # the whole first constituent, its attributes and parenthesis included
    claims = _continued("Der Landesverband der Bäcker (LVB) hält es für richtig, dass der Preis im Herbst zu hoch sei.")
    claim = next(c for c in claims if "Herbst" in c.content.text)
    assert claim.speaker_span.text == "Der Landesverband der Bäcker (LVB)", claims
    # a main clause in the subjunctive is itself reported: not its subject's claim
    claims = _continued("Der Kämmerer sei nicht glücklich, dass der Haushalt ausgeglichen werde.")
    assert not any(c.speaker_span is not None and c.speaker_span.text == "Der Kämmerer" for c in claims), claims


def test_q_free_indirect_after_a_paragraph_of_narration_has_no_near_speaker():
    narration = ("Am Wochenende war das Wetter schön, und viele Familien gingen in den Stadtpark, um die Sonne zu "
                 "genießen. Am Abend spielte eine Band am Seeufer, und die zahlreichen Gäste tanzten bis spät in die Nacht hinein.")
    # the speaker reported paragraphs ago is not near: a source left unnamed
    claims = _claims_a("Der Bürgermeister sagte, die Straße werde gesperrt.\n\n" + narration + " Die Kosten seien zu hoch.")
    claim = next(c for c in claims if c.content.text.startswith("Die Kosten"))
    assert claim.rule == "free-indirect-last" and claim.speaker_span is None and claim.speaker.key == "unattributed", claims
    # within the paragraph the speaker reported last still speaks on
    claims = _claims_a("Der Bürgermeister sagte, die Straße werde gesperrt. " + narration + " Die Kosten seien zu hoch.")
    claim = next(c for c in claims if c.content.text.startswith("Die Kosten"))
    assert claim.speaker_span is not None and claim.speaker_span.text == "Der Bürgermeister", claims
# round 10 (task S): indirect speech after reporting nouns and frames
def test_s_reporting_noun_with_genitive_speaker_and_comma_clause():
    # a zu-infinitive after the comma; the content ends where the clause around the noun goes on
    assert ("der Anwohner", "die Straße nachts zu sperren") in _pairs_a(
        "Trotz einer Forderung der Anwohner, die Straße nachts zu sperren, fahren dort weiter Lastwagen.")
    assert ("des Vereins", "der Platz sei zu klein") in _pairs_a(
        "Auf den Einwand des Vereins, der Platz sei zu klein, antwortete die Stadt ausweichend.")
    # a name between commas is the speaker's apposition; the addressee after 'an' is no part of it
    assert ("seines Anwalts, Peter Kurz", "die Klage zurückzuziehen") in _pairs_a(
        "Trotz der Ankündigung seines Anwalts, Peter Kurz, die Klage zurückzuziehen, ging der Streit weiter.")
    assert ("der Behörde", "falsche Zahlen zu verbreiten") in _pairs_a(
        "Es gibt nur den Vorwurf der Behörde an die Firma, falsche Zahlen zu verbreiten.")


def test_s_reporting_noun_subject_with_source_after_von():
    # the noun is the subject, the source is the 'von' phrase in the first position
    assert ("der Feuerwehr", "bei dem Brand handele es sich um Brandstiftung") in _pairs_a(
        "Von der Feuerwehr kam die Information, bei dem Brand handele es sich um Brandstiftung.")
    # 'es' after the finite verb is the subject: the adverb in the first position speaks for nobody
    assert not [p for p in _pairs_a("Vor allem geht es bei diesen Drohungen darum, die Nachbarn einzuschüchtern.")
                if p[0] == "Vor allem"]


def test_s_light_verb_noun_frame_after_an_adverb_with_an_adverbial_before_the_noun():
    assert ("die Delegierten", "einen neuen Vorstand zu wählen") in _pairs_a(
        "So fassten die Delegierten am Samstag den Beschluss, einen neuen Vorstand zu wählen.")
    assert ("der Bürgermeister", "die Brücke sei sicher") in _pairs_a(
        "Gestern vertrat der Bürgermeister die Auffassung, die Brücke sei sicher.")


def test_s_long_apposition_of_the_subject_before_an_auxiliary():
    pairs = _pairs_a("Maria Berger, die Kandidatin der Grünen für das Amt der Bürgermeisterin bei den kommenden Wahlen "
                     "im Herbst, hat in einem Interview angekündigt, auf Spenden verzichten zu wollen.")
    assert ("Maria Berger, die Kandidatin der Grünen für das Amt der Bürgermeisterin bei den kommenden Wahlen im Herbst",
            "auf Spenden verzichten zu wollen") in pairs, pairs
    # a finite verb before its object makes the first position a clause, no subject
    pairs = _pairs_a("Der Fahrer verbrachte die Nacht in einer Zelle, schlief kaum, nur selten war er wach "
                     "und hatte gefragt: „Was ist mit dem Hund passiert?“")
    assert not [p for p in pairs if p[0] and "Nacht" in p[0]], pairs


def test_s_extended_attribute_in_the_speaker_phrase():
    # a prepositional phrase between the article and the participle or adjective that governs it
    assert ("ein für den Hafen zuständiger Sprecher", "Der Vorfall werde geprüft") in _pairs_a(
        "Der Vorfall werde geprüft, sagte ein für den Hafen zuständiger Sprecher.")
    assert ("die für den Fall zuständige Staatsanwaltschaft", "Das Schiff sei gesunken") in _pairs_a(
        "Das Schiff sei gesunken, teilte die für den Fall zuständige Staatsanwaltschaft mit.")
    # a dative pronoun is no article: 'droht ihr im Falle ... eine Strafe' names no speaker
    assert not [p for p in _pairs_a("Wenn die Frau verurteilt wird, droht ihr im Falle einer Verurteilung eine lange Strafe.")
                if p[0] and p[0].startswith("ihr")]


def test_s_extraposed_relative_clause_reports_with_auxiliary_and_ends_at_the_outer_clause():
    # the relative clause follows the words that close the main clause; the participle before its auxiliary
    pairs = _pairs_a("Auch der frühere Minister Karl Weber war anwesend, der der Regierung vorwarf, die Akten zu verstecken.")
    assert ("der", "die Akten zu verstecken") in pairs, pairs
    # the zu-infinitive ends where the outer clause goes on (its finite verb in the Konjunktiv II)
    pairs = _pairs_a("Wenn weitere Abgeordnete dem Beispiel des Abgeordneten Peter Kurz folgen, der erklärt hat, "
                     "gegen das Gesetz stimmen zu wollen, könnte es eng werden.")
    assert ("der", "gegen das Gesetz stimmen zu wollen") in pairs, pairs


def test_s_content_after_a_frame_ends_at_a_semicolon_or_a_second_finite_verb():
    assert ("Die Polizei", "dass der Fahrer betrunken gewesen sei") in _pairs_a(
        "Die Polizei teilte mit, dass der Fahrer betrunken gewesen sei; dieser bestritt das jedoch.")
    # the verb-last clause is over where the frame's subject goes on with 'und' and a finite verb
    assert ("Der Wetterdienst", "dass die Regenfälle anhalten") in _pairs_a(
        "Der Wetterdienst teilte mit, dass die Regenfälle anhalten und warnte für den Süden vor Hochwasser.")
    # a participle or adjective after 'und' stays in the clause
    assert ("Der Zeuge", "dass der Mann die Waffe gezogen und abgedrückt habe") in _pairs_a(
        "Der Zeuge sagte, dass der Mann die Waffe gezogen und abgedrückt habe.")


# --- task T: the subject of a frame when the first position is not the subject ---

def test_t_prepositional_first_position_is_no_speaker():
    # a first position opened by a preposition or its contraction with the article is no subject
    pairs = _pairs_a("Zum neuen Haushaltsplan der Stadt Ulm schreibt Petra Lange: „Die Zahlen stimmen nicht.“")
    assert [p for p in pairs if p[0] == "Petra Lange"], pairs
    pairs = _pairs_a("Beim Treffen in Hamburg kündigte der Verband an, er werde gegen das Gesetz klagen.")
    assert ("der Verband", "er werde gegen das Gesetz klagen") in pairs, pairs


def test_t_coordinated_subject_before_the_verb():
    # 'sowohl X als auch Y' and 'X sowie Y': both conjuncts are the subject
    pairs = _pairs_a("Sowohl die Stadtverwaltung als auch die Feuerwehr kündigten an, dass sie den Damm verstärken würden.")
    assert ("Sowohl die Stadtverwaltung als auch die Feuerwehr", "dass sie den Damm verstärken würden") in pairs, pairs
    pairs = _pairs_a("Die Bürgermeisterin sowie der Landrat erklärten, dass die Straße gesperrt bleibe.")
    assert ("Die Bürgermeisterin sowie der Landrat", "dass die Straße gesperrt bleibe") in pairs, pairs


def test_t_apposition_with_article_in_the_first_position():
    # ', der frühere Richter Hans Maier,' is an apposition of the subject, no relative clause
    pairs = _pairs_a("Der Vorsitzende des Vereins, der frühere Richter Hans Maier, erklärte, er sei zufrieden.")
    assert ("Der Vorsitzende des Vereins, der frühere Richter Hans Maier", "er sei zufrieden") in pairs, pairs
    # a relative clause still ends the subject
    pairs = _pairs_a("Die Anwohner, die lange Briefe geschrieben hatten, sagten, sie seien enttäuscht.")
    assert ("Die Anwohner", "sie seien enttäuscht") in pairs, pairs


def test_t_number_agreement_decides_the_subject_after_the_verb():
    # a phrase headed by a plural noun before a singular verb is the object; the subject follows the verb
    pairs = _pairs_a("Weitere neue Forderungen lehnt die Landesregierung ab: „Dafür gibt es kein Geld.“")
    assert [p for p in pairs if p[0] == "die Landesregierung"], pairs
    # a singular phrase before a plural verb is the object
    pairs = _pairs_a("Das Urteil kritisierten die Anwälte des Angeklagten scharf: „Das ist ein Skandal.“")
    assert [p for p in pairs if p[0] and p[0].startswith("die Anwälte")], pairs
    pairs = _pairs_a("Die Entscheidung begrüßten die Gewerkschaften, sie sei überfällig.")
    assert ("die Gewerkschaften", "sie sei überfällig") in pairs, pairs
    # agreeing subject and verb stay as they are
    pairs = _pairs_a("Die Gewerkschaften kritisierten den Minister, er habe gelogen.")
    assert ("Die Gewerkschaften", "er habe gelogen") in pairs, pairs
# ---- task V: opinion and speech verbs the cue lexicon lacked ----------------------------------------

def test_v_erinnern_frames_speech():
    # 'erinnerte sich' after a quotation, 'erinnerte daran, dass ...' before a clause
    assert ("die Gründerin des Vereins", "„Damals hatten wir kaum Geld für Benzin“") in _pairs_a(
        "„Damals hatten wir kaum Geld für Benzin“, erinnerte sich die Gründerin des Vereins.")
    assert ("Die Lehrerin", "dass die Schule vor hundert Jahren gegründet worden sei") in _pairs_a(
        "Die Lehrerin erinnerte daran, dass die Schule vor hundert Jahren gegründet worden sei.")
    # commemorating reports nothing
    assert not _pairs_a("Der Redner erinnerte an die Gründung der Stadt.")


def test_v_beurteilen_makes_its_subject_a_speaker():
    pairs = _pairs_a("Als „schweren Fehler“ beurteilte die Vorsitzende des Verbands den Beschluss. "
                     "„Wir werden vor Gericht ziehen und den Beschluss anfechten.“")
    assert ("die Vorsitzende des Verbands", "„Wir werden vor Gericht ziehen und den Beschluss anfechten.“") in pairs, pairs
    assert ("Die Vorsitzende", "der Verband werde klagen") in _pairs_a(
        "Die Vorsitzende beurteilte den Beschluss als schweren Fehler, der Verband werde klagen.")


def test_v_adjective_frame_closes_its_clause():
    # 'sich bewusst sein, dass ...' frames a belief; the adverb 'bewusst' inside a clause does not
    assert ("Die Ärzte", "dass die Behandlung riskant ist") in _pairs_a(
        "Die Ärzte sind sich bewusst, dass die Behandlung riskant ist.")
    assert not [c for c in _claims_a("Die Stadt hat sich bewusst dafür entschieden, dass die Straße gesperrt wird.")
                if c.cue is not None and c.cue.text == "bewusst"]
# --- task U: source phrases ('nach Angaben X', 'laut X', 'X zufolge') ---

def _u_pairs(text):
    return [(c.speaker_span.text if c.speaker_span else None, c.content.text) for c in _claims_u(text)]


def _claims_u(text):
    return [c for c in _claims_a(text) if c.rule == "source-preposition"]


def test_u_content_of_a_fronted_source_phrase_starts_at_the_finite_verb():
    # the first field holds one constituent: what stands before the finite verb belongs to the source phrase
    contents = [c for _, c in _u_pairs("Nach Angaben der Feuerwehr vom frühen Sonntagmorgen musste die Straße gesperrt werden.")]
    assert contents == ["musste die Straße gesperrt werden"], contents
    contents = [c for _, c in _u_pairs("Nach Angaben der Polizei, die bisher nicht bestätigt wurden, kamen drei Menschen ums Leben.")]
    assert contents == ["kamen drei Menschen ums Leben"], contents
    contents = [c for _, c in _u_pairs("Nach Angaben der Agenturen dpa und Reuters räumten Soldaten den Platz.")]
    assert contents == ["räumten Soldaten den Platz"], contents


def test_u_attributes_in_the_first_field_belong_to_the_source_phrase():
    pairs = _u_pairs("Nach Angaben der Feuerwehr vom frühen Sonntagmorgen musste die Straße gesperrt werden.")
    assert pairs == [("Angaben der Feuerwehr vom frühen Sonntagmorgen", "musste die Straße gesperrt werden")], pairs
    pairs = _u_pairs("Nach Angaben der Agenturen dpa und Reuters räumten Soldaten den Platz.")
    assert pairs == [("Angaben der Agenturen dpa und Reuters", "räumten Soldaten den Platz")], pairs
    pairs = _u_pairs("Nach Angaben von amnesty international (ai) wächst die Zahl der Gefangenen.")
    assert pairs == [("Angaben von amnesty international (ai)", "wächst die Zahl der Gefangenen")], pairs
    # a relative clause and an addressee are not part of the speaker
    pairs = _u_pairs("Nach Angaben der Polizei, die bisher nicht bestätigt wurden, kamen drei Menschen ums Leben.")
    assert pairs == [("Angaben der Polizei", "kamen drei Menschen ums Leben")], pairs
    pairs = _u_pairs("Nach Angaben eines Sprechers gegenüber der Presse ist das Werk geschlossen worden.")
    assert pairs == [("Angaben eines Sprechers", "ist das Werk geschlossen worden")], pairs


def test_u_apposition_without_its_closing_comma():
    pairs = _u_pairs("Nach Angaben von Karl Berger, dem Leiter des örtlichen Wetteramtes hatten die Behörden vor dem Sturm gewarnt.")
    assert pairs == [("Angaben von Karl Berger, dem Leiter des örtlichen Wetteramtes",
                      "hatten die Behörden vor dem Sturm gewarnt")], pairs


def test_u_relative_source_phrase_laut_denen_and_prepositional_relative_clause():
    # 'laut denen': the relative pronoun is the source, as with 'nach denen'
    pairs = [(c.speaker_span.text, c.content.text) for c in _claims_a(
        "Der Beschluss folgte den Plänen der Regierung, laut denen jeder Bürger ein Fahrrad besitzen sollte.")
        if c.rule == "source-relative"]
    assert pairs == [("denen", "jeder Bürger ein Fahrrad besitzen sollte")], pairs
    # a source phrase inside a relative clause opened by a preposition speaks for that clause
    pairs = _u_pairs("Die beiden Männer, unter denen sich nach Einschätzung der Polizei ein Räuber befinden sollte, "
                     "sind gestern entlassen worden.")
    assert pairs and pairs[0][1].startswith("unter denen sich") and "entlassen" not in pairs[0][1], pairs


def test_u_zufolge_phrase_goes_on_over_von_after_its_source_noun():
    pairs = _u_pairs("Angaben des geologischen Dienstes von Lissabon zufolge lag das Zentrum des Bebens im Meer.")
    assert pairs == [("Angaben des geologischen Dienstes von Lissabon", "lag das Zentrum des Bebens im Meer")], pairs
    pairs = _u_pairs("Einer Meldung von Reuters zufolge sind drei Menschen gestorben.")
    assert pairs == [("Einer Meldung von Reuters", "sind drei Menschen gestorben")], pairs


def test_u_so_phrase_with_a_verbless_tail():
    pairs = _u_pairs("Die meisten Schäden werden rasch behoben, so eine Mitteilung des Verkehrsamtes nach der Sitzung des Rates.")
    assert pairs == [("eine Mitteilung des Verkehrsamtes", "Die meisten Schäden werden rasch behoben")], pairs
    # a finite verb after 'so' makes it an adverb
    assert not _u_pairs("Die Preise steigen, so wird es bleiben.")


def test_u_lower_case_name_before_its_abbreviation_in_the_first_field():
    pairs = _u_pairs("Laut einem Bericht der Organisation pro asyl (pa) wächst die Zahl der Abschiebungen.")
    assert pairs == [("einem Bericht der Organisation pro asyl (pa)", "wächst die Zahl der Abschiebungen")], pairs


def test_u_laut_before_a_lower_case_name():
    pairs = _u_pairs("Laut taz sind die Mieten in der Stadt erneut gestiegen.")
    assert pairs == [("taz", "sind die Mieten in der Stadt erneut gestiegen")], pairs
    # a pronoun is no name
    assert not [p for p in _u_pairs("Laut ihnen sind die Mieten erneut gestiegen.") if p[0] == "ihnen"]


def test_u_demnach_inside_the_clause_takes_the_mention_of_its_referent():
    claims = [c for c in _claims_a("Die Bahn teilte mit, der Zug sei wegen eines Defekts ausgefallen. "
                                   "Ein Ersatz wäre demnach nicht rechtzeitig verfügbar gewesen.")
              if c.rule == "source-preposition"]
    assert [c.speaker_span.text for c in claims] == ["Die Bahn"], [(c.speaker_span.text, c.content.text) for c in claims]


def test_u_genitive_tail_closed_by_an_abbreviation():
    pairs = _u_pairs("Die Helfer mussten nach Angaben eines Sprechers einer internationalen Hilfsorganisation (IHO) "
                     "das Land verlassen.")
    assert pairs and pairs[0][0] == "Angaben eines Sprechers einer internationalen Hilfsorganisation (IHO)", pairs


def test_an_initial_with_its_period_stays_in_the_name():
    assert _speakers_a("„Wir sind stolz“, sagte der Sprecher George W. Bush am Montag.") == [
        "der Sprecher George W. Bush"]


def test_a_particle_after_a_second_joined_verb_is_not_the_first_verbs():
    """'... schrieben die Mieter und kündigten Proteste an': 'an' closes 'kündigten', so 'schrieben'
    is still the reporting verb of the quotation."""
    assert ("die Mieter", "„Ist das noch gerecht?“") in _pairs_a(
        "„Ist das noch gerecht?“ schrieben die Mieter und kündigten weitere Proteste an.")
# --- helper X: indirect frames ---------------------------------------------------------------------------


def test_x_participle_after_its_particle_written_apart():
    claims = [c for c in _claims_a("Der Verein hat am Freitag bekannt gegeben, dass der Trainer seinen Vertrag verlängert.")
              if c.form == "indirect"]
    assert [(c.speaker_span.text, c.content.text) for c in claims] == [
        ("Der Verein", "dass der Trainer seinen Vertrag verlängert")], claims
    # the bare participle without its particle reports nothing
    assert not [c for c in _claims_a("Der Verein hat dem Trainer Geld gegeben, um ihn zu halten.") if c.form == "indirect"]


def test_x_leading_subordinate_clause_with_its_own_frame():
    pairs = _pairs_a("Während der Kläger erklärte, von nichts gewusst zu haben, räumte die Beklagte ein, "
                     "den Vertrag gekannt zu haben.")
    assert ("der Kläger", "von nichts gewusst zu haben") in pairs, pairs
    assert ("die Beklagte", "den Vertrag gekannt zu haben") in pairs, pairs
    # the subjunction is no part of the speaker, the main clause no part of the content
    pairs = _pairs_a("Nachdem der Bürgermeister angekündigt hatte, die Schule zu schließen, protestierten die Eltern.")
    assert ("der Bürgermeister", "die Schule zu schließen") in pairs, pairs
# ---- task Z: free indirect speech

def test_z_modal_closing_a_subordinate_clause_does_not_continue_reported_speech():
    # 'soll' at the end of a relative or 'dass' clause is the plan of an indicative main clause
    for second in ("Der Tunnel ist das erste Bauwerk der Region, das von privaten Investoren betrieben werden soll.",
                   "Die Anwohner warten darauf, dass die Straße bald geöffnet werden soll."):
        pairs = _pairs_a("Die Stadtwerke teilten mit, die Leitung sei beschädigt. " + second)
        assert pairs == [("Die Stadtwerke", "die Leitung sei beschädigt")], pairs
    # a Konjunktiv I in the main clause still continues it
    pairs = _pairs_a("Die Stadtwerke teilten mit, die Leitung sei beschädigt. "
                     "Der Tunnel sei das erste Bauwerk, das gesperrt werden soll.")
    assert ("Die Stadtwerke", "Der Tunnel sei das erste Bauwerk, das gesperrt werden soll") in pairs, pairs


def test_z_konjunktiv1_main_clause_without_a_speaker_near_is_reported_by_an_unnamed_source():
    claims = [c for c in _claims_a("Am Abend brannte eine Scheune. Wegen der Trockenheit habe sich das Feuer rasch ausgebreitet.")
              if c.form == "free-indirect"]
    assert [(c.speaker_span, c.content.text) for c in claims] == [
        (None, "Wegen der Trockenheit habe sich das Feuer rasch ausgebreitet")], claims
    # a Konjunktiv I that only closes a relative clause does not
    assert not [c for c in _claims_a("Am Abend brannte eine Scheune. Die Feuerwehr kam, die den Brand gelöscht habe.")
                if c.form == "free-indirect"]
# ---- task Y (reported speech acts that were missed) ---------------------------------------------

def _y_reported(sentence: str):
    return [(c.speaker_span.text if c.speaker_span else None, c.content.text)
            for c in _claims_a(sentence) if c.rule == "reported-act"]


def test_y_second_main_clause_after_und_closes_the_act():
    # the particle of the second verb ('griff ... an') does not belong to the first clause
    assert _y_reported("Die Ministerin lobte den neuen Vertrag und griff die Opposition scharf an.") == [
        ("Die Ministerin", "den neuen Vertrag")]


def test_y_reflexive_cue_needs_its_reflexive_pronoun():
    # 'sich aussprechen für' reports a stance; 'jemandem etwas aussprechen' without 'sich' is another verb
    assert _y_reported("Der Präsident sprach den Opfern sein Mitgefühl aus.") == []
    assert _y_reported("Der Präsident sprach sich für neue Gespräche aus.") == [
        ("Der Präsident", "für neue Gespräche")]


def test_y_sprechen_ueber_reports_a_talk_about_its_topic():
    assert _y_reported("Die Bürgermeisterin spricht seit Wochen offen über einen Neubau des Bahnhofs.") == [
        ("Die Bürgermeisterin", "seit Wochen offen über einen Neubau des Bahnhofs")]
# ---- task W (speaker noun-phrase boundaries) --------------------------------------------------------

def test_w_seat_of_an_office_and_origin_after_the_verb():
    assert _pairs_a("Die Zinsen bleiben niedrig, sagte ein Notenbank-Sprecher in Frankfurt.") == [
        ("ein Notenbank-Sprecher in Frankfurt", "Die Zinsen bleiben niedrig")]
    assert _pairs_a("Der Entwurf gehe zu weit, erklärten mehrere Abgeordnete aus der Opposition.") == [
        ("mehrere Abgeordnete aus der Opposition", "Der Entwurf gehe zu weit")]
    # a person's 'in X' is where the words were said
    assert _pairs_a("Die Zinsen bleiben niedrig, sagte Karl Huber in Frankfurt.") == [
        ("Karl Huber", "Die Zinsen bleiben niedrig")]


def test_w_origin_attachment_keeps_the_person_as_speaker():
    claims = _claims_a("Die Brücke sei gesperrt worden. Das berichteten Helfer des Roten Kreuzes aus der Kreisstadt Velden.")
    assert [c.speaker_span.text for c in claims] == ["Helfer des Roten Kreuzes aus der Kreisstadt Velden"]
    assert claims[0].speaker.type != "city"


def test_w_genitive_of_a_genitive_and_the_name_after_it():
    assert _speakers_a("„Das reicht nicht“, sagte der Vorsitzende der Fraktion der Liberalen, Jan Berger.") == [
        "der Vorsitzende der Fraktion der Liberalen, Jan Berger"]
    assert _speakers_a("„Das reicht nicht“, sagte der Leiter der Behörde für Atomfragen (BAF), Ali el-Masri.") == [
        "der Leiter der Behörde für Atomfragen (BAF), Ali el-Masri"]


def test_w_name_words_with_apostrophes():
    assert _speakers_a("Die Lage sei ernst, sagte Sean O’Brien, der Sprecher der Feuerwehr.") == [
        "Sean O’Brien, der Sprecher der Feuerwehr"]


def test_w_remit_of_an_office_with_its_abbreviation():
    assert _speakers_a("Die Werte seien unbedenklich, teilte die Behörde für Strahlenschutz (BfS) mit.") == [
        "die Behörde für Strahlenschutz (BfS)"]
    assert _speakers_a("Der Kommissar für Handel und ländliche Entwicklung sagte, die Zölle fielen.") == [
        "Der Kommissar für Handel und ländliche Entwicklung"]


def test_w_apposition_ends_before_a_time_phrase_or_a_predicative():
    assert _speakers_a("Die Route sei frei, sagte Anna Roth, Leiterin des Krisenstabs am Dienstag.") == [
        "Anna Roth, Leiterin des Krisenstabs"]
    assert _speakers_a("„Wir haben gut gespielt“, zeigte sich Jonas Keller, der Trainer Vaduz nach dem Spiel erleichtert.") == [
        "Jonas Keller, der Trainer Vaduz"]


def test_w_affiliation_with_a_quoted_or_english_name_and_its_remit():
    assert _speakers_a("Das sei unklar, sagte Lena Wolf vom „Bündnis Freie Presse“ am Abend.") == [
        "Lena Wolf vom „Bündnis Freie Presse“"]
    assert _speakers_a("Das sei unklar, sagte Tom Reed von der University of St. Louis.") == [
        "Tom Reed von der University of St. Louis"]
    assert _speakers_a("Das sei unklar, sagte Tom Reed vom Sekretariat für ländliche Entwicklung in Ohio.") == [
        "Tom Reed vom Sekretariat für ländliche Entwicklung in Ohio"]


def test_w_plural_genitive_without_article():
    assert _speakers_a("Die Gebühren seien zu hoch, erklärte der Verband freier Architekten.") == [
        "der Verband freier Architekten"]
    # a time phrase in the genitive is none
    assert _speakers_a("Die Gebühren seien zu hoch, erklärte die Behörde vergangener Woche.") == ["die Behörde"]


# ---- task F2 (speakers of free indirect speech) -------------------------------------------------

def _f2_free(text: str):
    return [(c.speaker_span.text if c.speaker_span else None, c.content.text)
            for c in _claims_a(text) if c.form == "free-indirect"]


def test_f2_unnamed_source_is_the_agent_named_in_the_sentence_before():
    # a Konjunktiv I with no report near: the person the sentence before names, even as an object
    assert _f2_free("Der Haushalt wurde am Dienstag in einer Sitzung mit Finanzminister Karl Meier beraten. "
                    "Die Schulden seien zu hoch.") == [("Finanzminister Karl Meier", "Die Schulden seien zu hoch")]
    # or its subject after a fronted adverbial
    assert _f2_free("Seit gestern hat sich Bürgermeisterin Anna Schulz für den Neubau ausgesprochen. "
                    "Die alte Halle sei nicht mehr zu retten.") == [
        ("Bürgermeisterin Anna Schulz", "Die alte Halle sei nicht mehr zu retten")]


def test_f2_subject_after_the_finite_verb_of_the_sentence_before_speaks():
    # after a fronted adverbial the subject of the sentence before follows its finite verb
    assert _f2_free("Die Polizei sagte, der Täter sei geflohen. Mit Kritik an dem Entwurf hält sich "
                    "Bürgermeister Karl Meier zurück. So sei im Gesetz eine gute Formulierung gewählt worden.") == [
        ("Bürgermeister Karl Meier", "So sei im Gesetz eine gute Formulierung gewählt worden")]
    # no agent there: the speaker reported last
    assert _f2_free("Die Polizei sagte, der Täter sei geflohen. Am Abend brannte es in der Scheune. "
                    "Die alte Halle sei nicht mehr zu retten.") == [
        ("Die Polizei", "Die alte Halle sei nicht mehr zu retten")]


def test_f2_subject_after_the_finite_verb_frames_the_dass_clause():
    # the sentence names its own speaker after its finite verb: the 'dass' clause alone is the message
    claims = [(c.speaker_span.text if c.speaker_span else None, c.content.text, c.rule) for c in _claims_a(
        "Die Stadt legte am Montag ihren Bericht vor. Im zweiten Absatz beruft sich der Bürgermeister darauf, "
        "dass die Kosten gestiegen seien.")]
    assert claims == [("der Bürgermeister", "dass die Kosten gestiegen seien", "free-indirect-own")], claims


def test_f2_infinitive_of_the_subjunctive_is_no_frame_of_its_own():
    # 'stellen' is the infinitive under 'wolle', not a reporting verb of the sentence's own
    assert _f2_free("Am Mittwoch kündigte die Ministerin eine Reform an. Dabei verteidigte sie den Haushalt. "
                    "Außerdem wolle sie im Parlament die Vertrauensfrage stellen.") == [
        ("die Ministerin", "Außerdem wolle sie im Parlament die Vertrauensfrage stellen")]


def test_a_name_with_an_initial_after_the_verb_is_a_speaker():
    assert ("Georg W. Bush", "Die Regierung werde den Plan prüfen") in _pairs_a(
        "Die Regierung werde den Plan prüfen, sagte Georg W. Bush.")
# ---- task M2 (where the content of indirect speech begins and ends) -----------------------------

def _m2_indirect(sentence: str):
    return [(c.speaker_span.text if c.speaker_span else None, c.content.text)
            for c in _claims_a(sentence) if c.rule == "indirect-frame-before"]


def test_m2_verb_last_content_ends_where_a_finite_verb_follows_its_comma():
    # the main clause resumes after a preposed frame ...
    assert _m2_indirect("Hatte der Verein zuerst behauptet, dass die Zuschauer selbst verantwortlich seien, "
                        "wird nun ein neuer Zaun gebaut.") == [("der Verein", "dass die Zuschauer selbst verantwortlich seien")]
    # ... or the frame's subject goes on
    assert _m2_indirect("Der Angeklagte beteuerte, dass er das Geld nie gesehen habe, legte aber keine Belege vor.") == [
        ("Der Angeklagte", "dass er das Geld nie gesehen habe")]
    # the verb of the content itself after an inserted clause, and a relative clause inside it, stay
    assert _m2_indirect("Die Ministerin erklärte, dass sie, wenn es nötig werde, zurücktrete.") == [
        ("Die Ministerin", "dass sie, wenn es nötig werde, zurücktrete")]
    assert _m2_indirect("Der Bürgermeister betonte, dass die Straße, die im Winter gesperrt war, wieder frei sei.") == [
        ("Der Bürgermeister", "dass die Straße, die im Winter gesperrt war, wieder frei sei")]


def test_m2_relative_adverb_after_the_content_is_the_narrators():
    assert _m2_indirect("Die Forscherin fragte, wie sicher die alten Brücken seien, womit sich später ein Ausschuss "
                        "beschäftigte.") == [("Die Forscherin", "wie sicher die alten Brücken seien")]
    assert _m2_indirect("Der Sprecher sagte, dass die Anlage sicher sei, worauf die Anwohner nur mit Spott reagierten.") == [
        ("Der Sprecher", "dass die Anlage sicher sei")]
    # in Konjunktiv it is still reported
    assert _m2_indirect("Der Sprecher sagte, es gebe keine Alternative, worauf die Opposition aber nicht eingehen wolle.") == [
        ("Der Sprecher", "es gebe keine Alternative, worauf die Opposition aber nicht eingehen wolle")]


def test_m2_content_ends_before_und_with_a_past_indicative():
    assert _m2_indirect("Der Trainer sagte, die Mannschaft sei müde, und verlangte eine Pause.") == [
        ("Der Trainer", "die Mannschaft sei müde")]
    assert _m2_indirect("Der Trainer sagte, die Mannschaft sei müde und werde am Sonntag trotzdem gewinnen.") == [
        ("Der Trainer", "die Mannschaft sei müde und werde am Sonntag trotzdem gewinnen")]


def test_m2_content_ends_at_a_sentence_end_before_a_quotation():
    assert _m2_indirect("Der Trainer sagte, dass die Mannschaft müde gewesen war. „[...] die Spieler brauchen Ruhe“, "
                        "so der Arzt des Vereins.") == [("Der Trainer", "dass die Mannschaft müde gewesen war")]


def test_m2_content_begins_after_wonach_and_after_a_relative_clause_of_the_object():
    assert _m2_indirect("Die Gewerkschaft verwies auf Berichte, wonach die Firma ihre Werke schließen will.") == [
        ("Die Gewerkschaft", "die Firma ihre Werke schließen will")]
    assert _m2_indirect("Die Stadt veröffentlichte eine Mitteilung, in der es heißt, dass der Markt verlegt werde.") == [
        ("Die Stadt", "dass der Markt verlegt werde")]


def test_m2_apposition_between_frame_and_content():
    # an apposition of the speaker belongs to the speaker, one of another noun to neither
    assert _m2_indirect("In einem Gespräch erklärte der Leiter der Wetterbehörde (DWD), Karl el-Amin, der Sommer "
                        "werde sehr heiß.") == [("der Leiter der Wetterbehörde (DWD), Karl el-Amin", "der Sommer werde sehr heiß")]
    assert _m2_indirect("Die Reporterin schrieb in der „Morgenpost“, einer Lokalzeitung, die Stadt sei pleite.") == [
        ("Die Reporterin", "die Stadt sei pleite")]
    # an enumeration is the subject of the content
    assert _m2_indirect("Der Minister sagte, die Regierung, die Partei und die Verbände seien sich einig.") == [
        ("Der Minister", "die Regierung, die Partei und die Verbände seien sich einig")]


def _m2_source(sentence: str):
    return [(c.speaker_span.text if c.speaker_span else None, c.content.text)
            for c in _claims_a(sentence) if c.rule == "source-preposition"]


def test_m2_source_phrase_scopes_over_its_own_main_clause():
    assert _m2_source("Der Start wird am Montag erwartet, kann laut der Agentur aber auch später erfolgen.") == [
        ("der Agentur", "kann laut der Agentur aber auch später erfolgen")]
    assert _m2_source("Alle kleineren Häfen bleiben weiterhin gesperrt, lediglich der Haupthafen der Insel wurde laut "
                      "Behörden wieder freigegeben.") == [
        ("Behörden", "lediglich der Haupthafen der Insel wurde laut Behörden wieder freigegeben")]
    # a subordinate clause in the first position belongs to the main clause
    assert _m2_source("Weil die Behörden keine Statistiken führten, ist es laut der Studie schwer, Aussagen zu machen.") == [
        ("der Studie", "Weil die Behörden keine Statistiken führten, ist es laut der Studie schwer, Aussagen zu machen")]


def test_m2_inserted_wie_clause_before_the_content():
    assert _m2_indirect("Danach erklärte der „Rat für Ordnung“, wie sich die neue Regierung selbst nennt, die Lage "
                        "sei ruhig.") == [("der „Rat für Ordnung“", "die Lage sei ruhig")]
