"""Generate src/foederis/data/states.yaml, the states registry.

Usage:  python data-raw/states.py PATH/TO/states2016.csv [--out src/foederis/data/states.yaml]

Sources:
  * ISO 3166-1 / 3166-3 codes and names: the ``pycountry`` package (build time only).
  * Correlates of War state system membership, v2016 (``states2016.csv``: stateabb,
    ccode, statenme, styear, stmonth, stday, endyear, endmonth, endday, version), read
    from the path given on the command line. The CSV is never copied into the repository.
  * Everything else (UI names, aliases, demonyms, capitals and metonyms, leaders, the
    COW-code -> ISO3 table and the dates of the post-1945 state splits and unions) is
    curated by hand in the tables below. Edit the tables and re-run; do not edit the YAML.

The script checks the result (unique names and aliases, every COW code still in use after
1945 mapped, no overlapping COW spells) and exits non-zero if a check fails.
"""

# ruff: noqa: E501, SIM905 - the curated tables are one state per line

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from foederis.states import normalize  # noqa: E402 - the run-time normalization

D = dt.date

# --------------------------------------------------------------------------------------
# Which states are in the registry
# --------------------------------------------------------------------------------------

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB
CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA
GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN
KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT
MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK
PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC
SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN
TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

# Current states that are not UN members but which the KB needs. XAB (Abkhazia) and XOS
# (South Ossetia) are entities that almost no state recognises (Russia has since August
# 2008); they are listed, under ISO 3166 user-assigned codes, only so that the treaties
# Russia concluded with them (rus-abk-2014, rus-ost-2015) can be recorded and evaluated.
# Listing them is not a statement that they are states: for Georgia, the UN and most
# states the territories are Georgia's. They have no COW code and are in no COW system.
NON_MEMBERS = ["TWN", "XKX", "PSE", "VAT", "XAB", "XOS"]

# Historical states. ISO 3166-3 alpha-3 codes where ISO has one (SUN, DDR, YUG, CSK, YMD,
# VDR); RVN and ZAN are our own codes (ISO never coded South Vietnam or Zanzibar).
HISTORICAL = ["SUN", "DDR", "YUG", "CSK", "YMD", "VDR", "RVN", "ZAN"]
NON_ISO_CODES = {"XKX": "XK", "RVN": None, "ZAN": None, "XAB": None, "XOS": None}

# --------------------------------------------------------------------------------------
# Correlates of War
# --------------------------------------------------------------------------------------

# COW ccode -> ISO3 for codes used by exactly one registry state. Codes shared by two
# registry states over time (255, 345, 365, 816) are in COW_SPLITS below.
# fmt: off
COW_TO_ISO3: dict[int, str] = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO",
    53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX",
    80: "BLZ", 90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL",
    150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR", 205: "IRL", 210: "NLD",
    211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO", 223: "LIE", 225: "CHE", 230: "ESP",
    232: "AND", 235: "PRT", 260: "DEU", 265: "DDR", 290: "POL", 305: "AUT", 310: "HUN",
    315: "CSK", 316: "CZE", 317: "SVK", 325: "ITA", 331: "SMR", 338: "MLT", 339: "ALB",
    341: "MNE", 343: "MKD", 344: "HRV", 346: "BIH", 347: "XKX", 349: "SVN", 350: "GRC",
    352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU", 366: "EST", 367: "LVA", 368: "LTU",
    369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN", 380: "SWE",
    385: "NOR", 390: "DNK", 395: "ISL", 402: "CPV", 403: "STP", 404: "GNB", 411: "GNQ",
    420: "GMB", 432: "MLI", 433: "SEN", 434: "BEN", 435: "MRT", 436: "NER", 437: "CIV",
    438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE", 452: "GHA", 461: "TGO", 471: "CMR",
    475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 484: "COG", 490: "COD", 500: "UGA",
    501: "KEN", 510: "TZA", 511: "ZAN", 516: "BDI", 517: "RWA", 520: "SOM", 522: "DJI",
    530: "ETH", 531: "ERI", 540: "AGO", 541: "MOZ", 551: "ZMB", 552: "ZWE", 553: "MWI",
    560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ", 580: "MDG", 581: "COM",
    590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY", 625: "SDN",
    626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR", 660: "LBN",
    663: "JOR", 666: "ISR", 670: "SAU", 678: "YEM", 679: "YEM", 680: "YMD", 690: "KWT",
    692: "BHR", 694: "QAT", 696: "ARE", 698: "OMN", 700: "AFG", 701: "TKM", 702: "TJK",
    703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN", 712: "MNG", 713: "TWN", 731: "PRK",
    732: "KOR", 740: "JPN", 750: "IND", 760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR",
    780: "LKA", 781: "MDV", 790: "NPL", 800: "THA", 811: "KHM", 812: "LAO", 817: "RVN",
    820: "MYS", 830: "SGP", 835: "BRN", 840: "PHL", 850: "IDN", 860: "TLS", 900: "AUS",
    910: "PNG", 920: "NZL", 935: "VUT", 940: "SLB", 946: "KIR", 947: "TUV", 950: "FJI",
    955: "TON", 970: "NRU", 983: "MHL", 986: "PLW", 987: "FSM", 990: "WSM",
}
# fmt: on

# COW codes that span a state split or union: explicit spells (code, from, to), dates
# inclusive. Overrides the spells derived from the CSV for these states.
#   365 Russia (COW: continuous since 1816): Russia until the USSR was founded
#       (30 Dec 1922), the USSR until its dissolution (26 Dec 1991), Russia after.
#   345 Yugoslavia (COW: Serbia 1878-1918, Yugoslavia 1918-1941 and 1944-2016): Serbia
#       until the Kingdom of Serbs, Croats and Slovenes (1 Dec 1918); Yugoslavia / the
#       FRY / Serbia and Montenegro until Serbia declared itself the continuing state
#       (5 Jun 2006) after Montenegro's independence; Serbia after.
#   255 / 260 Germany: 255 until 1945, 260 (German Federal Republic) 1955-1990, 255
#       from unification (3 Oct 1990).
#   816 Vietnam (COW: "DRV", continuous since 1954): North Vietnam until the Socialist
#       Republic of Vietnam was proclaimed on 2 Jul 1976, Vietnam after.
#   678 / 679 Yemen: the Yemen Arab Republic (North Yemen) is ISO YEM's predecessor.
COW_SPLITS: dict[str, list[tuple[int, D | None, D | None]]] = {
    "RUS": [(365, None, D(1922, 12, 29)), (365, D(1991, 12, 26), None)],
    "SUN": [(365, D(1922, 12, 30), D(1991, 12, 25))],
    "SRB": [(345, D(1878, 7, 13), D(1918, 11, 30)), (345, D(2006, 6, 5), None)],
    "YUG": [(345, D(1918, 12, 1), D(2006, 6, 4))],
    "DEU": [
        (255, None, D(1945, 5, 8)),
        (260, D(1955, 5, 5), D(1990, 10, 2)),
        (255, D(1990, 10, 3), None),
    ],
    "VDR": [(816, D(1954, 7, 21), D(1976, 7, 1))],
    "VNM": [(816, D(1976, 7, 2), None)],
}

# States of the COW system that ended before 1945 and have no ISO code. Their id is the
# COW abbreviation; where that abbreviation is an ISO 3166 code of another state (only
# KOR: COW's Korea of 1887-1905 vs ISO's Republic of Korea) the id is "X" + its first two
# letters (ISO 3166 reserves X?? for user-assigned codes, so no clash ever). ccode -> (id,
# name). Names follow COW (spelling corrected: COW writes "Wuerttemburg").
PRE_1945: dict[int, tuple[str, str]] = {
    240: ("HAN", "Hanover"),
    245: ("BAV", "Bavaria"),
    267: ("BAD", "Baden"),
    269: ("SAX", "Saxony"),
    271: ("WRT", "Württemberg"),
    273: ("HSE", "Hesse-Kassel (Electoral Hesse)"),
    275: ("HSG", "Hesse-Darmstadt (Grand Ducal Hesse)"),
    280: ("MEC", "Mecklenburg-Schwerin"),
    300: ("AUH", "Austria-Hungary"),
    327: ("PAP", "Papal States"),
    329: ("SIC", "Two Sicilies"),
    332: ("MOD", "Modena"),
    335: ("PMA", "Parma"),
    337: ("TUS", "Tuscany"),
    730: ("XKO", "Korea (1887-1905)"),
}
# Aliases of the pre-1945 states (each must name that state only).
PRE_1945_ALIASES: dict[str, list[str]] = {
    "AUH": ["Austrian Empire", "Habsburg Monarchy"],
    "SIC": ["Kingdom of the Two Sicilies"],
    "PAP": ["Papal State"],
    "HSE": ["Electoral Hesse", "Hesse Electoral"],
    "HSG": ["Grand Duchy of Hesse", "Hesse Grand Ducal"],
    "WRT": ["Wuerttemberg", "Kingdom of Württemberg"],
    "XKO": ["Korean Empire", "Joseon"],
}

