#!/usr/bin/env python3
"""Compute expected KPI figures for the real exports, independently of the Rust code.

Only the standard library is used: the csv module splits records, and each
KPI is written out below from its definition, so a fault in the Rust reader,
loader or report cannot leak into the expected values.

Run from the crate root:

    python3 tests/independent/real_figures.py

It reads ../shared/data/real/ and prints one block per file. The numbers in
tests/real_exports.rs come from this output.

Definitions used, the same as the report's:
- CSAT: responses in the top 2 points of the scale / all responses x 100.
- NPS: % promoters (9-10) - % detractors (0-6); blanks and NA are not responses.
- Average handle time: mean of talk time over answered calls (the file has
  no hold or wrap-up columns, so talk time only).
- FCR (calls): answered calls flagged resolved / answered calls x 100.
- Resolution time: closed - created, median over tickets with both.
- Open backlog: tickets whose status means work remains (open, new, pending,
  in progress, assigned, waiting).
"""

import collections
import csv
import io
import os
import statistics
from datetime import datetime

REAL = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "real")

OPEN_STATUSES = {"open", "new", "pending customer response", "in progress", "assigned"}


def path(name):
    return os.path.join(REAL, name)


def read_dicts(name, encoding="utf-8", delimiter=","):
    with open(path(name), newline="", encoding=encoding, errors="replace") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def hms_seconds(text):
    hours, minutes, seconds = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds)


def is_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def percent(part, whole):
    return 100.0 * part / whole


def top_two_csat(scores, scale_max):
    satisfied = sum(1 for score in scores if score >= scale_max - 1)
    return satisfied, len(scores)


def nps_counts(scores):
    promoters = sum(1 for score in scores if score >= 9)
    passives = sum(1 for score in scores if 7 <= score <= 8)
    detractors = sum(1 for score in scores if score <= 6)
    return promoters, passives, detractors


def print_nps(scores):
    promoters, passives, detractors = nps_counts(scores)
    n = len(scores)
    print(f"  NPS n: {n}")
    print(f"  promoters / passives / detractors: {promoters} / {passives} / {detractors}")
    print(f"  NPS: {percent(promoters, n) - percent(detractors, n):.4f}")


def pwc_call_center():
    name = "pwc_call_center.csv"
    rows = read_dicts(name)
    print(name)
    print(f"  records: {len(rows)}")

    answered = [row for row in rows if row["Answered (Y/N)"] == "Y"]
    talk = [hms_seconds(row["AvgTalkDuration"]) for row in answered]
    print(f"  answered calls: {len(answered)}")
    print(f"  AHT talk only, mean s: {statistics.mean(talk):.4f}")

    scores = [int(row["Satisfaction rating"]) for row in rows if row["Satisfaction rating"]]
    satisfied, n = top_two_csat(scores, 5)
    print(f"  CSAT top-2 of 1-5: {satisfied} / {n} = {percent(satisfied, n):.4f} %")
    distribution = collections.Counter(scores)
    print(f"  CSAT distribution 1..5: {[distribution[score] for score in range(1, 6)]}")

    resolved = sum(1 for row in answered if row["Resolved"] == "Y")
    fcr = percent(resolved, len(answered))
    print(f"  FCR resolved / answered: {resolved} / {len(answered)} = {fcr:.4f} %")

    by_agent = collections.defaultdict(list)
    for row in rows:
        by_agent[row["Agent"]].append(row)
    for agent in sorted(by_agent):
        calls = by_agent[agent]
        talk = [hms_seconds(r["AvgTalkDuration"]) for r in calls if r["Answered (Y/N)"] == "Y"]
        aht = statistics.mean(talk)
        print(f"  agent {agent}: calls {len(calls)}, answered {len(talk)}, AHT s {aht:.4f}")


