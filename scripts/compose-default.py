#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One town, one file: the default scenario's towns that have a town file come from it.

    scripts/compose-default.py [--check]

scenarios/default.json runs five towns on one common ladder (its stages, promotions, profiles,
services and the variants spanning towns: the default-only part, kept in default.json itself).
Each town listed in TOWN_FILES below is taken from its town file (scenarios/<file>), so that
"what does Jirkov have, cost, achieve?" has one answer:

- the town block, key by key: its label, initial population, capacities, arrivals, entry
  stage and staffing (a default service the town file does not staff gets 0);
- the town's own rules (towns.<id>.rules): every field of the file's ladder that differs from
  the common ladder and a town may set (a stage's max_stay_months, on_expiry and
  profile_cost_factors; a promotion edge's criteria; a service's eligible_stages);
- a service of the file that the default lacks is added to the default's services (unstaffed
  in every other town), and the file's sources and assumptions the default lacks are added.

Anything else the file's ladder has different (a stage's kind, a profile, a service's
effects, an edge the default lacks, an edge of the default the town could use) cannot be a
town's rule: the script stops and names it. Labels may differ (the default's are kept).

Without --check the script rewrites scenarios/default.json (then rebuild: the built-in
default scenario is default.json, embedded at build time by cmake/embed.cmake). With --check
it rewrites nothing and exits 1 if default.json is not what it would write
(tests/cli/default_towns.sh). python3 and its json module only.
"""
import json
import os
import sys

# default.json's town id -> the town file whose town of the same id it is.
TOWN_FILES = {"jirkov": "jirkov.json"}

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEFAULT = os.path.join(ROOT, "scenarios", "default.json")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def dump(doc):
    # default.json's layout: two-space indent, UTF-8 as written, a final newline.
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# What a town's rules may set (the format's towns.<id>.rules), and what a missing key means.
STAGE_RULES = {"max_stay_months": 0, "on_expiry": None, "profile_cost_factors": {}}
PROMOTION_RULES = {"min_months_in_stage": 0, "min_streak": 0, "max_arrears": None,
                   "employment_required": False, "service_required": None}
SERVICE_RULES = {"eligible_stages": None}
# Keys that never change a run.
DOC_KEYS = {"label", "description", "sources", "assumptions", "notes"}


def fail(message):
    raise SystemExit("compose-default.py: " + message)


def strip_doc(entry):
    return {k: v for k, v in entry.items() if k not in DOC_KEYS and not k.startswith("_")}


def rules_of(town, name, default, source):
    """The town's rules: the fields of the file's ladder that differ from the common one."""
    rules = {}
    where = "scenarios/%s" % name
    for section in ("simulation",):
        a = {k: v for k, v in default[section].items() if k != "seed"}
        b = {k: v for k, v in source[section].items() if k != "seed"}
        if a != b:
            fail("%s: simulation differs from default.json's (only the seed may)" % where)
    if strip_doc(default["profiles"]) != strip_doc(source["profiles"]) or [
            strip_doc(p) for p in default["profiles"].values()] != [
            strip_doc(p) for p in source["profiles"].values()]:
        fail("%s: its profiles differ from default.json's (a town cannot have its own)" % where)
    if list(default["stages"]) != list(source["stages"]):
        fail("%s: its stages are not default.json's %s" % (where, list(default["stages"])))
    for sid, common in default["stages"].items():
        own = source["stages"][sid]
        a, b = strip_doc(common), strip_doc(own)
        for k in set(a) | set(b):
            if k in STAGE_RULES or a.get(k) == b.get(k):
                continue
            fail("%s: stages.%s.%s differs from default.json's and is not a town's rule" %
                 (where, sid, k))
        r = {}
        if a.get("max_stay_months", 0) != b.get("max_stay_months", 0):
            r["max_stay_months"] = b.get("max_stay_months", 0)
        if b.get("max_stay_months") and a.get("on_expiry") != b.get("on_expiry"):
            r["on_expiry"] = b["on_expiry"]
        if a.get("profile_cost_factors", {}) != b.get("profile_cost_factors", {}):
            r["profile_cost_factors"] = b.get("profile_cost_factors", {})
        if r:
            rules.setdefault("stages", {})[sid] = r
    staffing = source["towns"][town].get("staffing", {})
    for eid, common in default["promotions"].items():
        if eid not in source["promotions"]:
            needs = common.get("service_required")
            if not needs or staffing.get(needs, 0) > 0:
                fail("%s: has no edge '%s', which Jirkov's households could use in default.json "
                     "(it needs no service the town leaves unstaffed)" % (where, eid))
            continue
        own = source["promotions"][eid]
        a, b = strip_doc(common), strip_doc(own)
        if (a["from"], a["to"]) != (b["from"], b["to"]):
            fail("%s: promotions.%s leads elsewhere than default.json's" % (where, eid))
        r = {}
        for k, missing in PROMOTION_RULES.items():
            if a.get(k, missing) != b.get(k, missing):
                if k in b:
                    r[k] = b[k]
                else:
                    fail("%s: promotions.%s has no %s, default.json's has one; a town's rule "
                         "cannot remove it" % (where, eid, k))
        if r:
            rules.setdefault("promotions", {})[eid] = r
    for eid in source["promotions"]:
        if eid not in default["promotions"]:
            fail("%s: its edge '%s' is not in default.json's ladder" % (where, eid))
    if [e for e in source["promotions"] if e in default["promotions"]] != [
            e for e in default["promotions"] if e in source["promotions"]]:
        fail("%s: its edges are in another order than default.json's" % where)
    for vid, own in source["services"].items():
        if vid not in default["services"]:
            continue  # added to the default whole (compose)
        a, b = strip_doc(default["services"][vid]), strip_doc(own)
        for k in set(a) | set(b):
            if k in SERVICE_RULES or a.get(k) == b.get(k):
                continue
            fail("%s: services.%s.%s differs from default.json's and is not a town's rule" %
                 (where, vid, k))
        if a["eligible_stages"] != b["eligible_stages"]:
            rules.setdefault("services", {})[vid] = {"eligible_stages": b["eligible_stages"]}
    return rules


def compose(default):
    notes = []
    for town, name in TOWN_FILES.items():
        source = load(os.path.join(ROOT, "scenarios", name))
        if town not in default["towns"]:
            fail("default.json has no town '%s'" % town)
        # The file's services the default lacks join the default's ladder, unstaffed elsewhere.
        for vid, service in source["services"].items():
            if vid not in default["services"]:
                default["services"][vid] = json.loads(json.dumps(service))
        services = list(default["services"])
        if [v for v in services if v in source["services"]] != list(source["services"]):
            fail("scenarios/%s: its services are in another order than default.json's" % name)
        entry = json.loads(json.dumps(source["towns"][town]))
        entry.pop("rules", None)
        staffing = entry.get("staffing", {})
        entry["staffing"] = {s: staffing.get(s, 0) for s in services}
        rules = rules_of(town, name, default, source)
        if rules:
            entry["rules"] = rules
        default["towns"][town] = entry
        # The figures the town's rules and services rest on are sourced in its file.
        for section in ("sources", "assumptions"):
            for key, text in source.get(section, {}).items():
                default.setdefault(section, {})
                if key in default[section]:
                    continue  # the same source (the script does not compare the texts)
                # A key of the town's own ("criteria") names the town in the default.
                own = key if town in key else "%s_%s" % (town, key)
                default[section][own] = text
        note = "%s: from scenarios/%s (towns.%s, and its ladder's differences from the common " \
               "one as towns.%s.rules)" % (town, name, town, town)
        # The file's services that no other town staffs (added from it, or left so).
        only = [v for v in source["services"] if all(
            t.get("staffing", {}).get(v, 0) == 0 for k, t in default["towns"].items()
            if k != town and not k.startswith("_"))]
        if only:
            note += "; %s from it too, staffed in no other town" % ", ".join(
                "services." + v for v in only)
        notes.append(note)
    default.setdefault("notes", {})
    default["notes"]["town_files"] = (
        "Generated by scripts/compose-default.py; edit the town file, then run it. " +
        "; ".join(notes) + ".")
    return default


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] not in ([], ["--check"]):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(DEFAULT, encoding="utf-8") as f:
        before = f.read()
    after = dump(compose(json.loads(before)))
    if check:
        if after != before:
            print("scenarios/default.json is not up to date with its town files (%s): run "
                  "scripts/compose-default.py and rebuild" % ", ".join(
                      "scenarios/" + f for f in TOWN_FILES.values()), file=sys.stderr)
            return 1
        return 0
    if after != before:
        with open(DEFAULT, "w", encoding="utf-8") as f:
            f.write(after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