# Existence that COW's system list does not show. COW counts a state from the day it
# meets COW's membership criteria, so a few states that already existed enter late. Here:
# states whose existence before their COW entry is not in doubt and which ATOP 4.01 codes
# as alliance members before that entry (member rows with cowsys = 0): their existence
# starts before 1816 (null). Micro-states and later states are in EXISTENCE below.
EXISTED_BEFORE_COW = {"HAN", "MEC", "MOD", "PMA"}

# Successions: (predecessor, successor, first day of the successor's role, kind, note).
#   continued: the successor is the same legal person (continuing state; treaties go on)
#   merged:    the predecessor joined the successor, which goes on
#   dissolved: the predecessor ended and each successor is a new state
# Dates: the first day after the predecessor's last day (COW or EXISTENCE above).
SUCCESSIONS: list[tuple[str, str, D, str, str]] = [
    ("RUS", "SUN", D(1922, 12, 30), "continued", "COW codes Russia and the USSR as one state (365)"),
    ("SUN", "RUS", D(1991, 12, 26), "continued", "Russia is the USSR's continuing state (UN seat, treaties)"),
    ("SRB", "YUG", D(1918, 12, 1), "continued", "COW codes Serbia and Yugoslavia as one state (345)"),
    ("YUG", "SRB", D(2006, 6, 5), "continued", "Serbia continues Serbia and Montenegro"),
    ("DDR", "DEU", D(1990, 10, 3), "merged", "German unification: the GDR acceded to the Federal Republic"),
    ("YMD", "YEM", D(1990, 5, 22), "merged", "Yemeni unification (COW: YAR 678 -> YEM 679, YPR 680 ends)"),
    ("VDR", "VNM", D(1976, 7, 2), "continued", "COW codes North Vietnam and Vietnam as one state (816)"),
    ("RVN", "VNM", D(1976, 7, 2), "merged", "South Vietnam ended 30 Apr 1975 (COW); reunification 2 Jul 1976"),
    ("CSK", "CZE", D(1993, 1, 1), "dissolved", "Czechoslovakia dissolved"),
    ("CSK", "SVK", D(1993, 1, 1), "dissolved", "Czechoslovakia dissolved"),
    ("ZAN", "TZA", D(1964, 4, 27), "merged", "union of Tanganyika and Zanzibar (COW: ZAN ends 26 Apr 1964)"),
    ("HAN", "DEU", D(1866, 7, 27), "merged", "annexed by Prussia (COW exit 26 Jul 1866)"),
    ("HSE", "DEU", D(1866, 7, 27), "merged", "annexed by Prussia (COW exit 26 Jul 1866)"),
    ("SAX", "DEU", D(1867, 4, 18), "merged", "North German Confederation (COW exit 17 Apr 1867)"),
    ("HSG", "DEU", D(1867, 4, 18), "merged", "North German Confederation (COW exit 17 Apr 1867)"),
    ("MEC", "DEU", D(1867, 4, 18), "merged", "North German Confederation (COW exit 17 Apr 1867)"),
    ("BAV", "DEU", D(1871, 1, 19), "merged", "German Empire (COW exit 18 Jan 1871)"),
    ("BAD", "DEU", D(1871, 1, 19), "merged", "German Empire (COW exit 18 Jan 1871)"),
    ("WRT", "DEU", D(1871, 1, 19), "merged", "German Empire (COW exit 18 Jan 1871)"),
    ("MOD", "ITA", D(1860, 3, 16), "merged", "annexed by Sardinia (COW 325, later Italy; COW exit 15 Mar 1860)"),
    ("PMA", "ITA", D(1860, 3, 16), "merged", "annexed by Sardinia (COW 325, later Italy; COW exit 15 Mar 1860)"),
    ("TUS", "ITA", D(1860, 3, 16), "merged", "annexed by Sardinia (COW 325, later Italy; COW exit 15 Mar 1860)"),
    ("PAP", "ITA", D(1860, 11, 6), "merged", "most of its territory annexed (COW exit 5 Nov 1860)"),
    ("SIC", "ITA", D(1861, 2, 14), "merged", "annexed by Sardinia (COW exit 13 Feb 1861)"),
    ("AUH", "AUT", D(1918, 11, 13), "dissolved", "Austria-Hungary dissolved (COW exit 12 Nov 1918)"),
    ("AUH", "HUN", D(1918, 11, 13), "dissolved", "Austria-Hungary dissolved (COW exit 12 Nov 1918)"),
]

COW_FIRST_DAY = D(1816, 1, 1)  # COW's start of the state system: not a real start date
COW_LAST_DAY = D(2016, 12, 31)  # end of the v2016 data: the state still exists

# --------------------------------------------------------------------------------------
# Existence dates
# --------------------------------------------------------------------------------------
# Default: `start` = the first COW entry date when that is after 1945-01-01 (new states),
# else null; `end` = null. Overrides: (start, end).
EXISTENCE: dict[str, tuple[D | None, D | None]] = {
    # historical states
    "SUN": (D(1922, 12, 30), D(1991, 12, 25)),
    "DDR": (D(1949, 10, 7), D(1990, 10, 2)),
    "YUG": (D(1918, 12, 1), D(2006, 6, 4)),
    "CSK": (D(1918, 10, 28), D(1992, 12, 31)),
    "YMD": (D(1967, 11, 30), D(1990, 5, 21)),
    "VDR": (D(1945, 9, 2), D(1976, 7, 1)),
    "RVN": (D(1954, 6, 4), D(1975, 4, 30)),  # COW dates (include the State of Vietnam)
    "ZAN": (D(1963, 12, 19), D(1964, 4, 26)),  # COW dates
    # continuing states of a union or split: existed before 1945
    "RUS": (None, None),
    "SRB": (None, None),
    "DEU": (None, None),
    "YEM": (None, None),
    # unified Vietnam
    "VNM": (D(1976, 7, 2), None),
    # non-recognised entities: from Russia's recognition (the South Ossetian foreign ministry
    # dates relations "as two sovereign states" from 26 August 2008; mfa.rsogov.org/en/node/1274)
    "XAB": (D(2008, 8, 26), None),
    "XOS": (D(2008, 8, 26), None),
    # states that existed before COW counts them (COW uses UN admission for these)
    "TWN": (None, None),
    "MCO": (None, None),
    "LIE": (None, None),
    "AND": (None, None),
    "SMR": (None, None),
    "BTN": (None, None),
    "OMN": (None, None),
    "TON": (None, None),
    "LBN": (None, None),
    # independence earlier than the COW entry date
    "KOR": (D(1948, 8, 15), None),
    "KIR": (D(1979, 7, 12), None),
    "TUV": (D(1978, 10, 1), None),
    "NRU": (D(1968, 1, 31), None),
    "FSM": (D(1986, 11, 3), None),
    "MHL": (D(1986, 10, 21), None),
    "PLW": (D(1994, 10, 1), None),
    "TLS": (D(2002, 5, 20), None),
    "WSM": (D(1962, 1, 1), None),
    "VUT": (D(1980, 7, 30), None),
    "COM": (D(1975, 7, 6), None),
}

