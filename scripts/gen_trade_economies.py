#!/usr/bin/env python3
"""Regenerates data/trade_economies.csv and src/geo/economy_table.rs: every code a CEPII BACI
or UN Comtrade file may name as exporter, importer, reporter or partner, and the economy it
names.

Run from the repository root:

    python3 scripts/gen_trade_economies.py [ISO_CODES_JSON_DIR] [ISO_CODES_VERSION]

Defaults: /usr/share/iso-codes/json (Debian package `iso-codes`, `apt-get install iso-codes`)
and the version `dpkg-query` reports for it (4.15.0 when this was written).

Inputs, each cited in the `source` column of every row it produces:

- `iso_3166-1.json`: the countries (numeric code, alpha-2, alpha-3, short name);
- `iso_3166-3.json`: withdrawn entries; those with a numeric code no current country uses are
  historic economies (891 Serbia and Montenegro, 530 Netherlands Antilles, 200 Czechoslovakia,
  810 USSR, ...); those whose numeric code a current country still carries (180 Zaire is the
  DR Congo's 180) are former names of that country and add nothing;
- the table TRADE_CODES below: the trade databases' own codes that are in neither file, each
  with the section of the crate's reference notes (facts) that gives it: CEPII's
  `country_codes_V202501.csv` as listed by the message_ix_models BACI reader (facts 12.1) and
  UN Comtrade's reference codes as documented by comtradeapicall and its issues (facts 11,
  12.2).

Nothing here is read from CEPII's or Comtrade's own files (they could not be downloaded): the
BACI and Comtrade lists are rebuilt from the inputs above, so they are a superset of the
databases' own lists wherever ISO 3166-1 lists a territory the databases leave out.
"""
import csv
import json
import subprocess
import sys

JSON_DIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"


def iso_codes_version():
    if len(sys.argv) > 2:
        return sys.argv[2]
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True)
        return out.stdout.split("-")[0] or "4.15.0"
    except OSError:
        return "4.15.0"


VERSION = iso_codes_version()
SRC_3166_1 = f"iso-codes-{VERSION}/iso_3166-1"
SRC_3166_3 = f"iso-codes-{VERSION}/iso_3166-3"
SRC_BACI = "cepii-baci-V202501"  # facts 12.1: country_codes_V202501.csv as listed by message_ix_models
SRC_COMTRADE = "un-comtrade-reference"  # facts 11 and 12: comtradeapicall docs and issues
COMTRADE_EDITION = "final data, 2025"

# Codes the trade databases use for a country instead of its ISO 3166-1 numeric code
# (facts 11 and 12.1). The ISO code still resolves to the country; these are the codes the
# databases write.
SUBSTITUTES = {
    "US": (842, "USA (ISO 840)"),
    "FR": (251, "France incl. Monaco (ISO 250)"),
    "NO": (579, "Norway (ISO 578)"),
    "CH": (757, "Switzerland incl. Liechtenstein (ISO 756)"),
    "IN": (699, "India (ISO 356)"),
}

# Comtrade's spellings of country names (facts 12.2), alpha-2 -> name.
COMTRADE_NAMES = {
    "HK": "China, Hong Kong SAR",
    "MO": "China, Macao SAR",
    "TZ": "United Rep. of Tanzania",
    "KR": "Rep. of Korea",
    "CD": "Dem. Rep. of the Congo",
    "TR": "Türkiye",
    "BO": "Bolivia (Plurinational State of)",
}