def kaggle_support_tickets():
    name = "kaggle_support_tickets.csv"
    rows = read_dicts(name)
    print(name)
    print(f"  records: {len(rows)}")

    by_status = collections.Counter(row["Ticket Status"] for row in rows)
    for status, count in sorted(by_status.items()):
        print(f"  status {status!r}: {count}")
    backlog = sum(count for status, count in by_status.items() if status.lower() in OPEN_STATUSES)
    print(f"  open backlog: {backlog}")

    # Ratings are written "3.0"; float() reads them, and the scale is 1-5.
    rated = [row for row in rows if row["Customer Satisfaction Rating"]]
    scores = [float(row["Customer Satisfaction Rating"]) for row in rated]
    satisfied, n = top_two_csat(scores, 5)
    print(f"  CSAT top-2 of 1-5: {satisfied} / {n} = {percent(satisfied, n):.4f} %")
    for column in ("Ticket Channel", "Ticket Priority"):
        groups = collections.defaultdict(list)
        for row in rated:
            groups[row[column]].append(float(row["Customer Satisfaction Rating"]))
        for label in sorted(groups):
            satisfied, n = top_two_csat(groups[label], 5)
            print(
                f"  CSAT by {column} {label}: {satisfied} / {n} = "
                f"{percent(satisfied, n):.4f} %"
            )

    stamp = "%Y-%m-%d %H:%M:%S"
    both = [row for row in rows if row["First Response Time"] and row["Time to Resolution"]]
    before = sum(
        1
        for row in both
        if datetime.strptime(row["Time to Resolution"], stamp)
        < datetime.strptime(row["First Response Time"], stamp)
    )
    print(f"  tickets with reply and resolution: {len(both)}")
    print(f"  resolved before first response: {before}")

    # Physical lines where those tickets start, the header being line 1:
    # descriptions span several lines, so a record starts one line after
    # the previous record ended (csv.reader's line_num).
    flagged_lines = []
    with open(path(name), newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        previous_end = 1
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            reply, resolved = row["First Response Time"], row["Time to Resolution"]
            if reply and resolved:
                if datetime.strptime(resolved, stamp) < datetime.strptime(reply, stamp):
                    flagged_lines.append(start)
    print(f"  first lines resolved before first response: {flagged_lines[:3]}")


def botanic_nps():
    name = "botanic_nps_latin1.csv"
    # The file is Windows-1252 with a few bytes that code page leaves
    # undefined (0x90); errors="replace" turns those into U+FFFD, as the
    # reader does. Only the text column contains such bytes.
    with open(path(name), "rb") as handle:
        raw = handle.read()
    undefined = sum(raw.count(bytes([byte])) for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    rows = read_dicts(name, encoding="cp1252")
    print(name)
    print(f"  records: {len(rows)}")
    print(f"  bytes undefined in Windows-1252: {undefined}")

    # Field by field, as the reader decodes: a field that is valid UTF-8
    # stays UTF-8, any other is read as Windows-1252. Latin-1 maps each byte
    # to one character, so it splits the records without changing a byte.
    fields = [
        field.encode("latin-1")
        for record in csv.reader(io.StringIO(raw.decode("latin-1"), newline=""))
        for field in record
    ]
    not_utf8 = [field for field in fields if not is_utf8(field)]
    decoded = [field.decode("cp1252", errors="replace") for field in not_utf8]
    replaced = sum(text.count("\ufffd") for text in decoded)
    print(f"  fields not valid UTF-8: {len(not_utf8)}")
    print(f"  U+FFFD after decoding: {replaced}")
    scores = [int(row["nps"]) for row in rows if row["nps"] != "NA"]
    print_nps(scores)


def google_forms_nps():
    name = "google_forms_brand_nps_fr.csv"
    with open(path(name), newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, data = rows[0], rows[1:]
    print(name)
    print(f"  records: {len(data)}")
    print(f"  score column: {header[4]!r}")
    print_nps([int(row[4]) for row in data if row[4]])

    # Every date has a first part of 12 or less, so the cells alone cannot
    # tell day-first from month-first.
    firsts = {int(row[0][:2]) for row in data}
    seconds = {int(row[0][3:5]) for row in data}
    print(f"  timestamp first parts: {sorted(firsts)}, second parts: {sorted(seconds)}")
    days = sorted({datetime.strptime(row[0], "%d/%m/%Y %H:%M:%S").date() for row in data})
    print(f"  read day-first: {days[0]} to {days[-1]}")


def nyc311():
    name = "nyc311_socrata_2024_sample.csv"
    rows = read_dicts(name)
    print(name)
    print(f"  records: {len(rows)}")

    months = collections.Counter(row["created_date"][:7] for row in rows)
    for month, count in sorted(months.items()):
        print(f"  created in {month}: {count}")

    stamp = "%Y-%m-%dT%H:%M:%S.%f"
    durations = [
        (
            datetime.strptime(row["closed_date"], stamp)
            - datetime.strptime(row["created_date"], stamp)
        ).total_seconds()
        for row in rows
        if row["closed_date"]
    ]
    print(f"  resolution created -> closed n: {len(durations)}")
    print(f"  resolution median s: {statistics.median(durations)}")
    print(f"  resolution mean s: {statistics.mean(durations):.4f}")

    by_status = collections.Counter(row["status"] for row in rows)
    for status, count in sorted(by_status.items()):
        print(f"  status {status!r}: {count}")
    backlog = sum(count for status, count in by_status.items() if status.lower() in OPEN_STATUSES)
    print(f"  open backlog: {backlog}")

    by_agency = collections.Counter(row["agency"] for row in rows)
    for agency, count in sorted(by_agency.items()):
        print(f"  agency {agency}: {count}")


def uci_incidents():
    name = "uci_incident_event_log_sample.csv"
    rows = read_dicts(name)
    last = {}
    for row in rows:
        last[row["number"]] = row
    print(name)
    print(f"  records: {len(rows)}")
    print(f"  tickets after keeping the last row per number: {len(last)}")
    print(f"  earlier rows left out: {len(rows) - len(last)}")
    by_state = collections.Counter(row["incident_state"] for row in last.values())
    for state, count in sorted(by_state.items()):
        print(f"  last state {state!r}: {count}")

    # opened_at is day-first: 29-02-2016 01:16 is 29 February 2016.
    opened = sorted(
        datetime.strptime(row["opened_at"], "%d-%m-%Y %H:%M") for row in last.values()
    )
    print(f"  opened_at of kept tickets: {opened[0]} to {opened[-1]}")


def uwv_complaints():
    name = "uwv_complaints_bpic2016_semicolon.csv"
    # Latin-1 text; only the Dutch topic columns hold bytes above 0x7F.
    rows = read_dicts(name, encoding="cp1252", delimiter=";")
    print(name)
    print(f"  records: {len(rows)}")
    print(f"  rows with a contact date: {sum(1 for row in rows if row['ContactDate'])}")
    by_channel = collections.Counter(row["ContactChannelID"] for row in rows)
    for channel, count in sorted(by_channel.items()):
        print(f"  channel {channel}: {count}")


def helpdesk_event_log():
    name = "helpdesk_event_log.csv"
    rows = read_dicts(name)
    print(name)
    print(f"  records: {len(rows)}")
    print(f"  cases: {len({row['case:concept:name'] for row in rows})}")


def twcs_sample():
    name = "twcs_sample.csv"
    with open(path(name), "rb") as handle:
        text = handle.read().decode("utf-8")
    # Records end at LF. Two bare CRs sit inside one tweet's unquoted text;
    # they are data there, not record ends, so they are replaced by spaces
    # before the csv module (which would end a record at a bare CR) sees them.
    print(name)
    print(f"  bare CRs: {text.count(chr(13))}")
    rows = list(csv.reader(io.StringIO(text.replace("\r", " "), newline="")))
    print(f"  records: {len(rows) - 1}")
    print(f"  field counts: {dict(collections.Counter(len(row) for row in rows))}")


def main():
    for compute in (
        pwc_call_center,
        kaggle_support_tickets,
        botanic_nps,
        google_forms_nps,
        nyc311,
        uci_incidents,
        uwv_complaints,
        helpdesk_event_log,
        twcs_sample,
    ):
        compute()
        print()


if __name__ == "__main__":
    main()