# --------------------------------------------------------------------------------------
# Names, aliases, demonyms, capitals/metonyms, leaders
# --------------------------------------------------------------------------------------
# ISO3 | UI name | aliases | demonyms | capitals and metonyms | leaders
# Items are separated by ";". An empty name means the pycountry common/short name.
# Rules: an alias must name this state only; demonyms, capitals and leaders may be
# ambiguous (the run-time index drops ambiguous entries) but avoid it where possible.
# A surname alone is listed only when in 2000-2026 news it means one person (or one
# state). Leaders: heads of state/government and foreign/defence ministers in news
# 2000-2026 (a few earlier names for historical states), not exhaustive.
# Left out on purpose because the normalized key is a common English word that would
# flood the news extractor: "Malé" (-> "male"), "Pole", "Bush", "Kiwi", "Victoria"
# (Seychelles; also the Australian state), "CAR", "FRY"; "Aden" (South Yemen's capital,
# but in current news the seat of Yemen's government) and "Congo" (either Congo).
CURATED = r"""
AFG | Afghanistan | Islamic Emirate of Afghanistan; Islamic Republic of Afghanistan | Afghan | Kabul | Hamid Karzai; Karzai; Ashraf Ghani; Hibatullah Akhundzada
AGO | Angola | Republic of Angola | Angolan | Luanda | João Lourenço
ALB | Albania | Republic of Albania | Albanian | Tirana; Tirane | Edi Rama
AND | Andorra | Principality of Andorra | Andorran | Andorra la Vella |
ARE | United Arab Emirates | UAE; U.A.E.; the Emirates | Emirati | Abu Dhabi | Mohamed bin Zayed; Mohammed bin Zayed; MBZ; Mohammed bin Rashid Al Maktoum
ARG | Argentina | Argentine Republic | Argentine; Argentinian | Buenos Aires; Casa Rosada | Javier Milei; Milei; Alberto Fernández; Cristina Fernández de Kirchner; Néstor Kirchner; Mauricio Macri
ARM | Armenia | Republic of Armenia | Armenian | Yerevan | Nikol Pashinyan; Pashinyan
ATG | Antigua and Barbuda | Antigua & Barbuda; Antigua | Antiguan | Saint John's; St. John's | Gaston Browne
AUS | Australia | Commonwealth of Australia | Australian; Aussie | Canberra | Anthony Albanese; Albanese; Scott Morrison; Malcolm Turnbull; Tony Abbott; Julia Gillard; Kevin Rudd; John Howard; Richard Marles; Penny Wong; Peter Dutton
AUT | Austria | Republic of Austria | Austrian | Vienna | Alexander Van der Bellen; Karl Nehammer; Sebastian Kurz; Christian Stocker
AZE | Azerbaijan | Republic of Azerbaijan | Azerbaijani; Azeri | Baku | Ilham Aliyev; Aliyev; Heydar Aliyev
BDI | Burundi | Republic of Burundi | Burundian | Gitega; Bujumbura | Évariste Ndayishimiye; Pierre Nkurunziza
BEL | Belgium | Kingdom of Belgium | Belgian | Brussels | Bart De Wever; Alexander De Croo
BEN | Benin | Dahomey | Beninese | Porto-Novo; Cotonou | Patrice Talon
BFA | Burkina Faso | Burkina; Upper Volta | Burkinabe; Burkinabè | Ouagadougou | Ibrahim Traoré
BGD | Bangladesh | People's Republic of Bangladesh | Bangladeshi | Dhaka | Sheikh Hasina; Muhammad Yunus; Khaleda Zia
BGR | Bulgaria | Republic of Bulgaria | Bulgarian | Sofia | Rumen Radev; Boyko Borisov
BHR | Bahrain | Kingdom of Bahrain | Bahraini | Manama | Hamad bin Isa Al Khalifa
BHS | Bahamas | The Bahamas; Commonwealth of The Bahamas | Bahamian | Nassau |
BIH | Bosnia and Herzegovina | Bosnia; Bosnia-Herzegovina; Bosnia & Herzegovina; BiH | Bosnian | Sarajevo |
BLR | Belarus | Republic of Belarus; Byelorussia; Belorussia; Byelorussian SSR | Belarusian; Belarusan | Minsk | Alexander Lukashenko; Aleksandr Lukashenko; Lukashenko
BLZ | Belize | | Belizean | Belmopan |
BOL | Bolivia | | Bolivian | La Paz; Sucre | Evo Morales; Luis Arce; Rodrigo Paz
BRA | Brazil | Federative Republic of Brazil | Brazilian | Brasília; Planalto | Luiz Inácio Lula da Silva; Lula da Silva; Lula; Jair Bolsonaro; Bolsonaro; Dilma Rousseff; Michel Temer
BRB | Barbados | | Barbadian; Bajan | Bridgetown | Mia Mottley
BRN | Brunei | Brunei Darussalam; Nation of Brunei | Bruneian | Bandar Seri Begawan | Hassanal Bolkiah
BTN | Bhutan | Kingdom of Bhutan | Bhutanese | Thimphu |
BWA | Botswana | Republic of Botswana | Motswana; Batswana; Botswanan | Gaborone | Duma Boko; Mokgweetsi Masisi
CAF | Central African Republic | | Central African | Bangui | Faustin-Archange Touadéra
CAN | Canada | | Canadian | Ottawa | Mark Carney; Carney; Justin Trudeau; Trudeau; Stephen Harper; Jean Chrétien; Paul Martin
CHE | Switzerland | Swiss Confederation | Swiss | Bern; Berne |
CHL | Chile | Republic of Chile | Chilean | Santiago; La Moneda | Gabriel Boric; Sebastián Piñera; Michelle Bachelet; José Antonio Kast
CHN | China | People's Republic of China; PRC; P.R.C.; mainland China; Communist China | Chinese | Beijing; Peking; Zhongnanhai | Xi Jinping; Xi; Li Qiang; Li Keqiang; Hu Jintao; Wen Jiabao; Jiang Zemin; Wang Yi; Dong Jun; Wei Fenghe; Li Shangfu; Qin Gang; Zhang Youxia
CIV | Ivory Coast | Côte d'Ivoire; Republic of Côte d'Ivoire | Ivorian | Yamoussoukro; Abidjan | Alassane Ouattara; Ouattara; Laurent Gbagbo
CMR | Cameroon | Republic of Cameroon | Cameroonian | Yaoundé | Paul Biya
COD | DR Congo | Democratic Republic of the Congo; Democratic Republic of Congo; DRC; D.R.C.; Congo-Kinshasa; Zaire | Congolese | Kinshasa | Félix Tshisekedi; Tshisekedi; Joseph Kabila; Kabila
COG | Republic of the Congo | Republic of Congo; Congo-Brazzaville; Congo Republic | Congolese | Brazzaville | Denis Sassou Nguesso
COL | Colombia | Republic of Colombia | Colombian | Bogotá; Casa de Nariño | Gustavo Petro; Iván Duque; Juan Manuel Santos; Álvaro Uribe
COM | Comoros | Union of the Comoros | Comorian | Moroni |
CPV | Cape Verde | Cabo Verde | Cape Verdean; Cabo Verdean | Praia |
CRI | Costa Rica | Republic of Costa Rica | Costa Rican | San José | Rodrigo Chaves
CUB | Cuba | Republic of Cuba | Cuban | Havana | Fidel Castro; Raúl Castro; Miguel Díaz-Canel; Díaz-Canel
CYP | Cyprus | Republic of Cyprus | Cypriot | Nicosia | Nikos Christodoulides
CZE | Czech Republic | Czechia | Czech | Prague | Petr Fiala; Andrej Babiš; Babiš; Petr Pavel; Miloš Zeman; Václav Klaus
DEU | Germany | Federal Republic of Germany; FRG; West Germany; BRD | German; West German | Berlin; Bonn | Friedrich Merz; Merz; Olaf Scholz; Scholz; Angela Merkel; Merkel; Gerhard Schröder; Frank-Walter Steinmeier; Boris Pistorius; Johann Wadephul
DJI | Djibouti | Republic of Djibouti | Djiboutian | Djibouti | Ismaïl Omar Guelleh
DMA | Dominica | Commonwealth of Dominica | Dominican | Roseau |
DNK | Denmark | Kingdom of Denmark | Danish; Dane | Copenhagen | Mette Frederiksen; Lars Løkke Rasmussen
DOM | Dominican Republic | | Dominican | Santo Domingo | Luis Abinader
DZA | Algeria | People's Democratic Republic of Algeria | Algerian | Algiers | Abdelmadjid Tebboune; Abdelaziz Bouteflika
ECU | Ecuador | Republic of Ecuador | Ecuadorian | Quito | Daniel Noboa; Guillermo Lasso; Rafael Correa
EGY | Egypt | Arab Republic of Egypt | Egyptian | Cairo | Abdel Fattah el-Sisi; Abdel Fattah al-Sisi; el-Sisi; Sisi; Hosni Mubarak; Mubarak; Mohamed Morsi
ERI | Eritrea | State of Eritrea | Eritrean | Asmara | Isaias Afwerki
ESP | Spain | Kingdom of Spain | Spanish; Spaniard | Madrid; Moncloa | Pedro Sánchez; Mariano Rajoy; José Luis Rodríguez Zapatero; José María Aznar
EST | Estonia | Republic of Estonia | Estonian | Tallinn | Alar Karis; Kristen Michal
ETH | Ethiopia | Federal Democratic Republic of Ethiopia | Ethiopian | Addis Ababa | Abiy Ahmed; Meles Zenawi
FIN | Finland | Republic of Finland | Finnish; Finn | Helsinki | Alexander Stubb; Stubb; Sauli Niinistö; Niinistö; Sanna Marin; Petteri Orpo
FJI | Fiji | Republic of Fiji | Fijian | Suva | Sitiveni Rabuka; Frank Bainimarama
FRA | France | French Republic | French | Paris; Élysée; Élysée Palace; Quai d'Orsay | Emmanuel Macron; Macron; François Hollande; Hollande; Nicolas Sarkozy; Sarkozy; Jacques Chirac; Chirac; Sébastien Lecornu; François Bayrou; Gabriel Attal; Élisabeth Borne; Jean-Noël Barrot
FSM | Micronesia | Federated States of Micronesia; FSM | Micronesian | Palikir | Wesley Simina; David Panuelo
GAB | Gabon | Gabonese Republic | Gabonese | Libreville | Brice Oligui Nguema; Ali Bongo
GBR | United Kingdom | UK; U.K.; Britain; Great Britain | British; Briton; Brit | London; Downing Street; Number 10; Whitehall | Keir Starmer; Starmer; Rishi Sunak; Sunak; Liz Truss; Boris Johnson; Theresa May; David Cameron; Gordon Brown; Tony Blair; David Lammy; John Healey; Yvette Cooper; Ben Wallace; Grant Shapps
GEO | Georgia | | Georgian | Tbilisi | Mikheil Saakashvili; Saakashvili; Irakli Kobakhidze; Bidzina Ivanishvili; Salome Zourabichvili; Mikheil Kavelashvili
GHA | Ghana | Republic of Ghana | Ghanaian | Accra | John Mahama; Nana Akufo-Addo
GIN | Guinea | Republic of Guinea; Guinea-Conakry | Guinean | Conakry | Mamady Doumbouya
GMB | Gambia | The Gambia; Republic of The Gambia | Gambian | Banjul | Adama Barrow
GNB | Guinea-Bissau | Republic of Guinea-Bissau | Bissau-Guinean | Bissau |
GNQ | Equatorial Guinea | Republic of Equatorial Guinea | Equatorial Guinean; Equatoguinean | Malabo | Teodoro Obiang
GRC | Greece | Hellenic Republic; Hellas | Greek | Athens | Kyriakos Mitsotakis; Mitsotakis; Alexis Tsipras
GRD | Grenada | | Grenadian | St. George's; Saint George's |
GTM | Guatemala | Republic of Guatemala | Guatemalan | Guatemala City | Bernardo Arévalo
GUY | Guyana | Republic of Guyana | Guyanese | Georgetown | Irfaan Ali
HND | Honduras | Republic of Honduras | Honduran | Tegucigalpa | Xiomara Castro
HRV | Croatia | Republic of Croatia | Croatian; Croat | Zagreb | Andrej Plenković; Zoran Milanović
HTI | Haiti | Republic of Haiti | Haitian | Port-au-Prince |
HUN | Hungary | | Hungarian | Budapest | Viktor Orbán; Orbán; Péter Magyar
IDN | Indonesia | Republic of Indonesia | Indonesian | Jakarta | Prabowo Subianto; Prabowo; Joko Widodo; Jokowi; Susilo Bambang Yudhoyono; Megawati Sukarnoputri
IND | India | Republic of India; Bharat | Indian | New Delhi; Delhi | Narendra Modi; Modi; Manmohan Singh; Rajnath Singh; Subrahmanyam Jaishankar; Jaishankar; Atal Bihari Vajpayee
IRL | Ireland | Republic of Ireland; Éire | Irish | Dublin | Micheál Martin; Leo Varadkar; Simon Harris; Michael D. Higgins
IRN | Iran | Islamic Republic of Iran; Persia | Iranian; Persian | Tehran | Ali Khamenei; Khamenei; Ebrahim Raisi; Raisi; Hassan Rouhani; Rouhani; Masoud Pezeshkian; Pezeshkian; Mahmoud Ahmadinejad; Ahmadinejad; Abbas Araghchi; Araghchi; Mohammad Javad Zarif; Qasem Soleimani
IRQ | Iraq | Republic of Iraq | Iraqi | Baghdad | Saddam Hussein; Saddam; Mohammed Shia al-Sudani; Nouri al-Maliki; Haider al-Abadi; Mustafa al-Kadhimi
ISL | Iceland | | Icelandic; Icelander | Reykjavík |
ISR | Israel | State of Israel | Israeli | Jerusalem | Benjamin Netanyahu; Netanyahu; Naftali Bennett; Yair Lapid; Ehud Olmert; Ariel Sharon; Isaac Herzog; Yoav Gallant; Israel Katz; Benny Gantz
ITA | Italy | Italian Republic | Italian | Rome; Palazzo Chigi | Giorgia Meloni; Meloni; Mario Draghi; Giuseppe Conte; Matteo Renzi; Silvio Berlusconi; Berlusconi; Sergio Mattarella; Guido Crosetto; Antonio Tajani
JAM | Jamaica | | Jamaican | Kingston | Andrew Holness
JOR | Jordan | Hashemite Kingdom of Jordan | Jordanian | Amman | King Abdullah II; Abdullah II
JPN | Japan | Nippon; Nihon | Japanese | Tokyo; Kasumigaseki; Nagatacho | Sanae Takaichi; Takaichi; Shigeru Ishiba; Ishiba; Fumio Kishida; Kishida; Yoshihide Suga; Shinzo Abe; Yoshihiko Noda; Naoto Kan; Yukio Hatoyama; Taro Aso; Yasuo Fukuda; Junichiro Koizumi; Shinjiro Koizumi; Koizumi; Gen Nakatani; Minoru Kihara; Yoshimasa Hayashi; Toshimitsu Motegi; Yoko Kamikawa; Nobuo Kishi; Yasukazu Hamada
KAZ | Kazakhstan | Republic of Kazakhstan | Kazakh; Kazakhstani | Astana; Nur-Sultan | Kassym-Jomart Tokayev; Tokayev; Nursultan Nazarbayev; Nazarbayev
KEN | Kenya | Republic of Kenya | Kenyan | Nairobi | William Ruto; Ruto; Uhuru Kenyatta; Mwai Kibaki
KGZ | Kyrgyzstan | Kyrgyz Republic; Kirghizia | Kyrgyz; Kyrgyzstani | Bishkek | Sadyr Japarov
KHM | Cambodia | Kingdom of Cambodia; Kampuchea | Cambodian; Khmer | Phnom Penh | Hun Sen; Hun Manet
KIR | Kiribati | Republic of Kiribati | I-Kiribati | Tarawa; South Tarawa | Taneti Maamau
KNA | Saint Kitts and Nevis | St. Kitts and Nevis; St Kitts and Nevis; Saint Kitts; St. Kitts | Kittitian; Nevisian | Basseterre |
KOR | South Korea | Republic of Korea; ROK; R.O.K. | South Korean | Seoul; Blue House; Cheong Wa Dae | Lee Jae-myung; Yoon Suk Yeol; Yoon; Moon Jae-in; Park Geun-hye; Lee Myung-bak; Roh Moo-hyun; Kim Dae-jung; Han Duck-soo; Choi Sang-mok; Cho Tae-yul; Park Jin; Shin Won-sik; Lee Jong-sup; Ahn Gyu-back
KWT | Kuwait | State of Kuwait | Kuwaiti | Kuwait City |
LAO | Laos | Lao PDR | Lao; Laotian | Vientiane | Thongloun Sisoulith
LBN | Lebanon | Lebanese Republic | Lebanese | Beirut; Baabda | Joseph Aoun; Michel Aoun; Nawaf Salam; Najib Mikati
LBR | Liberia | Republic of Liberia | Liberian | Monrovia | Ellen Johnson Sirleaf; George Weah; Joseph Boakai
LBY | Libya | State of Libya | Libyan | Tripoli | Muammar Gaddafi; Moammar Gadhafi; Gaddafi; Gadhafi; Qaddafi; Khalifa Haftar; Haftar; Abdul Hamid Dbeibah
LCA | Saint Lucia | St. Lucia; St Lucia | Saint Lucian | Castries |
LIE | Liechtenstein | Principality of Liechtenstein | Liechtensteiner | Vaduz |
LKA | Sri Lanka | Democratic Socialist Republic of Sri Lanka; Ceylon | Sri Lankan | Colombo; Sri Jayawardenepura Kotte | Mahinda Rajapaksa; Gotabaya Rajapaksa; Rajapaksa; Ranil Wickremesinghe; Anura Kumara Dissanayake
LSO | Lesotho | Kingdom of Lesotho | Mosotho; Basotho | Maseru |
LTU | Lithuania | Republic of Lithuania | Lithuanian | Vilnius | Gitanas Nausėda; Nausėda; Dalia Grybauskaitė
LUX | Luxembourg | Grand Duchy of Luxembourg | Luxembourger; Luxembourgish | Luxembourg City | Luc Frieden; Xavier Bettel
LVA | Latvia | Republic of Latvia | Latvian | Riga | Edgars Rinkēvičs; Evika Siliņa; Krišjānis Kariņš
MAR | Morocco | Kingdom of Morocco | Moroccan | Rabat | Mohammed VI; King Mohammed VI
MCO | Monaco | Principality of Monaco | Monégasque; Monacan | Monaco |
MDA | Moldova | Republic of Moldova; Moldavia | Moldovan | Chișinău; Chisinau | Maia Sandu; Sandu
MDG | Madagascar | Republic of Madagascar | Malagasy | Antananarivo | Andry Rajoelina
MDV | Maldives | Republic of Maldives; the Maldives | Maldivian | | Mohamed Muizzu; Muizzu; Ibrahim Mohamed Solih
MEX | Mexico | United Mexican States | Mexican | Mexico City; Los Pinos | Claudia Sheinbaum; Sheinbaum; Andrés Manuel López Obrador; López Obrador; AMLO; Enrique Peña Nieto; Felipe Calderón; Vicente Fox
MHL | Marshall Islands | Republic of the Marshall Islands; RMI | Marshallese | Majuro | Hilda Heine; David Kabua
MKD | North Macedonia | Republic of North Macedonia; Macedonia; Republic of Macedonia; FYROM; Former Yugoslav Republic of Macedonia | Macedonian; North Macedonian | Skopje | Hristijan Mickoski; Gordana Siljanovska-Davkova; Zoran Zaev
MLI | Mali | Republic of Mali | Malian | Bamako | Assimi Goïta
MLT | Malta | Republic of Malta | Maltese | Valletta | Robert Abela
MMR | Myanmar | Burma; Republic of the Union of Myanmar | Burmese | Naypyidaw; Naypyitaw; Nay Pyi Taw; Yangon; Rangoon | Min Aung Hlaing; Aung San Suu Kyi; Suu Kyi; Thein Sein
MNE | Montenegro | | Montenegrin | Podgorica | Milo Đukanović; Jakov Milatović
MNG | Mongolia | | Mongolian | Ulaanbaatar; Ulan Bator | Ukhnaagiin Khürelsükh
MOZ | Mozambique | Republic of Mozambique | Mozambican | Maputo | Daniel Chapo; Filipe Nyusi
MRT | Mauritania | Islamic Republic of Mauritania | Mauritanian | Nouakchott |
MUS | Mauritius | Republic of Mauritius | Mauritian | Port Louis |
MWI | Malawi | Republic of Malawi | Malawian | Lilongwe |
MYS | Malaysia | | Malaysian | Kuala Lumpur; Putrajaya | Anwar Ibrahim; Mahathir Mohamad; Mahathir; Najib Razak; Ismail Sabri Yaakob; Muhyiddin Yassin
NAM | Namibia | Republic of Namibia | Namibian | Windhoek |
NER | Niger | Republic of Niger | Nigerien | Niamey | Abdourahamane Tchiani; Mohamed Bazoum
NGA | Nigeria | Federal Republic of Nigeria | Nigerian | Abuja | Bola Tinubu; Tinubu; Muhammadu Buhari; Buhari; Goodluck Jonathan; Olusegun Obasanjo
NIC | Nicaragua | Republic of Nicaragua | Nicaraguan | Managua | Daniel Ortega
NLD | Netherlands | Kingdom of the Netherlands; Holland | Dutch | Amsterdam | Dick Schoof; Jan Peter Balkenende
NOR | Norway | Kingdom of Norway | Norwegian | Oslo | Jonas Gahr Støre; Støre; Erna Solberg
NPL | Nepal | | Nepali; Nepalese | Kathmandu |
NRU | Nauru | Republic of Nauru | Nauruan | Yaren |
NZL | New Zealand | Aotearoa | New Zealander | Wellington | Christopher Luxon; Luxon; Jacinda Ardern; Ardern; Chris Hipkins; John Key; Helen Clark; Winston Peters; Judith Collins
OMN | Oman | Sultanate of Oman | Omani | Muscat | Haitham bin Tariq; Qaboos bin Said
PAK | Pakistan | Islamic Republic of Pakistan | Pakistani | Islamabad; Rawalpindi | Shehbaz Sharif; Nawaz Sharif; Imran Khan; Asim Munir; Pervez Musharraf; Musharraf; Asif Ali Zardari; Benazir Bhutto; Bilawal Bhutto Zardari
PAN | Panama | Republic of Panama | Panamanian | Panama City | José Raúl Mulino
PER | Peru | Republic of Peru | Peruvian | Lima | Dina Boluarte; Pedro Castillo; José Jerí
PHL | Philippines | Republic of the Philippines; the Philippines | Filipino; Philippine; Pinoy | Manila; Malacañang; Malacañang Palace | Ferdinand Marcos Jr.; Bongbong Marcos; Marcos; Rodrigo Duterte; Duterte; Sara Duterte; Benigno Aquino III; Gloria Macapagal Arroyo; Joseph Estrada; Gilberto Teodoro; Enrique Manalo; Delfin Lorenzana; Teodoro Locsin Jr.
PLW | Palau | Republic of Palau; Belau | Palauan | Ngerulmud; Melekeok | Surangel Whipps Jr.; Tommy Remengesau Jr.
PNG | Papua New Guinea | Independent State of Papua New Guinea | Papua New Guinean | Port Moresby | James Marape; Marape; Peter O'Neill
POL | Poland | Republic of Poland | Polish | Warsaw | Donald Tusk; Andrzej Duda; Duda; Karol Nawrocki; Nawrocki; Mateusz Morawiecki; Jarosław Kaczyński; Lech Kaczyński; Radosław Sikorski; Sikorski; Władysław Kosiniak-Kamysz
PRK | North Korea | DPRK; D.P.R.K.; Democratic People's Republic of Korea | North Korean | Pyongyang | Kim Jong Un; Kim Jong-un; Kim Jong Il; Kim Jong-il; Kim Il Sung; Kim Il-sung; Kim Yo Jong; Choe Son Hui; Ri Yong Ho; Pak Pong Ju; Kim Tok Hun
PRT | Portugal | Portuguese Republic | Portuguese | Lisbon | Luís Montenegro; Marcelo Rebelo de Sousa
PRY | Paraguay | Republic of Paraguay | Paraguayan | Asunción | Santiago Peña
PSE | Palestine | State of Palestine; Palestinian Authority; Palestinian National Authority; Palestinian territories; Occupied Palestinian Territory | Palestinian | Ramallah | Mahmoud Abbas; Yasser Arafat; Arafat; Mohammad Mustafa
QAT | Qatar | State of Qatar | Qatari | Doha | Tamim bin Hamad Al Thani; Mohammed bin Abdulrahman Al Thani
ROU | Romania | | Romanian | Bucharest | Klaus Iohannis; Iohannis; Nicușor Dan; Marcel Ciolacu; Ilie Bolojan
RUS | Russia | Russian Federation | Russian | Moscow; the Kremlin | Vladimir Putin; Putin; Dmitry Medvedev; Medvedev; Sergei Lavrov; Sergey Lavrov; Lavrov; Sergei Shoigu; Sergey Shoigu; Shoigu; Andrei Belousov; Andrey Belousov; Belousov; Mikhail Mishustin; Mishustin; Valery Gerasimov; Gerasimov; Dmitry Peskov; Peskov; Maria Zakharova; Boris Yeltsin; Yeltsin
RWA | Rwanda | Republic of Rwanda | Rwandan | Kigali | Paul Kagame; Kagame
SAU | Saudi Arabia | Kingdom of Saudi Arabia; KSA | Saudi; Saudi Arabian | Riyadh | Mohammed bin Salman; MBS; King Salman; Salman bin Abdulaziz; Faisal bin Farhan
SDN | Sudan | Republic of the Sudan; the Sudan | Sudanese | Khartoum; Port Sudan | Omar al-Bashir; Abdel Fattah al-Burhan; Burhan
SEN | Senegal | Republic of Senegal | Senegalese | Dakar | Bassirou Diomaye Faye; Macky Sall
SGP | Singapore | Republic of Singapore | Singaporean | Singapore | Lawrence Wong; Lee Hsien Loong; Goh Chok Tong; Vivian Balakrishnan; Ng Eng Hen
SLB | Solomon Islands | Solomons | Solomon Islander | Honiara | Manasseh Sogavare; Sogavare; Jeremiah Manele
SLE | Sierra Leone | Republic of Sierra Leone | Sierra Leonean | Freetown | Julius Maada Bio
SLV | El Salvador | Republic of El Salvador | Salvadoran; Salvadorean | San Salvador | Nayib Bukele; Bukele
SMR | San Marino | Republic of San Marino | Sammarinese | City of San Marino |
SOM | Somalia | Federal Republic of Somalia | Somali | Mogadishu | Hassan Sheikh Mohamud
SRB | Serbia | Republic of Serbia | Serbian; Serb | Belgrade | Aleksandar Vučić; Vučić; Boris Tadić; Ana Brnabić
SSD | South Sudan | Republic of South Sudan | South Sudanese | Juba | Salva Kiir
STP | São Tomé and Príncipe | Sao Tome and Principe | São Toméan; Santomean | São Tomé |
SUR | Suriname | Republic of Suriname; Surinam | Surinamese | Paramaribo |
SVK | Slovakia | Slovak Republic | Slovak | Bratislava | Robert Fico; Fico; Peter Pellegrini; Zuzana Čaputová
SVN | Slovenia | Republic of Slovenia | Slovenian; Slovene | Ljubljana | Robert Golob; Janez Janša; Nataša Pirc Musar
SWE | Sweden | Kingdom of Sweden | Swedish; Swede | Stockholm | Ulf Kristersson; Kristersson; Magdalena Andersson; Stefan Löfven
SWZ | Eswatini | Kingdom of Eswatini; Swaziland | Swazi; Emaswati | Mbabane; Lobamba | Mswati III; King Mswati III
SYC | Seychelles | Republic of Seychelles | Seychellois | |
SYR | Syria | Syrian Arab Republic | Syrian | Damascus | Bashar al-Assad; Assad; al-Assad; Hafez al-Assad; Ahmed al-Sharaa; al-Sharaa; Abu Mohammed al-Jolani; Jolani
TCD | Chad | Republic of Chad | Chadian | N'Djamena | Mahamat Déby; Idriss Déby
TGO | Togo | Togolese Republic | Togolese | Lomé | Faure Gnassingbé
THA | Thailand | Kingdom of Thailand; Siam | Thai | Bangkok | Anutin Charnvirakul; Anutin; Paetongtarn Shinawatra; Paetongtarn; Srettha Thavisin; Srettha; Prayut Chan-o-cha; Prayuth Chan-ocha; Prayut; Prayuth; Thaksin Shinawatra; Thaksin; Yingluck Shinawatra; Yingluck
TJK | Tajikistan | Republic of Tajikistan | Tajik; Tajikistani | Dushanbe | Emomali Rahmon
TKM | Turkmenistan | | Turkmen | Ashgabat | Serdar Berdimuhamedow; Gurbanguly Berdimuhamedow
TLS | East Timor | Timor-Leste; Democratic Republic of Timor-Leste | Timorese; East Timorese | Dili | José Ramos-Horta; Ramos-Horta; Xanana Gusmão
TON | Tonga | Kingdom of Tonga | Tongan | Nuku'alofa |
TTO | Trinidad and Tobago | Republic of Trinidad and Tobago; Trinidad | Trinidadian; Tobagonian | Port of Spain | Kamla Persad-Bissessar; Keith Rowley
TUN | Tunisia | Republic of Tunisia | Tunisian | Tunis | Kais Saied
TUR | Turkey | Türkiye; Republic of Türkiye; Republic of Turkey | Turkish; Turk | Ankara | Recep Tayyip Erdoğan; Erdoğan; Hakan Fidan; Ahmet Davutoğlu; Abdullah Gül
TUV | Tuvalu | | Tuvaluan | Funafuti | Feleti Teo
TWN | Taiwan | Republic of China; ROC; R.O.C.; Chinese Taipei; Formosa | Taiwanese | Taipei | Lai Ching-te; William Lai; Tsai Ing-wen; Tsai; Ma Ying-jeou; Chen Shui-bian; Cho Jung-tai; Lin Chia-lung; Joseph Wu; Wellington Koo
TZA | Tanzania | United Republic of Tanzania | Tanzanian | Dodoma; Dar es Salaam | Samia Suluhu Hassan; John Magufuli
UGA | Uganda | Republic of Uganda | Ugandan | Kampala | Yoweri Museveni; Museveni
UKR | Ukraine | | Ukrainian | Kyiv; Kiev; Bankova | Volodymyr Zelenskyy; Volodymyr Zelensky; Zelenskyy; Zelensky; Zelenskiy; Petro Poroshenko; Poroshenko; Viktor Yanukovych; Yanukovych; Viktor Yushchenko; Leonid Kuchma; Yulia Tymoshenko; Denys Shmyhal; Yulia Svyrydenko; Rustem Umerov; Dmytro Kuleba; Andrii Sybiha; Andriy Yermak; Valerii Zaluzhnyi; Oleksandr Syrskyi
URY | Uruguay | Oriental Republic of Uruguay | Uruguayan | Montevideo | Yamandú Orsi; Luis Lacalle Pou
USA | United States | United States of America; USA; U.S.A.; US; U.S.; America | American | Washington; Washington, D.C.; the White House; the Pentagon; State Department; Foggy Bottom; Capitol Hill | Donald Trump; Trump; Joe Biden; Biden; Barack Obama; Obama; George W. Bush; Bill Clinton; Hillary Clinton; Clinton; Kamala Harris; JD Vance; Vance; Mike Pence; Dick Cheney; Antony Blinken; Blinken; Marco Rubio; Rubio; Pete Hegseth; Hegseth; Lloyd Austin; Kurt Campbell; Mike Pompeo; Pompeo; Rex Tillerson; Jim Mattis; James Mattis; Mark Esper; Donald Rumsfeld; Rumsfeld; Condoleezza Rice; Colin Powell; John Kerry; Jake Sullivan; Ash Carter; Chuck Hagel; Robert Gates
UZB | Uzbekistan | Republic of Uzbekistan | Uzbek; Uzbekistani | Tashkent | Shavkat Mirziyoyev; Islam Karimov
VAT | Holy See | Vatican; Vatican City; Vatican City State | | | Pope Francis; Pope Leo XIV; Pope Benedict XVI; Pope John Paul II; Pietro Parolin
VCT | Saint Vincent and the Grenadines | St. Vincent and the Grenadines; St Vincent and the Grenadines; Saint Vincent; St. Vincent | Vincentian | Kingstown | Ralph Gonsalves
VEN | Venezuela | Bolivarian Republic of Venezuela | Venezuelan | Caracas; Miraflores | Nicolás Maduro; Maduro; Hugo Chávez; Chávez; Delcy Rodríguez; Juan Guaidó; Guaidó; María Corina Machado; Edmundo González
VNM | Vietnam | Viet Nam; Socialist Republic of Vietnam; SRV | Vietnamese | Hanoi | To Lam; Nguyen Phu Trong; Pham Minh Chinh; Vo Van Thuong; Nguyen Xuan Phuc; Phan Van Giang
VUT | Vanuatu | Republic of Vanuatu; New Hebrides | Ni-Vanuatu | Port Vila |
WSM | Samoa | Independent State of Samoa; Western Samoa | Samoan | Apia | Fiamē Naomi Mataʻafa; Tuilaepa Sailele Malielegaoi
YEM | Yemen | Republic of Yemen; North Yemen; Yemen Arab Republic | Yemeni | Sanaa; Sana'a | Ali Abdullah Saleh; Abdrabbuh Mansur Hadi; Rashad al-Alimi
ZAF | South Africa | Republic of South Africa; RSA | South African | Pretoria; Cape Town | Cyril Ramaphosa; Ramaphosa; Jacob Zuma; Zuma; Thabo Mbeki; Mbeki; Nelson Mandela; Mandela
ZMB | Zambia | Republic of Zambia | Zambian | Lusaka | Hakainde Hichilema
ZWE | Zimbabwe | Republic of Zimbabwe; Rhodesia | Zimbabwean | Harare | Emmerson Mnangagwa; Mnangagwa; Robert Mugabe; Mugabe
XKX | Kosovo | Republic of Kosovo | Kosovar; Kosovan | Pristina; Prishtina | Vjosa Osmani; Albin Kurti; Kurti; Hashim Thaçi
XAB | Abkhazia | Republic of Abkhazia | Abkhazian | Sukhumi; Sukhum | Raul Khadjimba; Raul Khadzhimba
XOS | South Ossetia | Republic of South Ossetia | South Ossetian | Tskhinvali; Tskhinval | Leonid Tibilov; Anatoly Bibilov
SUN | Soviet Union | USSR; U.S.S.R.; Union of Soviet Socialist Republics; CCCP; SSSR | Soviet | | Mikhail Gorbachev; Gorbachev; Leonid Brezhnev; Brezhnev; Nikita Khrushchev; Khrushchev; Joseph Stalin; Stalin; Yuri Andropov; Konstantin Chernenko; Andrei Gromyko
DDR | East Germany | German Democratic Republic; GDR | East German | East Berlin; Pankow | Erich Honecker; Honecker; Walter Ulbricht; Egon Krenz
YUG | Yugoslavia | Socialist Federal Republic of Yugoslavia; SFRY; SFR Yugoslavia; Federal Republic of Yugoslavia; Kingdom of Yugoslavia; Serbia and Montenegro; State Union of Serbia and Montenegro; SCG | Yugoslav; Yugoslavian | | Josip Broz Tito; Tito; Slobodan Milošević; Milošević; Vojislav Koštunica
CSK | Czechoslovakia | Czechoslovak Socialist Republic; Czech and Slovak Federative Republic; ČSSR; ČSFR | Czechoslovak; Czechoslovakian | | Alexander Dubček; Gustáv Husák
YMD | South Yemen | People's Democratic Republic of Yemen; PDRY; Democratic Yemen | South Yemeni | |
VDR | North Vietnam | Democratic Republic of Vietnam; Democratic Republic of Viet Nam; DRV | North Vietnamese | | Ho Chi Minh; Pham Van Dong; Le Duan
RVN | South Vietnam | Republic of Vietnam; State of Vietnam | South Vietnamese | Saigon | Ngo Dinh Diem; Nguyen Van Thieu
ZAN | Zanzibar | People's Republic of Zanzibar; People's Republic of Zanzibar and Pemba; Sultanate of Zanzibar | Zanzibari | | Abeid Karume
"""

