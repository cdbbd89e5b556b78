#!/usr/bin/env python3
"""Regenerates data/iso3166-1.csv and src/geo/iso_table.rs from Debian's iso-codes package
(`apt-get install iso-codes`; file /usr/share/iso-codes/json/iso_3166-1.json)."""
import csv
import json
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_3166-1.json"
rows = sorted(json.load(open(src))["3166-1"], key=lambda r: r["alpha_2"])
with open("data/iso3166-1.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["alpha2", "alpha3", "numeric", "name", "official_name", "source"])
    for r in rows:
        w.writerow([r["alpha_2"], r["alpha_3"], r["numeric"], r["name"], r.get("official_name", ""), "iso-codes-4.15"])
with open("src/geo/iso_table.rs", "w") as f:
    f.write("// @generated from data/iso3166-1.csv (Debian iso-codes 4.15.0, json/iso_3166-1.json) by\n")
    f.write("// scripts/gen_iso_table.py. Do not edit by hand; tests/geo_table.rs checks it against the CSV.\n\n")
    f.write("/// (alpha-2, alpha-3, numeric, name), sorted by alpha-2.\n")
    f.write("pub(super) static COUNTRIES: &[(&str, &str, u16, &str)] = &[\n")
    for r in rows:
        name = r["name"].replace("\\", "\\\\").replace('"', '\\"')
        f.write(f'    ("{r["alpha_2"]}", "{r["alpha_3"]}", {int(r["numeric"])}, "{name}"),\n')
    f.write("];\n")
print(len(rows), "countries")
