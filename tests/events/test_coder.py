"""Behaviour of the rule coder: voice, negation, modality, coordination, parties, evidence."""

from __future__ import annotations

import datetime as dt

import pytest

D2020 = dt.date(2020, 1, 8)


def triples(doc, visible=True):
    evs = [e for e in doc.events if not visible or (not e.hypothetical and not e.negated)]
    return {(e.source.actor.key, e.type, e.target.actor.key if e.target else None) for e in evs}


def test_coder_active_voice_source_before_target(run_text):
    doc = run_text("Turki mendukung Pemerintah Kesepakatan Nasional (GNA).", lang="id", published=D2020)
    assert ("TUR", "SUPPORT", "LBY.GNA") in triples(doc)


def test_coder_di_passive_swaps_roles(run_text):
    doc = run_text("Pemerintah Kesepakatan Nasional didukung oleh Turki.", lang="id", published=D2020)
    assert triples(doc) == {("TUR", "SUPPORT", "LBY.GNA")}


def test_coder_received_support_swaps_roles(run_text):
    doc = run_text("LNA mendapat dukungan dari Mesir, Uni Emirat Arab, dan Arab Saudi.", lang="id", published=D2020)
    assert triples(doc) == {("EGY", "SUPPORT", "LBY.LNA"), ("ARE", "SUPPORT", "LBY.LNA"), ("SAU", "SUPPORT", "LBY.LNA")}


def test_coder_english_passive_with_by(run_text):
    doc = run_text("The Government of National Accord was backed by Turkey.", lang="en", published=D2020)
    assert ("TUR", "SUPPORT", "LBY.GNA") in triples(doc)


def test_coder_negated_support_becomes_reject(run_text):
    doc = run_text("Rusia tidak dapat mendukung resolusi Dewan Keamanan PBB.", lang="id", published=D2020)
    assert triples(doc) == {("RUS", "REJECT", "UNSC")}
    assert not any(e.hypothetical for e in doc.events)


def test_coder_refused_to_sign_is_reject(run_text):
    doc = run_text("Russia refused to sign the agreement with Ukraine.", lang="en", published=D2020)
    assert ("RUS", "REJECT", "UKR") in triples(doc)


def test_coder_negated_meeting_is_dropped_but_stored(run_text):
    doc = run_text("Rusia tidak bertemu dengan Turki.", lang="id", published=D2020)
    assert triples(doc) == set()
    assert any(e.negated and e.type == "CONSULT" for e in doc.events)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Turki mungkin menyerang Suriah.", "id"),
        ("Jika Rusia menyerang, NATO akan membalas.", "id"),
        ("Russia could attack Ukraine.", "en"),
        ("If Iran attacks Israel, the United States may respond.", "en"),
    ],
)
def test_coder_speculation_is_hypothetical(run_text, text, lang):
    doc = run_text(text, lang=lang, published=D2020)
    assert triples(doc) == set()
    assert any(e.hypothetical for e in doc.events)


def test_coder_commitment_to_help_is_agree(run_text):
    doc = run_text("Turkey will send military aid to Somalia.", lang="en", published=D2020)
    assert ("TUR", "AGREE", "SOM") in triples(doc)


def test_coder_coordinated_sources_give_one_event_each(run_text):
    doc = run_text("France, Egypt, Greece and Cyprus rejected the Turkish deal with Libya.", lang="en", published=D2020)
    keys = {s for s, t, _ in triples(doc) if t == "REJECT"}
    assert keys == {"FRA", "EGY", "GRC", "CYP"}


def test_coder_warring_parties_go_to_each_side(run_text):
    doc = run_text("Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya untuk gencatan senjata.", lang="id",
                   published=D2020)
    assert triples(doc) >= {("TUR", "REQUEST", "LBY.GNA"), ("TUR", "REQUEST", "LBY.LNA"),
                            ("RUS", "REQUEST", "LBY.GNA"), ("RUS", "REQUEST", "LBY.LNA")}


def test_coder_talks_between_is_consult(run_text):
    doc = run_text("Pembicaraan antara Turki dan Rusia berlangsung di Istanbul.", lang="id", published=D2020)
    assert ("TUR", "CONSULT", "RUS") in triples(doc)