# official_name overrides (else pycountry's official name, else its name).
OFFICIAL: dict[str, str] = {
    "TWN": "Republic of China",
    "PSE": "State of Palestine",
    "VAT": "Holy See",
    "XKX": "Republic of Kosovo",
    "XAB": "Republic of Abkhazia (self-declared; not recognised by Georgia or the UN)",
    "XOS": "Republic of South Ossetia (self-declared; not recognised by Georgia or the UN)",
    "KOR": "Republic of Korea",
    "RUS": "Russian Federation",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CZE": "Czech Republic",
    "TUR": "Republic of Türkiye",
    "LAO": "Lao People's Democratic Republic",
    "SYR": "Syrian Arab Republic",
    "BRN": "Brunei Darussalam",
    "VNM": "Socialist Republic of Viet Nam",
    "GBR": "United Kingdom of Great Britain and Northern Ireland",
    "BHS": "Commonwealth of The Bahamas",
    "GMB": "Republic of The Gambia",
    "MKD": "Republic of North Macedonia",
    "MMR": "Republic of the Union of Myanmar",
    "STP": "Democratic Republic of São Tomé and Príncipe",
    "BIH": "Bosnia and Herzegovina",
    "SUN": "Union of Soviet Socialist Republics",
    "DDR": "German Democratic Republic",
    "YUG": "Socialist Federal Republic of Yugoslavia",
    "CSK": "Czechoslovak Socialist Republic",
    "YMD": "People's Democratic Republic of Yemen",
    "VDR": "Democratic Republic of Vietnam",
    "RVN": "Republic of Vietnam",
    "ZAN": "People's Republic of Zanzibar",
}