# Trade-database codes that are not ISO 3166-1 codes, or whose ISO 3166-3 entry needs the
# databases' reading. (code, kind, name, other names, alpha-3 as the databases write it,
# last year, successors or members (alpha-2), in BACI's list, Comtrade reporter, Comtrade
# partner, source, note)
TRADE_CODES = [
    (0, "world", "World", [], "", None, [], 0, 0, 1, SRC_COMTRADE,
     "facts 11: Comtrade partner 0 is World, the reporter's total"),
    (58, "historic", "Belgium-Luxembourg (...1998)", ["Belgium-Luxembourg"], "", 1998, ["BE", "LU"], 1, 1, 1, SRC_BACI,
     "facts 12.1; BACI writes iso3 BEL for it, which is Belgium's ISO code: not Belgium (ISO 56)"),
    (97, "group", "European Union", ["EU"], "", None, [], 0, 1, 0, SRC_COMTRADE,
     "facts 12.1 lists code 97 among the trade codes in no ISO list without a name; "
     "European Union is UN Comtrade's name for it [U]"),
    (200, "historic", "Czechoslovakia", [], "CSK", None, ["CZ", "SK"], 0, 1, 1, SRC_COMTRADE,
     "facts 12.1 (older releases and UN Comtrade); ISO 3166-3 CSK"),
    (280, "historic", "Fed. Rep. of Germany (...1990)", ["Fed. Rep. of Germany"], "", 1990, ["DE"], 0, 1, 1,
     SRC_COMTRADE, "facts 12.1 (older releases and UN Comtrade)"),
    (490, "nes", "Other Asia, nes", [], "S19", None, [], 1, 0, 1, SRC_BACI,
     "facts 11 and 12.1: in practice Taiwan (ISO 158); mapped to Taiwan only on request (OtherAsia::Taiwan)"),
    (530, "historic", "Netherlands Antilles", [], "ANT", None, ["CW", "SX", "BQ"],
     1, 1, 1, SRC_BACI, "facts 12.1; ISO 3166-3 ANT"),
    (697, "nes", "Europe EFTA, nes", [], "R20", None, [], 1, 0, 1, SRC_BACI,
     "facts 12.1 (a row of BACI's country_codes file)"),
    (711, "customs-union", "Southern African Customs Union (...1999)", ["Southern African Customs Union", "SACU"],
     "ZA1", 1999, ["ZA", "BW", "LS", "NA", "SZ"], 1, 1, 1, SRC_BACI,
     "facts 12.1; its members report separately from 2000"),
    (736, "historic", "Sudan (...2011)", [], "", 2011, ["SD", "SS"], 1, 1, 1, SRC_BACI,
     "facts 12.1; BACI writes iso3 SDN for it, which is the ISO code of today's Sudan (729)"),
    (810, "historic", "USSR", ["Soviet Union"], "SUN", None,
     ["AM", "AZ", "BY", "EE", "GE", "KZ", "KG", "LV", "LT", "MD", "RU", "TJ", "TM", "UA", "UZ"], 0, 1, 1,
     SRC_COMTRADE, "facts 12.1 (older releases and UN Comtrade); ISO 3166-3 SUN"),
    (849, "nes", "US Misc. Pacific Islands", ["US Misc. Pacific Isds"], "PUS", None, [], 1, 0, 1, SRC_BACI,
     "facts 12.1; ISO 3166-3 PUS (withdrawn 1986) but still in BACI's data"),
    (890, "historic", "former Yugoslavia", ["Yugoslavia"], "YUG", 1992,
     ["SI", "HR", "BA", "MK"], 0, 1, 1, SRC_COMTRADE,
     "facts 12.1 (older releases and UN Comtrade); iso-codes lists YUG with 891 and the comment that it "
     "had 890 until 1992 (the last year given here); its successor Federal Republic of Yugoslavia is 891"),
    (891, "historic", "Serbia and Montenegro (...2005)", ["Serbia and Montenegro"], "SCG", 2005, ["RS", "ME"],
     1, 1, 1, SRC_BACI, "facts 12.1; ISO 3166-3 SCG"),
    (899, "nes", "Areas, nes", ["Areas nes"], "", None, [], 0, 0, 1, SRC_COMTRADE,
     "facts 12.1 (older releases and UN Comtrade)"),
]

