"""Rebuilds tickets from the help-desk process-mining event log with the
rules events.rs documents, independently of the Rust code, and prints the
figures the loader test checks.

Run from the crate root:
    python3 tests/independent/helpdesk_events.py ../shared/data/real/helpdesk_event_log.csv
"""

import csv
import statistics
import sys
from collections import OrderedDict
from datetime import datetime

# The activity names of this log and their meaning (see events.rs).
MEANING = {
    "Insert ticket": "created",
    "Take in charge ticket": "response",
    "Wait": "waiting",
    "Resolve ticket": "resolved",
    "RESOLVED": "resolved",
    "Closed": "closed",
}


def main(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, records = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}

    seen, kept = set(), []
    for record in records:
        key = tuple(record)
        if key in seen:
            continue
        seen.add(key)
        kept.append(record)

    cases = OrderedDict()
    for record in kept:
        case = record[col["case:concept:name"]]
        at = datetime.fromisoformat(record[col["time:timestamp"]])
        cases.setdefault(case, []).append((at, record[col["concept:name"]]))

    states, resolution, response = {}, [], []
    reopens = 0
    for case, events in cases.items():
        events.sort(key=lambda e: e[0])  # stable: file order at equal times
        created = next((at for at, a in events if MEANING.get(a) == "created"), events[0][0])
        state, first_solve, last_solve, closed, replied = "open", None, None, None, None
        for at, activity in events:
            meaning = MEANING.get(activity, "other")
            if meaning == "response" and replied is None:
                replied = at
            elif meaning == "resolved":
                if state != "open":
                    reopens += 1
                first_solve = first_solve or at
                last_solve = at
                state = "resolved"
            elif meaning == "closed":
                closed = at
                state = "closed"
        states[case] = state
        done = state in ("resolved", "closed")
        end = (last_solve or closed) if done else None
        # The report leaves a ticket resolved before its first reply out of
        # both first response and resolution time.
        if end is not None and replied is not None and end < replied:
            continue
        if end is not None:
            resolution.append((end - created).total_seconds())
        if replied is not None:
            response.append((replied - created).total_seconds())

    count = lambda s: sum(1 for v in states.values() if v == s)
    print("records", len(records), "duplicates", len(records) - len(kept))
    print("tickets", len(cases), "open", count("open"), "resolved", count("resolved"),
          "closed", count("closed"), "reopens", reopens)
    print("resolution n", len(resolution), "median s", statistics.median(resolution))
    print("first response n", len(response), "median s", statistics.median(response))


if __name__ == "__main__":
    main(sys.argv[1])