# pycountry names that must NOT become aliases (ambiguous or misleading).
DROP_ALIASES = {"Congo", "Korea"}

# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------


def _date(y: str, m: str, d: str) -> D:
    return D(int(y), int(m), int(d))


def read_cow(path: Path) -> list[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        out.append(
            {
                "abb": r["stateabb"],
                "code": int(r["ccode"]),
                "name": r["statenme"],
                "start": _date(r["styear"], r["stmonth"], r["stday"]),
                "end": _date(r["endyear"], r["endmonth"], r["endday"]),
            }
        )
    return out


def cow_spells(cow: list[dict[str, Any]]) -> dict[str, list[tuple[int, D | None, D | None]]]:
    """Spells per ISO3: one per COW code, from its first entry to its last exit."""
    by_code: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in cow:
        by_code[r["code"]].append(r)
    spells: dict[str, list[tuple[int, D | None, D | None]]] = defaultdict(list)
    for code, rows in by_code.items():
        iso3 = COW_TO_ISO3.get(code) or (PRE_1945[code][0] if code in PRE_1945 else None)
        if iso3 is None:
            continue
        start = min(r["start"] for r in rows)
        end = max(r["end"] for r in rows)
        spells[iso3].append(
            (code, None if start == COW_FIRST_DAY else start, None if end == COW_LAST_DAY else end)
        )
    for iso3 in spells:
        spells[iso3].sort(key=lambda s: s[1] or D.min)
    spells.update(COW_SPLITS)
    return spells


def system_spells(
    cow: list[dict[str, Any]], code_spells: dict[str, list[tuple[int, D | None, D | None]]]
) -> dict[str, list[tuple[D | None, D | None]]]:
    """COW state-system membership per registry state: every COW row of a code the state
    holds, clipped to the state's spell of that code, merged when consecutive; COW's first
    day (1816-01-01) and last day (2016-12-31) become open ends (null)."""
    rows_by_code: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in cow:
        rows_by_code[r["code"]].append(r)
    out: dict[str, list[tuple[D | None, D | None]]] = {}
    for iso3, held in code_spells.items():
        spans: list[tuple[D, D]] = []
        for code, a, b in held:
            for r in rows_by_code.get(code, []):
                lo = max(r["start"], a or D.min)
                hi = min(r["end"], b or D.max)
                if lo <= hi:
                    spans.append((lo, hi))
        spans.sort()
        merged: list[list[D]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out[iso3] = [
            (None if lo == COW_FIRST_DAY else lo, None if hi == COW_LAST_DAY else hi)
            for lo, hi in merged
        ]
    return out


def existence(
    iso3: str, system: list[tuple[D | None, D | None]]
) -> list[tuple[D | None, D | None]]:
    """Spells of existence: the COW system spells, with EXISTENCE's start/end replacing
    the first start / last end; a state COW does not list exists over EXISTENCE's span."""
    spells = [list(sp) for sp in system]
    if iso3 in EXISTED_BEFORE_COW and spells:
        spells[0][0] = None
    if iso3 in EXISTENCE:
        start, end = EXISTENCE[iso3]
        if not spells:
            spells = [[start, end]]
        else:
            # null start: "existed before COW counts it". Where COW's entry is before 1945
            # that entry stands (Yemen 1926); later entries are dropped (micro-states, ...)
            first = spells[0][0]
            if start is not None or first is None or first > D(1945, 1, 1):
                spells[0][0] = start
            spells[-1][1] = end
    if not spells:
        spells = [[None, None]]
    return [(a, b) for a, b in spells]


def first_cow_entry(cow: list[dict[str, Any]]) -> dict[str, D]:
    first: dict[str, D] = {}
    for r in cow:
        iso3 = COW_TO_ISO3.get(r["code"])
        if iso3 and (iso3 not in first or r["start"] < first[iso3]):
            first[iso3] = r["start"]
    return first


def parse_curated() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for line in CURATED.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 6:
            raise SystemExit(f"bad curated line ({len(parts)} fields): {line}")
        iso3, name, *lists = parts
        if iso3 in out:
            raise SystemExit(f"duplicate curated line for {iso3}")
        fields = [[x.strip() for x in f.split(";") if x.strip()] for f in lists]
        out[iso3] = {
            "name": name,
            "aliases": fields[0],
            "demonyms": fields[1],
            "capitals": fields[2],
            "leaders": fields[3],
        }
    return out


def dedupe(items: list[str], skip: set[str]) -> list[str]:
    """Drop items whose normalized form is already in `skip` (updated in place)."""
    out = []
    for it in items:
        key = normalize(it)
        if key and key not in skip:
            skip.add(key)
            out.append(it)
    return out


def build(cow_path: Path) -> list[dict[str, Any]]:
    cow = read_cow(cow_path)
    spells = cow_spells(cow)
    first = first_cow_entry(cow)
    curated = parse_curated()
    codes = UN_MEMBERS + NON_MEMBERS + HISTORICAL
    assert len(UN_MEMBERS) == 193 == len(set(UN_MEMBERS)), len(UN_MEMBERS)
    assert len(codes) == len(set(codes))
    missing = set(codes) - set(curated)
    extra = set(curated) - set(codes)
    if missing or extra:
        raise SystemExit(f"curated table: missing {sorted(missing)}, extra {sorted(extra)}")
    iso_all = {c.alpha_3 for c in pycountry.countries}
    iso_hist = {c.alpha_3 for c in pycountry.historic_countries}
    for code in NON_ISO_CODES:
        if code in iso_all or (code in iso_hist):
            raise SystemExit(f"our code {code} clashes with an ISO 3166 code")

    states = []
    for iso3 in codes:
        cur = curated[iso3]
        iso2: str | None
        py_names: list[str] = []
        if iso3 in HISTORICAL or iso3 in NON_ISO_CODES:
            iso2 = NON_ISO_CODES.get(iso3)
            official = OFFICIAL[iso3]
            default_name = cur["name"]
        else:
            c = pycountry.countries.get(alpha_3=iso3)
            if c is None:
                raise SystemExit(f"pycountry does not know {iso3}")
            iso2 = c.alpha_2
            py_official = getattr(c, "official_name", None)
            if py_official and py_official.startswith("the "):
                py_official = py_official[4:]
            official = OFFICIAL.get(iso3) or py_official or c.name
            default_name = getattr(c, "common_name", None) or c.name
            py_names = [c.name, getattr(c, "common_name", None) or "", py_official or ""]
        name = cur["name"] or default_name
        seen: set[str] = {normalize(name)}
        aliases = dedupe(
            [official] + cur["aliases"] + [n for n in py_names if n and n not in DROP_ALIASES], seen
        )
        # official_name is a field of its own; keep it out of the aliases list
        aliases = [a for a in aliases if a != official]
        demonyms = dedupe(cur["demonyms"], set())
        capitals = dedupe(cur["capitals"], set())
        leaders = dedupe(cur["leaders"], set())
        if iso3 in EXISTENCE:
            start, end = EXISTENCE[iso3]
        else:
            f = first.get(iso3)
            start, end = (f if f and f >= D(1945, 1, 1) else None), None
        states.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "name": name,
                "official_name": official,
                "cow": [{"code": c_, "from": a, "to": b} for c_, a, b in spells.get(iso3, [])],
                "start": start,
                "end": end,
                "aliases": aliases,
                "demonyms": demonyms,
                "capitals": capitals,
                "leaders": leaders,
            }
        )
    system = system_spells(cow, spells)
    for pre_code, (pid, pname) in PRE_1945.items():
        if pid in iso_all or pid in iso_hist or pid in codes:
            raise SystemExit(f"pre-1945 id {pid} clashes with an ISO 3166 or registry code")
        first_row = min((r for r in cow if r["code"] == pre_code), key=lambda r: r["start"])
        aliases = [
            a
            for a in [first_row["name"], *PRE_1945_ALIASES.get(pid, [])]
            if a != pname and a not in DROP_ALIASES
        ]
        states.append(
            {
                "iso3": pid,
                "iso2": None,
                "name": pname,
                "official_name": pname,
                "cow": [{"code": c_, "from": a, "to": b} for c_, a, b in spells.get(pid, [])],
                "start": None,
                "end": None,
                "aliases": dedupe(aliases, {normalize(pname)}),
                "demonyms": [],
                "capitals": [],
                "leaders": [],
            }
        )
    for st in states:
        sys_spells = system.get(st["iso3"], [])
        life = existence(st["iso3"], sys_spells)
        st["start"], st["end"] = life[0][0], life[-1][1]
        st["spells"] = [{"from": a, "to": b} for a, b in life]
        if life != sys_spells:  # omitted when the same as `spells`
            st["system"] = [{"from": a, "to": b} for a, b in sys_spells]
    states.sort(key=lambda s: s["iso3"])
    check(states, cow)
    return states


