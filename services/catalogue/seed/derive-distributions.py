#!/usr/bin/env python3
"""Derives the generator's measured distributions from the real samples of training offers.

Run by hand when the samples change, from the repository root:
    python3 services/catalogue/seed/derive-distributions.py SAMPLE_DIR services/catalogue/seed
SAMPLE_DIR holds cpf-offers-sample.json and the two mcf_catalogue_extract_nsf326_*.csv files (docs/data-sources.md).

offer-shapes.csv: one row per real offer with a price: the register of its certification, its number of actions, of
active sessions and of remote sessions, its hours (empty when the source gives 0 or nothing) and its price in euros,
tax included. The generator draws whole rows, so that hours, price and counts keep the correlations of real offers.

region-weights.csv: offers per region (INSEE code) in the Mon Compte Formation extracts; offers with no region
(remote-only organisations) are counted as "remote".
"""
import collections
import csv
import json
import os
import sys

REGIONS = {"Guadeloupe": "01", "Martinique": "02", "Guyane": "03", "La Réunion": "04", "Mayotte": "06",
           "Île-de-France": "11", "Centre-Val de Loire": "24", "Bourgogne-Franche-Comté": "27", "Normandie": "28",
           "Hauts-de-France": "32", "Grand Est": "44", "Pays de la Loire": "52", "Bretagne": "53",
           "Nouvelle-Aquitaine": "75", "Occitanie": "76", "Auvergne-Rhône-Alpes": "84",
           "Provence-Alpes-Côte d'Azur": "93", "Corse": "94"}

src, dst = sys.argv[1], sys.argv[2]
regions = collections.Counter()
with open(os.path.join(dst, "offer-shapes.csv"), "w", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["source", "registry", "actions", "sessions", "remote_sessions", "hours", "price_eur"])
    for name in ("mcf_catalogue_extract_nsf326_rncp.csv", "mcf_catalogue_extract_nsf326_rs.csv"):
        with open(os.path.join(src, name), encoding="utf-8") as sample:
            for r in csv.DictReader(sample):
                regions[REGIONS.get(r["nom_region"], "remote")] += 1
                hours = float(r["nombre_heures_total_mean"] or 0)
                price = float(r["frais_ttc_tot_mean"] or 0)
                if price <= 0:
                    continue
                out.writerow(["mcf", r["type_referentiel"], int(r["nb_action"]), int(r["nb_session_active"]),
                              int(r["nb_session_a_distance"]), round(hours) if hours > 0 else "", round(price, 2)])
    with open(os.path.join(src, "cpf-offers-sample.json"), encoding="utf-8") as sample:
        for o in json.load(sample):
            registry = "RNCP" if o["formation"].get("codeRncp") else "RS"
            hours = o.get("duration") or 0
            # the CPF sample says nothing of distance learning (codeModaliteEnseign is about entry dates): in person
            out.writerow(["cpf", registry, 1, 1, 0, hours if hours > 0 else "", o["totalPriceTTC"]])

with open(os.path.join(dst, "region-weights.csv"), "w", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["region_code", "sample_offers"])
    for code in sorted(set(REGIONS.values())) + ["remote"]:
        out.writerow([code, regions[code]])