KINDS = {"country": "Country", "historic": "Historic", "nes": "Nes", "customs-union": "CustomsUnion",
         "group": "Group", "world": "World"}

iso1 = sorted(json.load(open(f"{JSON_DIR}/iso_3166-1.json"))["3166-1"], key=lambda r: r["alpha_2"])
iso3 = json.load(open(f"{JSON_DIR}/iso_3166-3.json"))["3166-3"]
current = {int(r["numeric"]) for r in iso1}
by_a2 = {r["alpha_2"]: r for r in iso1}
trade = {t[0]: t for t in TRADE_CODES}

rows = []  # the CSV rows, one per code
# countries: their ISO numeric code, and the code the databases write where it differs
for r in iso1:
    a2, n = r["alpha_2"], int(r["numeric"])
    sub = SUBSTITUTES.get(a2)
    in_lists = 0 if sub else 1
    rows.append(dict(code=n, kind="country", name=r["name"], other_names=COMTRADE_NAMES.get(a2, ""), iso2=a2,
                     iso3=r["alpha_3"], country=a2, last_year="", successors="", baci=in_lists,
                     comtrade_reporter=in_lists, comtrade_partner=in_lists, source=SRC_3166_1, edition=VERSION,
                     note="the databases write " + str(sub[0]) if sub else ""))
    if sub:
        rows.append(dict(code=sub[0], kind="country", name=r["name"], other_names=COMTRADE_NAMES.get(a2, ""),
                         iso2=a2, iso3=r["alpha_3"], country=a2, last_year="", successors="", baci=1,
                         comtrade_reporter=1, comtrade_partner=1, source=SRC_COMTRADE, edition=COMTRADE_EDITION,
                         note=sub[1]))
# withdrawn ISO codes no current country carries
seen_3166_3 = set()
for r in iso3:
    if "numeric" not in r:
        continue
    n = int(r["numeric"])
    if r["alpha_3"] == "YUG":
        n = 890  # see TRADE_CODES
    if n in current or n in seen_3166_3:
        continue
    seen_3166_3.add(n)
    year = int(r["withdrawal_date"][:4])
    t = trade.pop(n, None)
    if t is None:
        rows.append(dict(code=n, kind="historic", name=r["name"], other_names="", iso2="", iso3=r["alpha_3"],
                         country="", last_year=year, successors="", baci=0, comtrade_reporter=0,
                         comtrade_partner=0, source=SRC_3166_3, edition=VERSION,
                         note=f"withdrawn {r['withdrawal_date']}" + ("; " + r["comment"] if "comment" in r else "")))
    else:
        code, kind, name, others, a3, last, succ, baci, rep, par, src, note = t
        rows.append(dict(code=code, kind=kind, name=name, other_names=";".join(others), iso2="", iso3=a3 or r["alpha_3"],
                         country="", last_year=last if last is not None else (year if kind == "historic" else ""),
                         successors=" ".join(succ), baci=baci, comtrade_reporter=rep, comtrade_partner=par,
                         source=f"{src}; {SRC_3166_3}", edition=f"V202501; {VERSION}" if src == SRC_BACI else f"{COMTRADE_EDITION}; {VERSION}",
                         note=note + f"; ISO withdrawal {r['withdrawal_date']}"))
for code, kind, name, others, a3, last, succ, baci, rep, par, src, note in trade.values():
    rows.append(dict(code=code, kind=kind, name=name, other_names=";".join(others), iso2="", iso3=a3, country="",
                     last_year="" if last is None else last, successors=" ".join(succ), baci=baci,
                     comtrade_reporter=rep, comtrade_partner=par, source=src,
                     edition="V202501" if src == SRC_BACI else COMTRADE_EDITION, note=note))
rows.sort(key=lambda r: r["code"])
codes = [r["code"] for r in rows]
assert len(codes) == len(set(codes)), "a code twice"

