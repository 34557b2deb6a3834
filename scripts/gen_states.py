#!/usr/bin/env python3
"""Generate `warta/actors/data/states.yaml`: one actor entry per ISO 3166-1 entry in pycountry.

Sources:
- English names: pycountry (`name`, `common_name`, `official_name`), names written in the inverted
  "Iran, Islamic Republic of" form and other comma names are dropped.
- Indonesian names: pycountry's gettext catalogue `iso3166-1` for `id`.
- `EXTRA` below (hand-written for this project): what newspapers actually write, capitals and seats of
  government used as metonyms, case-sensitive acronyms, names to drop because they are dangerous in text.
- `ADJ` below (hand-written): English adjectives/demonyms. Plural demonyms ("Israelis", "Afghans") are
  derived from them and added as English names.

Run:  python scripts/gen_states.py   (writes the YAML; prints a summary)
"""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "warta" / "actors" / "data" / "states.yaml"

# --------------------------------------------------------------------------------------------------
# Hand-written overrides. Per key:
#   en / id / all : names to add (all = written the same in both languages)
#   cs            : case-sensitive names (short acronyms); they are added to the names of `cs_lang`
#                   languages ("en", "id" or "all") given as (name, lang) tuples
#   drop          : pycountry-derived names to remove (any language), e.g. common words
#   name          : canonical English name to use instead of pycountry's
#   note          : free text
# --------------------------------------------------------------------------------------------------
EXTRA: dict[str, dict] = {
    # ---- G20 / P5 / frequent actors --------------------------------------------------------------
    "USA": {
        "name": "United States",
        "en": [
            "United States",
            "the United States",
            "United States of America",
            "U.S.",
            "U.S.A.",
            "USA",
            "America",
            "Washington",
            "White House",
            "Pentagon",
            "Uncle Sam",
        ],
        "id": [
            "Amerika Serikat",
            "Amerika",
            "Washington",
            "Gedung Putih",
            "Pentagon",
            "Paman Sam",
            "Negeri Paman Sam",
        ],
        "cs": [("US", "en"), ("AS", "id")],
        "note": "Pentagon (armed forces) and White House kept on the state key; sector comes from the noun.",
    },
    "GBR": {
        "en": ["United Kingdom", "Britain", "Great Britain", "U.K.", "London", "Downing Street"],
        "id": ["Inggris", "Britania Raya", "Inggris Raya", "Kerajaan Inggris", "London", "Downing Street"],
        "all": ["Northern Ireland", "Irlandia Utara"],
        "cs": [("UK", "en")],
        "note": "'Inggris' also names the English language ('bahasa Inggris'); the matcher should skip it there.",
    },
    "FRA": {
        "en": ["France", "Paris", "Elysee", "Élysée", "Elysee Palace"],
        "id": ["Prancis", "Perancis", "Paris", "Elysee", "Istana Elysee"],
    },
    "RUS": {
        "name": "Russia",
        "en": [
            "Russia",
            "Russian Federation",
            "Moscow",
            "Kremlin",
            "Russian Security Council",
            "Security Council of Russia",
        ],
        "id": ["Rusia", "Federasi Rusia", "Moskow", "Moskwa", "Kremlin", "Dewan Keamanan Rusia"],
    },
    "CHN": {
        "en": ["China", "People's Republic of China", "Beijing", "Peking", "mainland China"],
        "id": [
            "Tiongkok",
            "Cina",
            "China",
            "Republik Rakyat Tiongkok",
            "Republik Rakyat Cina",
            "Republik Rakyat China",
            "Beijing",
            "Peking",
            "Negeri Tirai Bambu",
        ],
        "cs": [("PRC", "en"), ("RRT", "id"), ("RRC", "id")],
    },
    "TUR": {
        "name": "Turkey",
        "en": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey", "Ankara"],
        "id": ["Turki", "Ankara", "Türkiye", "Turkiye"],
    },
    "DEU": {"en": ["Germany", "Berlin"], "id": ["Jerman", "Berlin"]},
    "ITA": {"en": ["Italy", "Rome"], "id": ["Italia", "Roma"]},
    "JPN": {"en": ["Japan", "Tokyo"], "id": ["Jepang", "Tokyo", "Negeri Sakura", "Negeri Matahari Terbit"]},
    "KOR": {
        "en": ["South Korea", "Republic of Korea", "Seoul"],
        "id": ["Korea Selatan", "Seoul", "Negeri Ginseng"],
        "cs": [("ROK", "en"), ("Korsel", "id")],
    },
    "PRK": {
        "en": ["North Korea", "Pyongyang", "Democratic People's Republic of Korea"],
        "id": ["Korea Utara", "Pyongyang"],
        "cs": [("DPRK", "en"), ("Korut", "id")],
    },
    "IND": {"en": ["India", "New Delhi"], "id": ["India", "New Delhi"]},
    "IDN": {
        "en": ["Indonesia", "Jakarta"],
        "id": ["Indonesia", "Republik Indonesia", "Jakarta", "Polri", "Tentara Nasional Indonesia"],
        "cs": [("RI", "id"), ("NKRI", "id"), ("TNI", "all")],
        "note": "'DPR' (Indonesian parliament) is NOT a name here: Indonesian papers also write 'DPR AS' "
        "for the US House; it is an organ noun in lang/id/roles.yaml.",
    },
    "BRA": {"en": ["Brazil", "Brasilia", "Brasília"], "id": ["Brasil", "Brazil", "Brasilia"]},
    "ARG": {"all": ["Argentina", "Buenos Aires"]},
    "AUS": {"all": ["Australia", "Canberra"], "id": ["Negeri Kanguru"]},
    "CAN": {"en": ["Canada", "Ottawa"], "id": ["Kanada", "Ottawa"]},
    "MEX": {"en": ["Mexico", "Mexico City"], "id": ["Meksiko", "Mexico", "Mexico City", "Kota Meksiko"]},
    "SAU": {
        "en": ["Saudi Arabia", "Saudi", "Riyadh", "Kingdom of Saudi Arabia"],
        "id": ["Arab Saudi", "Saudi", "Riyadh", "Riyad", "Kerajaan Arab Saudi"],
        "cs": [("KSA", "en")],
    },
    "ZAF": {
        "en": ["South Africa", "Pretoria"],
        "id": ["Afrika Selatan", "Pretoria"],
        "cs": [("Afsel", "id")],
    },
    # ---- Middle East / North Africa --------------------------------------------------------------
    "SYR": {
        "name": "Syria",
        "en": ["Syria", "Damascus", "Syrian Arab Republic"],
        "id": ["Suriah", "Syria", "Damaskus", "Republik Arab Suriah"],
    },
    "EGY": {"en": ["Egypt", "Cairo"], "id": ["Mesir", "Kairo", "Negeri Piramida"]},
    "ARE": {
        "en": ["United Arab Emirates", "UAE", "U.A.E.", "Emirates", "Abu Dhabi"],
        "id": ["Uni Emirat Arab", "UEA", "UAE", "Abu Dhabi"],
    },
    "LBY": {
        "all": ["Libya"],
        "note": "Tripoli is deliberately not a name: as a metonym it stands for the Tripoli government of "
        "the day (LBY.GNA 2016-2021, LBY.GNU after), and it is also a city in Lebanon.",
    },
    "ISR": {
        "en": [
            "Israel",
            "Tel Aviv",
            "Israel Defense Forces",
            "Israel Defence Forces",
            "Israeli Defense Forces",
        ],
        "id": ["Israel", "Tel Aviv", "Pasukan Pertahanan Israel", "Negeri Zionis"],
        "cs": [("IDF", "all")],
        "note": "Jerusalem is not a name (contested city; gazetteer). IDF kept on the state key.",
    },
    "PSE": {
        "name": "Palestine",
        "en": ["Palestine", "State of Palestine"],
        "id": ["Palestina", "Negara Palestina"],
        "note": "Gaza and the West Bank are places (gazetteer); the Palestinian Authority is PSE.PA.",
    },
    "JOR": {"en": ["Jordan", "Amman"], "id": ["Yordania", "Amman"]},
    "LBN": {"en": ["Lebanon", "Beirut"], "id": ["Lebanon", "Libanon", "Beirut"]},
    "IRN": {
        "name": "Iran",
        "all": ["Iran", "Tehran", "Teheran", "IRGC"],
        "en": [
            "Islamic Republic of Iran",
            "Islamic Revolutionary Guard Corps",
            "Revolutionary Guards",
            "Revolutionary Guard",
        ],
        "id": ["Republik Islam Iran", "Garda Revolusi", "Garda Revolusi Iran", "Korps Garda Revolusi Islam"],
        "note": "The Revolutionary Guards are kept on the state key.",
    },
    "IRQ": {"en": ["Iraq", "Baghdad"], "id": ["Irak", "Baghdad", "Bagdad"]},
    "YEM": {
        "en": ["Yemen", "Presidential Leadership Council"],
        "id": ["Yaman", "Dewan Kepemimpinan Presiden"],
        "note": "The internationally recognised government; Sanaa (Houthi-held) and Aden are not names.",
    },
    "SDN": {"all": ["Sudan", "Khartoum", "Port Sudan"]},
    "SSD": {"en": ["South Sudan", "Juba"], "id": ["Sudan Selatan", "Juba"]},
    "QAT": {"all": ["Qatar", "Doha"]},
    "KWT": {"all": ["Kuwait"]},
    "BHR": {"all": ["Bahrain", "Manama"]},
    "OMN": {"all": ["Oman"], "en": ["Muscat"], "id": ["Muskat", "Muscat"]},
    "DZA": {"en": ["Algeria", "Algiers"], "id": ["Aljazair", "Algeria", "Aljir"]},
    "MAR": {"en": ["Morocco", "Rabat"], "id": ["Maroko", "Rabat"]},
    "TUN": {"all": ["Tunisia", "Tunis"]},
    "CYP": {"en": ["Cyprus", "Nicosia"], "id": ["Siprus", "Nikosia"]},
    "GRC": {"en": ["Greece", "Athens"], "id": ["Yunani", "Athena"]},
    # ---- Europe / former Soviet Union ------------------------------------------------------------
    "UKR": {"en": ["Ukraine", "Kyiv", "Kiev"], "id": ["Ukraina", "Kyiv", "Kiev", "Kiyv"]},
    "BLR": {"en": ["Belarus"], "id": ["Belarus", "Belarusia"]},
    "AZE": {
        "all": ["Azerbaijan"],
        "en": ["Baku"],
        "note": "'Baku' is English-only: Indonesian 'baku' is a common word ('baku tembak' = exchange of fire).",
    },
    "ARM": {"all": ["Armenia", "Yerevan"]},
    "GEO": {
        "all": ["Georgia", "Tbilisi"],
        "note": "'Georgia' is also a US state; the matcher should prefer the country only without a US context.",
    },
    "MDA": {"all": ["Moldova", "Chisinau"]},
    "POL": {"en": ["Poland", "Warsaw"], "id": ["Polandia", "Warsawa"]},
    "HUN": {"en": ["Hungary", "Budapest"], "id": ["Hongaria", "Budapest"]},
    "ESP": {"en": ["Spain", "Madrid"], "id": ["Spanyol", "Madrid"]},
    "NLD": {"en": ["Netherlands", "the Netherlands", "Holland"], "id": ["Belanda"]},
    "BEL": {"en": ["Belgium"], "id": ["Belgia"]},
    "CHE": {"en": ["Switzerland"], "id": ["Swiss"]},
    "SWE": {"en": ["Sweden"], "id": ["Swedia"]},
    "NOR": {"en": ["Norway"], "id": ["Norwegia"]},
    "FIN": {"en": ["Finland"], "id": ["Finlandia"], "drop": ["Repulik Finlandia"]},
    "DNK": {"all": ["Denmark"]},
    "AUT": {"en": ["Austria"], "id": ["Austria"]},
    "CZE": {"en": ["Czech Republic", "Czechia"], "id": ["Ceko", "Republik Ceko", "Czechia"]},
    "SVK": {"id": ["Slovakia", "Slowakia"]},
    "ROU": {"en": ["Romania"], "id": ["Rumania", "Romania"]},
    "SRB": {"en": ["Serbia", "Belgrade"], "id": ["Serbia", "Beograd"]},
    "BIH": {"all": ["Bosnia", "Bosnia-Herzegovina", "Sarajevo"]},
    "MKD": {"en": ["North Macedonia", "Macedonia"], "id": ["Makedonia Utara", "Makedonia"]},
    "LTU": {"en": ["Lithuania"], "id": ["Lituania", "Lithuania"]},
    "LUX": {"drop": ["Grand Duchy of Luxembourg"], "en": ["Luxembourg"], "id": ["Luksemburg"]},
    "VAT": {
        "name": "Holy See",
        "en": ["Holy See", "Vatican", "Vatican City"],
        "id": ["Takhta Suci", "Vatikan", "Kota Vatikan"],
    },
    # ---- Asia ---------------------------------------------------------------------------------------
    "AFG": {
        "en": ["Afghanistan", "Kabul"],
        "id": ["Afghanistan", "Afganistan", "Kabul"],
        "note": "The Taliban (TALIBAN) rule since August 2021; AFG is the state.",
    },
    "PAK": {"all": ["Pakistan", "Islamabad"]},
    "BGD": {"all": ["Bangladesh", "Dhaka"]},
    "LKA": {"all": ["Sri Lanka", "Colombo"]},
    "MMR": {
        "all": ["Myanmar", "Burma", "Naypyidaw", "Naypyitaw", "Nay Pyi Taw", "Tatmadaw"],
        "en": ["State Administration Council"],
        "id": ["Birma", "Dewan Administrasi Negara"],
        "note": "Since the 2021 coup the junta (State Administration Council, Tatmadaw) is the state key.",
    },
    "THA": {"all": ["Thailand", "Bangkok"], "id": ["Negeri Gajah Putih"]},
    "VNM": {"name": "Vietnam", "all": ["Vietnam", "Viet Nam", "Hanoi"]},
    "KHM": {"en": ["Cambodia", "Phnom Penh"], "id": ["Kamboja", "Phnom Penh"]},
    "LAO": {"name": "Laos", "all": ["Laos", "Vientiane"]},
    "MYS": {"all": ["Malaysia", "Kuala Lumpur", "Putrajaya"], "id": ["Negeri Jiran"]},
    "SGP": {"en": ["Singapore"], "id": ["Singapura", "Negeri Singa"]},
    "PHL": {"en": ["Philippines", "the Philippines", "Manila"], "id": ["Filipina", "Manila"]},
    "TLS": {"all": ["Timor-Leste", "Timor Leste", "Dili"], "en": ["East Timor"]},
    "BRN": {"all": ["Brunei", "Brunei Darussalam"]},
    "TWN": {"name": "Taiwan", "all": ["Taiwan", "Taipei"]},
    "HKG": {"all": ["Hong Kong", "Hongkong"]},
    "MAC": {"all": ["Macao", "Macau"]},
    "MNG": {"all": ["Mongolia", "Ulaanbaatar"]},
    "KAZ": {"all": ["Kazakhstan", "Astana"]},
    "KGZ": {"en": ["Kyrgyzstan"], "id": ["Kirgizstan", "Kirgistan", "Kyrgyzstan"]},
    "TJK": {"all": ["Tajikistan"]},
    "UZB": {"all": ["Uzbekistan", "Tashkent"]},
    "TKM": {"all": ["Turkmenistan"]},
    "NPL": {"all": ["Nepal", "Kathmandu"]},
    "NZL": {"en": ["New Zealand"], "id": ["Selandia Baru"]},
    "PNG": {"en": ["Papua New Guinea"], "id": ["Papua Nugini"]},
    # ---- Africa -------------------------------------------------------------------------------------
    "COD": {
        "name": "DR Congo",
        "en": [
            "Democratic Republic of the Congo",
            "Democratic Republic of Congo",
            "DR Congo",
            "D.R. Congo",
            "DRC",
            "Congo-Kinshasa",
            "Congo",
            "Kinshasa",
        ],
        "id": [
            "Republik Demokratik Kongo",
            "Republik Demokrat Kongo",
            "RD Kongo",
            "RDK",
            "Kongo",
            "Congo",
            "Kinshasa",
        ],
        "note": "Bare 'Congo'/'Kongo' is given to the DRC (what news means nearly always); "
        "Congo-Brazzaville is COG.",
    },
    "COG": {
        "name": "Republic of the Congo",
        "drop": ["Congo", "Kongo"],
        "en": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Brazzaville"],
        "id": ["Republik Kongo", "Kongo-Brazzaville", "Brazzaville"],
    },
    "CIV": {
        "name": "Ivory Coast",
        "en": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Abidjan"],
        "id": ["Pantai Gading", "Abidjan"],
    },
    "ETH": {"en": ["Ethiopia", "Addis Ababa"], "id": ["Ethiopia", "Etiopia", "Addis Ababa"]},
    "SOM": {"all": ["Somalia", "Mogadishu"], "id": ["Mogadisyu"]},
    "ERI": {
        "all": ["Eritrea"],
        "en": ["Asmara"],
        "note": "'Asmara' is English-only: Indonesian 'asmara' = romance.",
    },
    "DJI": {"all": ["Djibouti"], "id": ["Jibouti"]},
    "KEN": {"all": ["Kenya", "Nairobi"]},
    "UGA": {"all": ["Uganda", "Kampala"]},
    "RWA": {"all": ["Rwanda", "Kigali"]},
    "BDI": {"all": ["Burundi"]},
    "TZA": {"name": "Tanzania", "all": ["Tanzania", "Dodoma"]},
    "NGA": {"all": ["Nigeria", "Abuja"]},
    "MLI": {"all": ["Mali", "Bamako"]},
    "BFA": {"all": ["Burkina Faso", "Burkina", "Ouagadougou"]},
    "NER": {
        "all": ["Niger", "Niamey"],
        "note": "'Niger Delta' and 'Niger River' are places in Nigeria/West Africa (gazetteer).",
    },
    "TCD": {"all": ["Chad", "N'Djamena", "Ndjamena"]},
    "MRT": {"all": ["Mauritania", "Nouakchott"]},
    "SEN": {"all": ["Senegal", "Dakar"]},
    "GIN": {"all": ["Guinea", "Conakry"]},
    "CAF": {
        "en": ["Central African Republic", "Bangui"],
        "id": ["Republik Afrika Tengah", "Bangui"],
        "cs": [("CAR", "en")],
    },
    "CMR": {"en": ["Cameroon"], "id": ["Kamerun"]},
    "MOZ": {"en": ["Mozambique", "Maputo"], "id": ["Mozambik", "Maputo"]},
    "ZWE": {"all": ["Zimbabwe", "Harare"]},
    "GHA": {"all": ["Ghana", "Accra"]},
    "SWZ": {"en": ["Eswatini", "Swaziland"], "id": ["Eswatini", "Swaziland"]},
    "CPV": {"en": ["Cabo Verde", "Cape Verde"], "id": ["Tanjung Verde", "Cabo Verde"]},
    "STP": {"en": ["São Tomé and Príncipe", "Sao Tome and Principe"]},
    "GMB": {"en": ["Gambia", "The Gambia"]},
    "GNQ": {"id": ["Guinea Ekuatorial"]},
    # ---- Americas ------------------------------------------------------------------------------------
    "VEN": {"name": "Venezuela", "all": ["Venezuela", "Caracas"]},
    "CUB": {"en": ["Cuba", "Havana"], "id": ["Kuba", "Havana"]},
    "COL": {"en": ["Colombia", "Bogota", "Bogotá"], "id": ["Kolombia", "Bogota"]},
    "NIC": {"en": ["Nicaragua", "Managua"], "id": ["Nikaragua", "Managua"]},
    "BOL": {"name": "Bolivia", "all": ["Bolivia"]},
    "HTI": {"all": ["Haiti", "Port-au-Prince"]},
    "CHL": {"en": ["Chile", "Santiago de Chile"], "id": ["Chili", "Cile"]},
    "PER": {"all": ["Peru"]},
    "TTO": {"all": ["Trinidad", "Port of Spain"]},
    "ECU": {"en": ["Ecuador"], "id": ["Ekuador"]},
    "BHS": {"en": ["Bahamas", "The Bahamas"], "id": ["Bahama"]},
    "KNA": {"en": ["St Kitts and Nevis", "St. Kitts and Nevis"]},
    "LCA": {"en": ["St Lucia", "St. Lucia"]},
    "VCT": {"en": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"]},
    # ---- small cases ---------------------------------------------------------------------------------
    "FSM": {"name": "Micronesia", "en": ["Micronesia"], "id": ["Mikronesia", "Micronesia"]},
    "MDV": {"en": ["Maldives"], "id": ["Maladewa", "Maldives"]},
    "JEY": {
        "drop": ["Jersey"],
        "all": ["Bailiwick of Jersey"],
        "note": "Bare 'Jersey' dropped: 'New Jersey' (en) and 'jersey' = sports shirt (id).",
    },
    "REU": {
        "drop": ["Réunion"],
        "all": ["La Réunion", "Réunion Island", "Pulau Réunion"],
        "note": "Bare 'Réunion' dropped: folds to the English word 'reunion'.",
    },
    "IMN": {"all": ["Isle of Man"]},
    "ATF": {"id": ["Wilayah Selatan Perancis"]},
    "SHN": {"en": ["Saint Helena"], "id": ["Saint Helena"]},
    "MAF": {"all": ["Saint-Martin"]},
    "SXM": {"all": ["Sint Maarten"]},
    "CCK": {"all": ["Cocos Islands"], "id": ["Kepulauan Cocos"]},
    "FLK": {"en": ["Falkland Islands", "Falklands", "Malvinas"], "id": ["Kepulauan Falkland", "Malvinas"]},
    "BES": {"all": ["Caribbean Netherlands", "Bonaire"]},
    "ATA": {"note": "No government; kept because ISO 3166-1 lists it."},
    "ESH": {
        "en": ["Western Sahara"],
        "id": ["Sahara Barat"],
        "note": "Disputed; administered mostly by Morocco. The Polisario Front is ESH.POLISARIO.",
    },
}

# Non-sovereign territories in ISO 3166-1 (note only; they keep their own key).
TERRITORY_OF = {
    "ABW": "NLD",
    "AIA": "GBR",
    "ALA": "FIN",
    "ASM": "USA",
    "ATF": "FRA",
    "BES": "NLD",
    "BLM": "FRA",
    "BMU": "GBR",
    "BVT": "NOR",
    "CCK": "AUS",
    "COK": "NZL",
    "CUW": "NLD",
    "CXR": "AUS",
    "CYM": "GBR",
    "FLK": "GBR",
    "FRO": "DNK",
    "GGY": "GBR",
    "GIB": "GBR",
    "GLP": "FRA",
    "GRL": "DNK",
    "GUF": "FRA",
    "GUM": "USA",
    "HKG": "CHN",
    "HMD": "AUS",
    "IMN": "GBR",
    "IOT": "GBR",
    "JEY": "GBR",
    "MAC": "CHN",
    "MAF": "FRA",
    "MNP": "USA",
    "MSR": "GBR",
    "MTQ": "FRA",
    "MYT": "FRA",
    "NCL": "FRA",
    "NFK": "AUS",
    "NIU": "NZL",
    "PCN": "GBR",
    "PRI": "USA",
    "PYF": "FRA",
    "REU": "FRA",
    "SGS": "GBR",
    "SHN": "GBR",
    "SJM": "NOR",
    "SPM": "FRA",
    "SXM": "NLD",
    "TCA": "GBR",
    "TKL": "NZL",
    "UMI": "USA",
    "VGB": "GBR",
    "VIR": "USA",
    "WLF": "FRA",
}

# States missing from ISO 3166-1 proper but present in news. XKX is the user-assigned code in general use.
NON_ISO = [
    {
        "key": "XKX",
        "name": "Kosovo",
        "all": ["Kosovo", "Pristina"],
        "id": ["Republik Kosovo"],
        "en": ["Republic of Kosovo"],
        "adj": ["Kosovar", "Kosovan"],
        "note": "Not in ISO 3166-1; XKX is the user-assigned code used by the EU, IMF and others.",
    },
]

# English adjectives / demonyms (hand-written). First entry is the usual adjective.
ADJ: dict[str, list[str]] = {
    "AFG": ["Afghan"],
    "ALB": ["Albanian"],
    "DZA": ["Algerian"],
    "AND": ["Andorran"],
    "AGO": ["Angolan"],
    "ATG": ["Antiguan"],
    "ARG": ["Argentine", "Argentinian"],
    "ARM": ["Armenian"],
    "AUS": ["Australian"],
    "AUT": ["Austrian"],
    "AZE": ["Azerbaijani", "Azeri"],
    "BHS": ["Bahamian"],
    "BHR": ["Bahraini"],
    "BGD": ["Bangladeshi"],
    "BRB": ["Barbadian"],
    "BLR": ["Belarusian"],
    "BEL": ["Belgian"],
    "BLZ": ["Belizean"],
    "BEN": ["Beninese"],
    "BTN": ["Bhutanese"],
    "BOL": ["Bolivian"],
    "BIH": ["Bosnian"],
    "BWA": ["Botswanan"],
    "BRA": ["Brazilian"],
    "BRN": ["Bruneian"],
    "BGR": ["Bulgarian"],
    "BFA": ["Burkinabe", "Burkinabè"],
    "BDI": ["Burundian"],
    "CPV": ["Cape Verdean"],
    "KHM": ["Cambodian"],
    "CMR": ["Cameroonian"],
    "CAN": ["Canadian"],
    "CAF": ["Central African"],
    "TCD": ["Chadian"],
    "CHL": ["Chilean"],
    "CHN": ["Chinese"],
    "COL": ["Colombian"],
    "COM": ["Comorian"],
    "COD": ["Congolese"],
    "CRI": ["Costa Rican"],
    "CIV": ["Ivorian"],
    "HRV": ["Croatian"],
    "CUB": ["Cuban"],
    "CYP": ["Cypriot", "Greek Cypriot"],
    "CZE": ["Czech"],
    "DNK": ["Danish"],
    "DJI": ["Djiboutian"],
    "DOM": ["Dominican"],
    "ECU": ["Ecuadorian"],
    "EGY": ["Egyptian"],
    "SLV": ["Salvadoran", "Salvadorian"],
    "GNQ": ["Equatorial Guinean"],
    "ERI": ["Eritrean"],
    "EST": ["Estonian"],
    "SWZ": ["Swazi"],
    "ETH": ["Ethiopian"],
    "FJI": ["Fijian"],
    "FIN": ["Finnish"],
    "FRA": ["French"],
    "GAB": ["Gabonese"],
    "GMB": ["Gambian"],
    "GEO": ["Georgian"],
    "DEU": ["German"],
    "GHA": ["Ghanaian"],
    "GRC": ["Greek"],
    "GRD": ["Grenadian"],
    "GTM": ["Guatemalan"],
    "GIN": ["Guinean"],
    "GNB": ["Bissau-Guinean"],
    "GUY": ["Guyanese"],
    "HTI": ["Haitian"],
    "HND": ["Honduran"],
    "HUN": ["Hungarian"],
    "ISL": ["Icelandic"],
    "IND": ["Indian"],
    "IDN": ["Indonesian"],
    "IRN": ["Iranian"],
    "IRQ": ["Iraqi"],
    "IRL": ["Irish"],
    "ISR": ["Israeli"],
    "ITA": ["Italian"],
    "JAM": ["Jamaican"],
    "JPN": ["Japanese"],
    "JOR": ["Jordanian"],
    "KAZ": ["Kazakh", "Kazakhstani"],
    "KEN": ["Kenyan"],
    "PRK": ["North Korean"],
    "KOR": ["South Korean"],
    "KWT": ["Kuwaiti"],
    "KGZ": ["Kyrgyz"],
    "LAO": ["Laotian"],
    "LVA": ["Latvian"],
    "LBN": ["Lebanese"],
    "LBR": ["Liberian"],
    "LBY": ["Libyan"],
    "LTU": ["Lithuanian"],
    "LUX": ["Luxembourgish"],
    "MDG": ["Malagasy"],
    "MWI": ["Malawian"],
    "MYS": ["Malaysian"],
    "MDV": ["Maldivian"],
    "MLI": ["Malian"],
    "MLT": ["Maltese"],
    "MHL": ["Marshallese"],
    "MRT": ["Mauritanian"],
    "MUS": ["Mauritian"],
    "MEX": ["Mexican"],
    "FSM": ["Micronesian"],
    "MDA": ["Moldovan"],
    "MCO": ["Monegasque"],
    "MNG": ["Mongolian"],
    "MNE": ["Montenegrin"],
    "MAR": ["Moroccan"],
    "MOZ": ["Mozambican"],
    "MMR": ["Burmese"],
    "NAM": ["Namibian"],
    "NRU": ["Nauruan"],
    "NPL": ["Nepali", "Nepalese"],
    "NLD": ["Dutch"],
    "NIC": ["Nicaraguan"],
    "NER": ["Nigerien"],
    "NGA": ["Nigerian"],
    "MKD": ["North Macedonian", "Macedonian"],
    "NOR": ["Norwegian"],
    "OMN": ["Omani"],
    "PAK": ["Pakistani"],
    "PLW": ["Palauan"],
    "PSE": ["Palestinian"],
    "PAN": ["Panamanian"],
    "PNG": ["Papua New Guinean"],
    "PRY": ["Paraguayan"],
    "PER": ["Peruvian"],
    "PHL": ["Philippine", "Filipino"],
    "POL": ["Polish"],
    "PRT": ["Portuguese"],
    "QAT": ["Qatari"],
    "ROU": ["Romanian"],
    "RUS": ["Russian"],
    "RWA": ["Rwandan"],
    "KNA": ["Kittitian"],
    "LCA": ["Saint Lucian"],
    "VCT": ["Vincentian"],
    "WSM": ["Samoan"],
    "SMR": ["Sammarinese"],
    "STP": ["Santomean"],
    "SAU": ["Saudi"],
    "SEN": ["Senegalese"],
    "SRB": ["Serbian"],
    "SYC": ["Seychellois"],
    "SLE": ["Sierra Leonean"],
    "SGP": ["Singaporean"],
    "SVK": ["Slovak"],
    "SVN": ["Slovenian", "Slovene"],
    "SOM": ["Somali"],
    "ZAF": ["South African"],
    "SSD": ["South Sudanese"],
    "ESP": ["Spanish"],
    "LKA": ["Sri Lankan"],
    "SDN": ["Sudanese"],
    "SUR": ["Surinamese"],
    "SWE": ["Swedish"],
    "CHE": ["Swiss"],
    "SYR": ["Syrian"],
    "TWN": ["Taiwanese"],
    "TJK": ["Tajik", "Tajikistani"],
    "TZA": ["Tanzanian"],
    "THA": ["Thai"],
    "TLS": ["Timorese", "East Timorese"],
    "TGO": ["Togolese"],
    "TON": ["Tongan"],
    "TTO": ["Trinidadian"],
    "TUN": ["Tunisian"],
    "TUR": ["Turkish"],
    "TKM": ["Turkmen"],
    "TUV": ["Tuvaluan"],
    "UGA": ["Ugandan"],
    "UKR": ["Ukrainian"],
    "ARE": ["Emirati"],
    "GBR": ["British"],
    "USA": ["American"],
    "URY": ["Uruguayan"],
    "UZB": ["Uzbek"],
    "VAT": ["Vatican"],
    "VEN": ["Venezuelan"],
    "VNM": ["Vietnamese"],
    "YEM": ["Yemeni"],
    "ZMB": ["Zambian"],
    "ZWE": ["Zimbabwean"],
    "KIR": ["I-Kiribati"],
    "VUT": ["Vanuatuan"],
    "SLB": ["Solomon Islander"],
    "LIE": ["Liechtensteiner"],
    "PRI": ["Puerto Rican"],
    "GRL": ["Greenlandic"],
    "MAC": ["Macanese"],
    "GUM": ["Guamanian"],
    "ESH": ["Sahrawi"],
    "HKG": ["Hong Konger"],
    "BMU": ["Bermudian"],
    "FRO": ["Faroese"],
}
# Adjectives matched only in exactly this case (they are common words when lower-cased).
ADJ_CASE_SENSITIVE = {"POL": ["Polish"]}
# Plural demonyms added as English names besides those derived from ADJ (-an/-i + s).
EN_PLURALS_EXTRA = {
    "TUR": ["Turks"],
    "GRC": ["Greeks"],
    "GBR": ["Britons"],
    "PHL": ["Filipinos"],
    "CZE": ["Czechs"],
    "KAZ": ["Kazakhs"],
    "UZB": ["Uzbeks"],
    "TJK": ["Tajiks"],
    "ARG": ["Argentines"],
    "PSE": ["Palestinians"],
    "ISR": ["Israelis"],
}
PLURAL_SKIP = {
    "Central African",
    "Vatican",
    "Philippine",
    "Macanese",
    "Solomon Islander",
    "Bissau-Guinean",
    "Greek Cypriot",
    "Equatorial Guinean",
    "Papua New Guinean",
    "Liechtensteiner",
}

# pycountry-derived names never to use (any entry): common words or misleading forms.
GLOBAL_DROP_RE = re.compile(r",|^(Kepemimpinan|Repulik) ")
# Indonesian translations that are mistranslations or outdated; dropped by exact string.
ID_DROP = {
    "Republik Demokrat Congo",  # replaced by Kongo forms
    "Takhta Suci Vatican",  # "(Negara Kota)" stripped by clean()
}


def clean(name: str) -> str | None:
    """Normalise a pycountry name for text matching; None drops it."""
    name = name.strip()
    if not name or GLOBAL_DROP_RE.search(name):
        return None
    if name.lower().startswith("the "):
        name = name[4:]
    # "Saint Martin (French part)" -> "Saint Martin"; "Falkland Islands (Malvinas)" -> "Falkland Islands"
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return name or None


def uniq(seq):
    seen, out = set(), []
    for s in seq:
        k = s.casefold()
        if s and k not in seen:
            seen.add(k)
            out.append(s)
    return out


def en_plurals(adjs: list[str]) -> list[str]:
    """'Israeli' -> 'Israelis', 'Afghan' -> 'Afghans'; other forms are listed in EN_PLURALS_EXTRA."""
    return [a + "s" for a in adjs if a not in PLURAL_SKIP and a.endswith(("an", "i")) and "-" not in a]


def build() -> list[dict]:
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    entries = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        key = c.alpha_3
        x = EXTRA.get(key, {})
        drop = {d.casefold() for d in x.get("drop", [])}
        raw_en = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        raw_id = [tr.gettext(n) for n in raw_en if n]
        en = [n for n in (clean(r) for r in raw_en if r) if n]
        id_ = [n for n in (clean(r) for r in raw_id if r) if n and n not in ID_DROP]
        # gettext returns the English string when there is no translation; that is fine for Indonesian
        # (most names are written the same), and such names end up in `all`.
        en = uniq(en + x.get("en", []))
        id_ = uniq(id_ + x.get("id", []))
        all_ = list(x.get("all", []))
        cs = []
        for name, lang in x.get("cs", []):
            cs.append(name)
            {"en": en, "id": id_, "all": all_}[lang].append(name)
        adj = list(ADJ.get(key, []))
        en = uniq(en + en_plurals(adj) + EN_PLURALS_EXTRA.get(key, []))
        en = [n for n in en if n.casefold() not in drop]
        id_ = [n for n in id_ if n.casefold() not in drop]
        all_ = [n for n in all_ if n.casefold() not in drop]
        # names in both languages go to `all`
        idf = {n.casefold() for n in id_}
        both = [n for n in en if n.casefold() in idf]
        all_ = uniq(all_ + both)
        allf = {n.casefold() for n in all_}
        en = [n for n in en if n.casefold() not in allf]
        id_ = [n for n in id_ if n.casefold() not in allf]
        cs += ADJ_CASE_SENSITIVE.get(key, [])
        name = (
            x.get("name")
            or getattr(c, "common_name", None)
            or (c.name if "," not in c.name else None)
            or getattr(c, "official_name", None)
            or c.name
        )
        notes = []
        if key in TERRITORY_OF:
            notes.append(
                f"dependent territory of {TERRITORY_OF[key]} (ISO 3166-1 entry, not a sovereign state)"
            )
        if x.get("note"):
            notes.append(x["note"])
        entries.append(
            {
                "key": key,
                "name": name,
                "kind": "state",
                "country": key,
                "sector": "GOV",
                "names": {"all": all_, "id": id_, "en": en},
                "adjectives": {"en": adj} if adj else {},
                "case_sensitive": uniq(cs),
                "note": "; ".join(notes) or None,
            }
        )
    for x in NON_ISO:
        en = uniq(x.get("en", []) + en_plurals(x.get("adj", [])))
        entries.append(
            {
                "key": x["key"],
                "name": x["name"],
                "kind": "state",
                "country": x["key"],
                "sector": "GOV",
                "names": {"all": x.get("all", []), "id": x.get("id", []), "en": en},
                "adjectives": {"en": x.get("adj", [])},
                "case_sensitive": [],
                "note": x.get("note"),
            }
        )
    return entries


# ---- YAML output: one flow-style line per entry -----------------------------------------------------
_PLAIN = re.compile(r"^[A-Za-zÀ-ɏ0-9][A-Za-zÀ-ɏ0-9 .'’\-+()]*$")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def q(s: str) -> str:
    if _PLAIN.match(s) and s.lower() not in _RESERVED and not s.endswith(" ") and ": " not in s:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(xs: list[str]) -> str:
    return "[" + ", ".join(q(x) for x in xs) + "]"


def flow_names(d: dict) -> str:
    parts = [f"{k}: {flow_list(d[k])}" for k in ("all", "id", "en") if d.get(k)]
    return "{" + ", ".join(parts) + "}"


def dump(entries: list[dict]) -> str:
    lines = [
        "# GENERATED by scripts/gen_states.py from pycountry (ISO 3166-1, English names and the Indonesian",
        "# gettext catalogue) plus the hand-written tables in that script. Edit the script, not this file.",
        "actors:",
    ]
    for e in entries:
        parts = [
            f"key: {e['key']}",
            f"name: {q(e['name'])}",
            "kind: state",
            f"country: {e['country']}",
            "sector: GOV",
            f"names: {flow_names(e['names'])}",
        ]
        if e["adjectives"]:
            parts.append(f"adjectives: {flow_names(e['adjectives'])}")
        if e["case_sensitive"]:
            parts.append(f"case_sensitive: {flow_list(e['case_sensitive'])}")
        if e["note"]:
            parts.append(f"note: {q(e['note'])}")
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def main() -> int:
    entries = build()
    text = dump(entries)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    # validate what was written
    sys.path.insert(0, str(ROOT))
    import yaml

    from warta.actors.schema import ActorFile

    data = ActorFile.model_validate(yaml.safe_load(OUT.read_text(encoding="utf-8")))
    n_names = sum(len(a.names.every()) for a in data.actors)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data.actors)} states, {n_names} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