def test_coder_reported_speech_speaker_is_not_source(run_text):
    doc = run_text("Turki menyerang posisi militan di Suriah utara, kata pejabat Amerika Serikat.", lang="id",
                   published=D2020)
    assert all(s != "USA" for s, _, _ in triples(doc))


def test_coder_declined_to_comment_is_no_event(run_text):
    doc = run_text("Misi PBB Amerika Serikat menolak berkomentar.", lang="id", published=D2020)
    assert triples(doc, visible=False) == set()


def test_coder_clash_is_mutual(run_text):
    doc = run_text("Tentara Sudan bentrok dengan RSF di Khartoum.", lang="id", published=dt.date(2024, 5, 1))
    found = triples(doc)
    # Sudan's army in the war years is the SAF side (events/data/conflicts.yaml)
    assert ("SDN.SAF", "ASSAULT", "SDN.RSF") in found and ("SDN.RSF", "ASSAULT", "SDN.SAF") in found


def test_coder_event_carries_evidence_and_coder(run_text):
    text = "Rusia menyerang Ukraina pada hari Senin."
    doc = run_text(text, lang="id", published=dt.date(2024, 5, 14))
    (e,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert doc.text[e.evidence.start : e.evidence.end] == e.evidence.text
    assert "menyerang" in e.evidence.text and e.coder.startswith("warta-rules")
    assert e.quad == "material_conflict" and e.intensity < 0
    assert e.pattern and e.pattern.startswith("warta/lang/id/events.yaml:")


def test_coder_tokens_inside_actor_names_never_trigger(run_text):
    # "Kesepakatan" (agreement) inside the GNA's Indonesian name is not an AGREE event
    doc = run_text("Pemerintah Kesepakatan Nasional mengadakan rapat.", lang="id", published=D2020)
    assert not any(e.type == "AGREE" for e in doc.events)


def test_coder_domestic_event_between_sectors_of_one_country(run_text):
    # rebels against their own state: same country key, different sectors, still an event
    doc = run_text("Afghan guerillas blew up three power lines leading into Kabul.", lang="en", published=D2020)
    assert ("AFG", "COERCE", "AFG") in triples(doc)


def test_coder_one_actor_named_twice_is_not_an_event(run_text):
    doc = run_text("The United States said Washington supported the plan.", lang="en", published=D2020)
    assert not any(s == t for s, _, t in triples(doc))


def test_coder_kinds_of_people_are_targets(run_text):
    doc = run_text("Egyptian police arrested dozens of students in Cairo.", lang="en", published=D2020)
    assert ("EGY", "COERCE", "EGY.STUDENTS") in triples(doc)
    doc = run_text("Polisi Mesir menangkap puluhan mahasiswa Mesir.", lang="id", published=D2020)
    assert ("EGY", "COERCE", "EGY.STUDENTS") in triples(doc)


def test_coder_students_protesting_are_protesters(run_text):
    doc = run_text("Serbian students marched in Belgrade on Saturday.", lang="en", published=dt.date(2025, 3, 15))
    assert {s for s, t, _ in triples(doc) if t == "PROTEST"} == {"SRB.PROTESTERS"}


def test_pipeline_undated_document_takes_roles_on_its_first_full_date(run_text):
    # Retno Marsudi was Indonesia's foreign minister until October 2024, a UN envoy after: an undated page
    # that says "9 April 2024" is about the minister
    text = "JAKARTA - Pada 9 April 2024, Retno Marsudi mendesak Israel menghentikan serangan di Gaza."
    doc = run_text(text, lang="id")
    assert doc.published is None and doc.reference_day == dt.date(2024, 4, 9)
    assert ("IDN", "REQUEST", "ISR") in triples(doc)


def test_pipeline_event_told_with_organ_and_parent_keeps_the_organ(run_text):
    text = ("Rusia tidak dapat mendukung seruan PBB untuk gencatan senjata.\n\n"
            "Rusia mengatakan tidak dapat mendukung resolusi Dewan Keamanan PBB tentang Libya.")
    doc = run_text(text, lang="id", published=dt.date(2019, 4, 18))
    got = triples(doc)
    assert ("RUS", "REJECT", "UNSC") in got and ("RUS", "REJECT", "UN") not in got


def test_coder_mission_calling_for_ceasefire_addresses_its_war(run_text):
    doc = run_text("Utusan PBB untuk Libya Ghassan Salame menyerukan gencatan senjata.", lang="id",
                   published=dt.date(2019, 4, 18))
    assert {("UNSMIL", "REQUEST", "LBY.GNA"), ("UNSMIL", "REQUEST", "LBY.LNA")} <= triples(doc)


def test_coder_attempted_attack_is_an_attack(run_text):
    doc = run_text("Houthi rebels tried to attack a US warship in the Red Sea.", lang="en", published=dt.date(2024, 1, 10))
    assert ("YEM.HOUTHI", "ASSAULT", "USA") in triples(doc)
    doc = run_text("Pasukan Haftar berusaha menyerang pasukan GNA di Tripoli.", lang="id", published=D2020)
    assert ("LBY.LNA", "ASSAULT", "LBY.GNA") in triples(doc)


def test_coder_attempted_talks_stay_hypothetical(run_text):
    doc = run_text("Turkey tried to meet Russia on Libya.", lang="en", published=D2020)
    assert ("TUR", "CONSULT", "RUS") not in triples(doc)


def test_coder_state_names_side_by_side_in_a_list_are_both_actors(run_text):
    doc = run_text("PBB menyambut baik seruan dari Turki dan Mesir Rusia.", lang="id", published=D2020)
    assert {("UN", "SUPPORT", "TUR"), ("UN", "SUPPORT", "EGY"), ("UN", "SUPPORT", "RUS")} <= triples(doc)


def test_coder_warning_someone_against_an_act_does_not_target_the_acts_object(run_text):
    doc = run_text("Washington telah memperingatkan negara-negara untuk mengirimkan senjata ke Libya.", lang="id",
                   published=dt.date(2019, 12, 14))
    assert not any(t == "LBY" for _, _, t in triples(doc))


def test_coder_giver_and_receiver_around_a_light_verb(run_text):
    doc = run_text("Amerika Serikat memberi Ukraina bantuan militer.", lang="id", published=dt.date(2024, 5, 1))
    assert ("USA", "AID", "UKR") in triples(doc)
    doc = run_text("Finland will give Tanzania a grant of 580 million shillings.", lang="en", published=D2020)
    assert triples(doc) == {("FIN", "AGREE", "TZA")}  # a promise to give is AGREE


def test_coder_threat_target_is_who_the_condition_is_put_to(run_text):
    doc = run_text("Russia threatened to quit the treaty if the United States deploys new missiles.", lang="en", published=D2020)
    assert ("RUS", "THREATEN", "USA") in triples(doc)


def test_coder_what_a_threat_is_about_did_not_happen(run_text):
    doc = run_text("Russia threatened to stop negotiations with the United States.", lang="en", published=D2020)
    assert ("RUS", "CONSULT", "USA") not in triples(doc)
    assert any(e.type == "CONSULT" and e.hypothetical for e in doc.events)


def test_coder_verb_and_its_noun_of_the_same_type_are_one_event(run_text):
    doc = run_text("The United Nations will provide 25,000 tons of emergency food aid to Liberia.", lang="en",
                   published=D2020)
    assert triples(doc) == {("UN", "AGREE", "LBR")}


def test_coder_pair_failing_to_agree_reject_each_other(run_text):
    doc = run_text("Armenia and Azerbaijan failed to reach agreement on the border.", lang="en", published=D2020)
    got = triples(doc)
    assert ("ARM", "REJECT", "AZE") in got or ("AZE", "REJECT", "ARM") in got
    assert not any(t == "AGREE" for _, t, _ in got)


def test_coder_curfew_at_home_targets_the_state_there(pipe_places):
    from warta.records import Document

    doc = pipe_places(Document(id="t", text="", raw_text="Turkish authorities imposed a curfew in the town of Cizre.",
                               lang_hint="en", published=D2020))
    assert ("TUR", "COERCE", "TUR") in triples(doc)


def test_coder_giver_and_receiver_past_an_amount(run_text):
    doc = run_text("The European Union gave the Ivory Coast 5.1 million dollars of aid.", lang="en", published=D2020)
    assert ("EU", "AID", "CIV") in triples(doc)



def test_coder_place_after_compass_word_is_where_not_whom(pipe_places):
    from warta.records import Document

    text = "Turkish authorities imposed a curfew in the town of Cizre in southeastern Turkey."
    doc = pipe_places(Document(id="t", text="", raw_text=text, lang_hint="en", published=D2020))
    assert ("TUR", "COERCE", "TUR") in triples(doc)
    assert all(e.target is not None and e.target.kind == "place" for e in doc.events if e.type == "COERCE")


def test_pipeline_unnamed_people_without_place_are_of_the_storys_country(pipe_places):
    from warta.records import Document

    text = ("Pasukan Dukungan Cepat (RSF) menyerang kota El Fasher pada hari Senin.\n\n"
            "RSF juga menembaki warga sipil yang melarikan diri.")
    doc = pipe_places(Document(id="t", text="", raw_text=text, lang_hint="id", published=dt.date(2024, 6, 10)))
    assert ("SDN.RSF", "ASSAULT", "SDN.CIVILIANS") in triples(doc)


def test_coder_condemning_the_attack_told_before_targets_its_authors(run_text):
    text = ("Amerika Serikat dan Inggris menyerang sasaran Houthi di Yaman.\n\n"
            "Iran mengutuk serangan tersebut dan menyebutnya pelanggaran kedaulatan Yaman.")
    got = triples(run_text(text, lang="id", published=dt.date(2024, 1, 12)))
    assert {("IRN", "ACCUSE", "USA"), ("IRN", "ACCUSE", "GBR")} <= got and ("IRN", "ACCUSE", "YEM") not in got


def test_coder_what_a_demand_asks_for_did_not_happen(run_text):
    got = triples(run_text("Egypt called for talks between Israel and Hamas.", lang="en", published=dt.date(2024, 5, 1)))
    assert not any(t == "CONSULT" for _, t, _ in got)
    got = triples(run_text("The ILO demanded that Israel ease restrictions on Palestinian workers.", lang="en",
                           published=dt.date(2024, 5, 1)))
    assert not any(t == "CONCEDE" for _, t, _ in got)


def test_coder_refusal_with_enggan_is_reject(run_text):
    doc = run_text("Hamas enggan membebaskan sandera Israel.", lang="id", published=dt.date(2024, 5, 1))
    assert ("PSE.HAMAS", "REJECT", "ISR") in triples(doc)


def test_coder_verbal_act_at_a_state_targets_it(run_text):
    doc = run_text("Iran lashed out at the United States over the sanctions.", lang="en", published=dt.date(2024, 1, 1))
    assert ("IRN", "ACCUSE", "USA") in triples(doc)


def test_coder_attack_on_a_peoples_things_targets_its_people_not_a_side(run_text):
    doc = run_text("Israeli troops demolished Palestinian homes in the West Bank.", lang="en", published=dt.date(2024, 5, 1))
    got = triples(doc)
    assert ("ISR", "COERCE", "PSE.CIVILIANS") in got and not any(t == "PSE.HAMAS" for *_, t in got)



def test_coder_decision_to_act_is_the_act(run_text):
    doc = run_text("Kenya's parliament decided to allow Ethiopian troops to cross the border.", lang="en", published=D2020)
    assert any(e.type == "CONCEDE" and not e.hypothetical for e in doc.events)


def test_coder_court_acting_on_its_own_government_is_an_event(run_text):
    doc = run_text("Israel's Supreme Court ordered the Israeli government to halt the demolition.", lang="en",
                   published=dt.date(2024, 6, 1))
    assert ("ISR", "REQUEST", "ISR") in triples(doc)


def test_coder_strike_on_villages_targets_their_people(pipe_places):
    from warta.records import Document

    text = "Militer Myanmar melancarkan serangan udara ke sejumlah desa di dekat Sittwe."
    doc = pipe_places(Document(id="t", text="", raw_text=text, lang_hint="id", published=dt.date(2024, 1, 17)))
    assert ("MMR", "ASSAULT", "MMR.CIVILIANS") in triples(doc)


def test_pipeline_lowercase_people_word_is_not_looked_up_as_a_place(pipe_places):
    from warta.records import Document

    text = "Militer Myanmar menyerang warga di Rakhine."
    doc = pipe_places(Document(id="t", text="", raw_text=text, lang_hint="id", published=dt.date(2024, 1, 17)))
    assert all(e.place is None or e.place.country == "MMR" for e in doc.events)


def test_coder_people_blocking_roads_protest_states_blocking_coerce(run_text):
    doc = run_text("Rebels in Ivory Coast blocked transport into Abidjan.", lang="en", published=D2020)
    assert {t for _, t, _ in triples(doc)} == {"PROTEST"}
    doc = run_text("Israeli troops blocked the road to Nablus.", lang="en", published=D2020)
    assert "PROTEST" not in {t for _, t, _ in triples(doc)}


def test_coder_stopping_aid_with_words_between_is_a_sanction(run_text):
    doc = run_text("Amerika Serikat menangguhkan seluruh bantuan militer untuk Mesir.", lang="id", published=dt.date(2024, 1, 1))
    assert ("USA", "SANCTION", "EGY") in triples(doc)
    # a gap does not cross a preposition: "terhenti ... dengan bantuan" is not halted aid
    doc = run_text("Pasukan Haftar telah terhenti di pinggiran selatan dengan bantuan Turki.", lang="id", published=D2020)
    assert "SANCTION" not in {t for _, t, _ in triples(doc)}


def test_coder_readying_force_is_mobilize_not_a_threat(run_text):
    doc = run_text("The Macedonian army prepared to resume shelling Albanian rebel-held territory.", lang="en", published=D2020)
    assert {t for _, t, _ in triples(doc)} == {"MOBILIZE"}


def test_coder_force_used_on_whom_its_purpose_names(run_text):
    doc = run_text("Kenyan police opened fire to disperse Kenyan protesters in Nairobi.", lang="en", published=D2020)
    assert any(t == "ASSAULT" and tg is not None and tg.startswith("KEN") for _, t, tg in triples(doc))


def test_coder_optional_target_type_with_the_same_actor_twice_has_no_target(run_text):
    doc = run_text("General Min Aung Hlaing resigned to allow Myanmar's first elections.", lang="en",
                   published=dt.date(2010, 1, 1))
    assert all(t is None for _, typ, t in triples(doc) if typ == "RETREAT")


def test_coder_people_rallying_against_their_own_government(run_text):
    doc = run_text("Tens of thousands of Israelis rallied in Tel Aviv against the Israeli government.", lang="en",
                   published=dt.date(2024, 6, 1))
    assert ("ISR.PROTESTERS", "PROTEST", "ISR") in triples(doc)


def test_coder_obligation_past_a_coordinated_unknown(run_text):
    doc = run_text("Britain said the Sudanese government and the rebels in Darfur must reach an agreement.", lang="en",
                   published=dt.date(2004, 6, 1))
    assert ("GBR", "REQUEST", "SDN") in triples(doc)


def test_lang_id_setempat_is_not_a_deployment(run_text):
    doc = run_text("Warga setempat mengatakan pasukan Rusia menyerang desa itu.", lang="id", published=dt.date(2024, 6, 1))
    assert "MOBILIZE" not in {t for _, t, _ in triples(doc)}


def test_coder_conditional_offer_and_conditional_threat(run_text):
    doc = run_text("Hamas said it would release the hostages if Israel stopped its attacks.", lang="en",
                   published=dt.date(2024, 5, 1))
    assert ("PSE.HAMAS", "AGREE", "ISR") in triples(doc)
    doc = run_text("Nigeria said it will withdraw its peacekeeping force from Chad unless Chad arranges a ceasefire.",
                   lang="en", published=D2020)
    assert ("NGA", "THREATEN", "TCD") in triples(doc)


def test_coder_subject_before_a_relative_clause_acts(pipe_places):
    from warta.records import Document

    doc = pipe_places(Document(id="t", text="", raw_text="Pemberontak M23 yang didukung Rwanda merebut kota Goma.",
                               lang_hint="id", published=dt.date(2025, 2, 1)))
    got = triples(doc)
    assert ("RWA", "SUPPORT", "COD.M23") in got and ("COD.M23", "COERCE", "COD") in got
    assert ("RWA", "COERCE", "COD") not in got


def test_coder_ending_the_fighting_is_not_fighting(run_text):
    doc = run_text("Amerika Serikat berharap mengakhiri pertempuran di Kongo timur.", lang="id", published=dt.date(2025, 6, 1))
    assert "ASSAULT" not in {t for _, t, _ in triples(doc)}
    doc = run_text("The United States hopes to end the fighting between Congo and Rwanda.", lang="en",
                   published=dt.date(2025, 6, 1))
    assert "ASSAULT" not in {t for _, t, _ in triples(doc)}


def test_coder_protesters_who_demand_do_demand_of_whom_they_protest(pipe_places):
    from warta.records import Document

    text = "Ribuan orang berunjuk rasa di Niamey untuk menuntut penarikan pasukan AS."
    doc = pipe_places(Document(id="t", text="", raw_text=text, lang_hint="id", published=dt.date(2024, 4, 19)))
    got = triples(doc)
    assert ("NER.PROTESTERS", "PROTEST", "USA") in got and ("NER.PROTESTERS", "REQUEST", "USA") in got


def test_coder_what_is_asked_of_the_addressee_did_not_happen(run_text):
    doc = run_text("Amerika Serikat mendesak Israel segera menuntaskan kesepakatan.", lang="id", published=dt.date(2024, 5, 6))
    got = triples(doc)
    assert ("USA", "REQUEST", "ISR") in got and "AGREE" not in {t for _, t, _ in got}


def test_coder_accepting_a_proposal_answers_who_proposed_it(run_text):
    doc = run_text("Hamas menerima usulan gencatan senjata yang diajukan mediator Mesir dan Qatar.", lang="id",
                   published=dt.date(2024, 5, 6))
    assert {("PSE.HAMAS", "AGREE", "EGY"), ("PSE.HAMAS", "AGREE", "QAT")} <= triples(doc)



# what a later sentence refers back to: the armed group named last, the story's lead attack, all who agreed
@pytest.mark.parametrize(
    ("text", "lang", "day", "present", "absent"),
    [
        ("Houthi menyerang kapal-kapal dagang di Laut Merah.\n\n"
         "Pada hari Selasa, kelompok itu meluncurkan 21 drone dan rudal ke arah kapal perang AS dan Inggris.",
         "id", dt.date(2024, 1, 12), {("YEM.HOUTHI", "ASSAULT", "USA"), ("YEM.HOUTHI", "ASSAULT", "GBR")}, set()),
        ("Amerika Serikat dan Inggris menyerang sasaran Houthi di Yaman pada hari Jumat.\n\n"
         "Pada hari Selasa, Houthi meluncurkan 21 drone ke arah kapal perang AS.\n\nRusia mengecam serangan itu.",
         "id", dt.date(2024, 1, 12), {("RUS", "ACCUSE", "USA"), ("RUS", "ACCUSE", "GBR")},
         {("RUS", "ACCUSE", "YEM.HOUTHI")}),
        ("Armenia and Azerbaijan signed a peace agreement at the White House on Friday.\n\n"
         "European Council President Antonio Costa welcomed the agreement.",
         "en", dt.date(2025, 8, 8), {("EU", "SUPPORT", "ARM"), ("EU", "SUPPORT", "AZE")}, set()),
    ],
    ids=["the-group-is-the-armed-group-named-last", "the-attack-is-the-lead-attack", "the-agreement-is-all-who-agreed"],
)
def test_coder_reference_to_an_earlier_sentence(run_text, text, lang, day, present, absent):
    got = triples(run_text(text, lang=lang, published=day))
    assert present <= got and not (absent & got)

def test_coder_lifting_a_blockade_with_words_between_is_retreat(run_text):
    doc = run_text("The Israeli army lifted a day-old blockade on Palestinian lorries.", lang="en",
                   published=dt.date(2004, 6, 1))
    assert "RETREAT" in {t for _, t, _ in triples(doc)} and "COERCE" not in {t for _, t, _ in triples(doc)}


def test_coder_peacekeepers_deployed_are_military_aid(run_text):
    doc = run_text("Indonesia mengerahkan pasukan penjaga perdamaian ke Lebanon.", lang="id", published=dt.date(2024, 1, 1))
    assert ("IDN", "AID", "LBN") in triples(doc)
    doc = run_text("NATO deployed peacekeeping troops to Bosnia on Monday.", lang="en", published=dt.date(1995, 12, 20))
    assert ("NATO", "AID", "BIH") in triples(doc)


def test_coder_event_as_subject_is_no_actor(run_text):
    text = "Mesir memperingatkan bahwa serangan Israel itu mengancam nyawa lebih dari satu juta pengungsi."
    got = triples(run_text(text, lang="id", published=dt.date(2024, 5, 6)))
    assert not any(s == "ISR" and t == "THREATEN" for s, t, _ in got)


def test_coder_denial_negates_what_is_denied_and_rejects_nobody(run_text):
    doc = run_text("Rusia membantah telah menyerang warga sipil di Kharkiv.", lang="id", published=dt.date(2024, 3, 1))
    assert triples(doc) == set()
    assert any(e.type == "ASSAULT" and e.negated for e in doc.events)


def test_coder_event_noun_opening_the_clause_lends_its_actor_to_its_verb(run_text):
    doc = run_text("Serangan udara Israel terhadap kamp di Nuseirat menewaskan sedikitnya 20 warga sipil Palestina.",
                   lang="id", published=dt.date(2024, 3, 5))
    assert ("ISR", "ASSAULT", "PSE.CIVILIANS") in triples(doc)


def test_coder_what_an_accusation_alleges_is_not_told_as_done(run_text):
    got = triples(run_text("Pemerintah Sudan menuduh Uni Emirat Arab memasok senjata kepada RSF.", lang="id",
                           published=dt.date(2024, 6, 13)))
    assert ("SDN", "ACCUSE", "ARE") in got and "AID" not in {t for _, t, _ in got}


def test_coder_denying_an_act_rejects_nobody(run_text):
    got = triples(run_text("RSF membantah menargetkan warga sipil di El Fasher.", lang="id", published=dt.date(2024, 6, 13)))
    assert "REJECT" not in {t for _, t, _ in got}


def test_coder_a_states_army_in_its_civil_war_is_the_army_side(run_text):
    got = triples(run_text("Tentara Sudan menyerang posisi RSF di Omdurman.", lang="id", published=dt.date(2024, 6, 13)))
    assert ("SDN.SAF", "ASSAULT", "SDN.RSF") in got


def test_coder_an_attempt_under_another_modal_stays_hypothetical(run_text):
    doc = run_text("Analysts say the RSF may try to seize El Obeid in the coming weeks.", lang="en",
                   published=dt.date(2024, 6, 13))
    assert triples(doc) == set()


def test_coder_no_subject_before_a_passive_negates_it(run_text):
    doc = run_text("No Russian diplomats have been expelled from Slovakia so far.", lang="en", published=dt.date(2024, 6, 1))
    assert triples(doc) == set()


def test_coder_violence_by_protesters_is_a_riot(run_text):
    doc = run_text("Protesters in Nairobi stormed the Kenyan parliament.", lang="en", published=dt.date(2024, 6, 25))
    assert {t for _, t, _ in triples(doc)} == {"PROTEST"}


def test_coder_obligation_alone_still_codes_a_request(run_text):
    # no event pattern in the sentence, only "harus": the early exit must not skip it
    doc = run_text("Rusia mengatakan Sudan harus segera memulangkan helikopter itu.", lang="id", published=dt.date(2024, 1, 1))
    assert ("RUS", "REQUEST", "SDN") in triples(doc)