columns = ["code", "kind", "name", "other_names", "iso2", "iso3", "country", "last_year", "successors", "baci",
           "comtrade_reporter", "comtrade_partner", "source", "edition", "note"]
with open("data/trade_economies.csv", "w", newline="") as f:
    w = csv.DictWriter(f, columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

# ---- the Rust table ------------------------------------------------------------------------
country_index = {r["alpha_2"]: i for i, r in enumerate(iso1)}
others = [r for r in rows if r["kind"] != "country"]
other_index = {r["code"]: len(iso1) + i for i, r in enumerate(others)}


def rs(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def flags(r):
    return int(r["baci"]) | int(r["comtrade_reporter"]) << 1 | int(r["comtrade_partner"]) << 2


with open("src/geo/economy_table.rs", "w") as f:
    f.write("// @generated from data/trade_economies.csv by scripts/gen_trade_economies.py (Debian iso-codes\n")
    f.write(f"// {VERSION}, json/iso_3166-1.json and json/iso_3166-3.json, and the trade codes the script cites).\n")
    f.write("// Do not edit by hand; tests/geo/economies.rs checks it against the CSV.\n\n")
    f.write("use super::economy::{EconomyKind, OtherRow};\n\n")
    f.write("/// Every code that names an economy: (code, economy index, lists: 1 BACI, 2 Comtrade reporter,\n")
    f.write("/// 4 Comtrade partner), sorted by code. Indices below 249 are countries (alpha-2 order).\n")
    f.write("pub(super) static CODES: &[(u16, u16, u8)] = &[\n")
    for r in rows:
        idx = country_index[r["country"]] if r["kind"] == "country" else other_index[r["code"]]
        f.write(f"    ({r['code']}, {idx}, {flags(r)}),\n")
    f.write("];\n\n")
    f.write("/// The code the trade databases write for each country, by country index (842 for the USA).\n")
    f.write("pub(super) static COUNTRY_TRADE_CODES: &[u16] = &[\n")
    for r in iso1:
        sub = SUBSTITUTES.get(r["alpha_2"])
        code = f"{sub[0] if sub else int(r['numeric'])},"
        f.write(f"    {code:<4} // {r['alpha_2']}\n")  # as rustfmt aligns it
    f.write("];\n\n")
    f.write("/// Comtrade's spellings of country names: (name, country index).\n")
    f.write("pub(super) static COUNTRY_NAMES: &[(&str, u16)] = &[\n")
    for a2, name in sorted(COMTRADE_NAMES.items()):
        f.write(f"    ({rs(name)}, {country_index[a2]}),\n")
    f.write("];\n\n")
    f.write("/// The economies that are not countries, by index from 249, ordered by code.\n")
    f.write("pub(super) static OTHERS: &[OtherRow] = &[\n")
    for r in others:
        names = [n for n in r["other_names"].split(";") if n]
        succ = [s for s in r["successors"].split(" ") if s]
        last = f"Some({r['last_year']})" if r["last_year"] != "" else "None"
        f.write("    OtherRow {\n")
        f.write(f"        code: {r['code']},\n")
        f.write(f"        kind: EconomyKind::{KINDS[r['kind']]},\n")
        f.write(f"        name: {rs(r['name'])},\n")
        f.write(f"        other_names: &[{', '.join(rs(n) for n in names)}],\n")
        f.write(f"        alpha3: {rs(r['iso3'])},\n")
        f.write(f"        last_year: {last},\n")
        f.write(f"        successors: &[{', '.join(rs(s) for s in succ)}],\n")
        f.write("    },\n")
    f.write("];\n")

print(len(rows), "codes,", len(iso1), "countries,", len(others), "other economies;",
      sum(int(r["baci"]) for r in rows), "in BACI's list,", sum(int(r["comtrade_reporter"]) for r in rows),
      "Comtrade reporters,", sum(int(r["comtrade_partner"]) for r in rows), "Comtrade partners")