def successions(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SUCCESSIONS table as YAML records, checked against the states' spells."""
    by_id = {s["iso3"]: s for s in states}
    out = []
    for pred, succ, day, kind, note in SUCCESSIONS:
        if pred not in by_id or succ not in by_id:
            raise SystemExit(f"succession {pred} -> {succ}: unknown state")
        if kind not in ("continued", "merged", "dissolved"):
            raise SystemExit(f"succession {pred} -> {succ}: bad kind {kind}")
        ends = [sp["to"] for sp in by_id[pred]["spells"] if sp["to"] is not None]
        if not ends or not any(e < day and day - e <= YEAR + YEAR for e in ends):
            raise SystemExit(f"succession {pred} -> {succ}: no spell of {pred} ends before {day}")
        if not any(
            _covers(sp, day) or (sp["from"] is not None and day <= sp["from"] <= day + YEAR)
            for sp in by_id[succ]["spells"]
        ):
            raise SystemExit(f"succession {pred} -> {succ}: {succ} did not exist on {day}")
        out.append({"from": pred, "to": succ, "on": day, "kind": kind, "note": note})
    return out


YEAR = dt.timedelta(days=366)


def _covers(spell: dict[str, Any], day: D) -> bool:
    return (spell["from"] is None or spell["from"] <= day) and (
        spell["to"] is None or day <= spell["to"]
    )


def check(states: list[dict[str, Any]], cow: list[dict[str, Any]]) -> None:
    errors: list[str] = []
    # names, official names and aliases must each name one state
    owner: dict[str, str] = {}
    codes = {s["iso3"] for s in states} | {s["iso2"] for s in states if s["iso2"]}
    for s in states:
        for text in [s["name"], s["official_name"], *s["aliases"]]:
            key = normalize(text)
            prev = owner.setdefault(key, s["iso3"])
            if prev != s["iso3"]:
                errors.append(f"name/alias {text!r} of {s['iso3']} also names {prev}")
            if text.upper() in codes and text.upper() not in (s["iso3"], s["iso2"]):
                errors.append(f"alias {text!r} of {s['iso3']} is another state's code")
    # COW spells: no overlaps for a code across states
    by_code: dict[int, list[tuple[D, D, str]]] = defaultdict(list)
    for s in states:
        for sp in s["cow"]:
            by_code[sp["code"]].append((sp["from"] or D.min, sp["to"] or D.max, s["iso3"]))
    for code, spans in by_code.items():
        spans.sort()
        for (_, a1, x), (b0, _, y) in itertools.pairwise(spans):
            if b0 <= a1:
                errors.append(f"COW {code}: spells of {x} and {y} overlap")
    # every COW code still in the system after 1945 is mapped
    for r in cow:
        if r["end"] >= D(1945, 1, 1) and r["code"] not in by_code:
            errors.append(f"COW {r['code']} {r['abb']} {r['name']} is not mapped")
        if (
            r["end"] < D(1945, 1, 1)
            and r["code"] not in by_code
            and r["code"] not in PRE_1945
        ):
            errors.append(
                f"COW {r['code']} {r['abb']} ended before 1945: add it to PRE_1945 or map it"
            )
    if errors:
        raise SystemExit("\n".join(errors))


HEADER = """\
# The states registry: one entry per state the KB can name.
# GENERATED by data-raw/states.py from pycountry (ISO 3166), the Correlates of War state
# system list (states2016.csv, not in this repository) and the hand-curated tables in that
# script. Do not edit by hand: edit the script's tables and re-run it.
#
# iso3: ISO 3166-1 alpha-3; historical states use ISO 3166-3 alpha-3 (SUN, DDR, YUG, CSK,
#   YMD, VDR). Codes that are not ISO: XKX Kosovo (the EU/IMF user-assigned code), RVN
#   South Vietnam, ZAN Zanzibar (ISO never coded them). YUG covers the SFRY, the FRY and
#   Serbia and Montenegro (ISO's separate SCG is folded into it).
# iso2: ISO 3166-1 alpha-2 (XK for Kosovo); null for historical states.
# cow: COW state codes, one spell per code: from/to inclusive, null = open. States COW does
#   not code have cow: []. COW codes shared over time: 365 RUS/SUN, 345 SRB/YUG, 816 VDR/VNM.
# start/end: first and last day of existence (= first and last of `spells`).
# system: spells of membership in the COW state system (from/to inclusive; null = before
#   1816 / still a member after COW's 2016 data); left out where it equals `spells`. A state can have several (France
#   1816-1942 and 1944-; Japan 1860-1945 and 1952-): gaps are occupation or loss of
#   independence as COW codes it.
# spells: spells of existence as an independent state: `system`, except where the script
#   records an earlier start or a later end (micro-states COW counts only from UN
#   admission; states created shortly before COW's entry date). A state never appears on
#   a date outside its spells. A null `from` means: before 1816, or (states COW counts only
#   after 1945, e.g. Liechtenstein, Taiwan) before COW counted it, the start not recorded.
# Pre-1945 states without an ISO code (Bavaria, Austria-Hungary, the Papal States, ...) use
#   their COW abbreviation as id (XKO for COW's Korea 1887-1905: KOR is ISO's ROK).
# successions: who continued or absorbed whom, from which day (continued / merged /
#   dissolved): RUS continues SUN, SRB continues YUG, the GDR merged into DEU, ...
"""


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cow_csv", type=Path, help="path to COW states2016.csv")
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "src" / "foederis" / "data" / "states.yaml",
    )
    args = ap.parse_args(argv)
    states = build(args.cow_csv)
    body = yaml.dump(
        {"states": states, "successions": successions(states)},
        Dumper=_NoAliasDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {len(states)} states to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
