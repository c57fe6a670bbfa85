"""Rebuilds conversation threads of the Twitter customer-support sample
from reply links, independently of the Rust code, and prints the figures
the loader test checks.

Run from the crate root:
    python3 tests/independent/twcs_threads.py ../shared/data/real/twcs_sample.csv

Python's csv module ends a record at a bare carriage return, which the
file has inside one tweet, so those are blanked first. Rules: a tweet joins
the thread of the tweet it answers; the root answers nothing or answers a
tweet not in the file; a loop is cut where the walk meets itself. The
customer is `inbound == True`. First response: the first company tweet at
or after the first customer tweet.
"""

import csv
import io
import re
import statistics
import sys
from datetime import datetime


def tweet_id(text):
    text = text.strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def main(path):
    with open(path, newline="") as f:
        text = re.sub(r"\r(?!\n)", " ", f.read())
    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    index_of = {}
    for i, row in enumerate(rows):
        index_of.setdefault(tweet_id(row["tweet_id"]), i)

    def parent(i):
        wanted = tweet_id(rows[i]["in_response_to_tweet_id"])
        return index_of.get(wanted) if wanted else None

    root = [None] * len(rows)
    for start in range(len(rows)):
        path, on_path, current = [], set(), start
        while True:
            if root[current] is not None:
                found = root[current]
                break
            if current in on_path:
                found = current
                break
            on_path.add(current)
            path.append(current)
            up = parent(current)
            if up is None:
                found = current
                break
            current = up
        for i in path:
            root[i] = found

    threads = {}
    for i, r in enumerate(root):
        threads.setdefault(r, []).append(i)

    frt, no_reply, no_customer = [], 0, 0
    for members in threads.values():
        timed = sorted(
            (datetime.strptime(rows[i]["created_at"], "%a %b %d %H:%M:%S %z %Y"), i)
            for i in members
        )
        asked = next((at for at, i in timed if rows[i]["inbound"] == "True"), None)
        if asked is None:
            no_customer += 1
            continue
        reply = next(
            (at for at, i in timed if rows[i]["inbound"] == "False" and at >= asked), None
        )
        if reply is None:
            no_reply += 1
        else:
            frt.append((reply - asked).total_seconds())

    print("tweets", len(rows), "threads", len(threads))
    print("without a customer tweet", no_customer, "without a company reply", no_reply)
    print("frt n", len(frt), "median s", statistics.median(frt), "mean s", statistics.mean(frt))


if __name__ == "__main__":
    main(sys.argv[1])
