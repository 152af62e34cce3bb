"""Kill a writing healjournal at a random moment: not one acknowledged word is lost.

A child process adds, edits and deletes entries as fast as it can and reports
each operation before it starts ("intent") and after it returned ("ack"). The
parent kills it with SIGKILL at a random moment, often right after an intent,
so the kill lands in the middle of a save. Afterwards the journal must open,
hold exactly what was acknowledged (plus, at most, the one operation that was
under way), have no temporary files left and still be private (0600).

The same journal is kept across all rounds, so every round starts from what
the previous kill left on disk. Each round has its own fixed seed; a failure
message names the round and the seed.

It runs twice: on a plain journal and on an encrypted one, where, in addition,
no word the writer typed may be found in any file beside the journal after any
kill (temp files a killed save left included).
"""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from healjournal.storage.atomic import temp_files
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal

pytestmark = pytest.mark.slow

ROUNDS = 120
BASE_SEED = 20_261_007
MAX_ACKS = 40
#: After the last line it reads, the parent may let the child run on for up to
#: this long before the kill, so kills land all over a save (lock, write,
#: fsync, rename, ack), not only at its start. This waits for nothing: the
#: checks hold whatever the delay.
MAX_KILL_DELAY = 0.004
#: A child that stops answering is killed after this long (a hang, not a pass).
WATCHDOG_SECONDS = 30.0
#: The encrypted run's passphrase, and a cheap key derivation: the test is
#: about saves, and each child derives the key once when it opens the journal.
PASSPHRASE = "kill -9 at any moment"
CHEAP = KdfCost(log2_n=10, r=8, p=1)

CHILD_CODE = r"""
import json
import random
import sys

from healjournal.storage.journal import Journal

path, seed, passphrase = sys.argv[1], int(sys.argv[2]), sys.argv[3] or None
rng = random.Random(seed)
WORDS = [
    "today", "I", "walked", "past", "our", "café", "and", "did", "not", "text",
    "them", "😌", "心", "breathing", "slowly", "felt", "lighter", "heavy", "rain",
    "friends", "ate", "well", "Ümlaut", "\"quoted\"", "back\\slash", "tab\there",
]


def say(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def new_text(n):
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
    text = f"s{seed}-{n} {words}"
    if rng.random() < 0.3:  # a title line and a body
        text += "\n" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
    return text


journal = Journal.open(path, passphrase=passphrase)
n = 0
while True:
    n += 1
    ids = [entry.id for entry in journal.entries()]
    roll = rng.random()
    if not ids or roll < 0.4:
        text = new_text(n)
        say(intent="add", id=None, text=text)
        entry = journal.add_entry(text)
        say(ack="add", id=entry.id)
    elif roll < 0.7:
        entry_id, text = rng.choice(ids), new_text(n)
        say(intent="edit", id=entry_id, text=text)
        journal.update_entry(entry_id, text=text)
        say(ack="edit", id=entry_id)
    else:
        entry_id = rng.choice(ids)
        say(intent="delete", id=entry_id, text=None)
        journal.delete_entry(entry_id)
        say(ack="delete", id=entry_id)
"""

State = dict[int, str]


def on_disk(path: Path, where: str, passphrase: str | None = None) -> State:
    """The entries a user would see after reopening the journal, as {id: text}."""
    try:
        journal = Journal.open(path, passphrase=passphrase)
        return {entry.id: entry.text for entry in journal.entries()}
    except Exception as error:  # (a) an unreadable journal fails the round
        pytest.fail(f"{where}: the journal cannot be opened after the kill: {error!r}")


def spin(seconds: float) -> None:
    """Burn `seconds` of the parent's time (a kill delay, not a wait)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def run_child(
    path: Path,
    passphrase: str | None,
    seed: int,
    acks_wanted: int,
    read_one_more_intent: bool,
    kill_delay: float,
    stderr_file: Path,
    where: str,
) -> list[dict[str, Any]]:
    """Run the writer until `acks_wanted` acks arrived, kill it, return its lines."""
    env = os.environ | {"HEALJOURNAL_DB": str(path)}
    with stderr_file.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD_CODE, str(path), str(seed), passphrase or ""],
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
        )
        watchdog = threading.Timer(WATCHDOG_SECONDS, child.kill)
        watchdog.start()
        try:
            assert child.stdout is not None
            raw = b""
            acks = 0
            while acks < acks_wanted:
                line = child.stdout.readline()
                if not line:
                    break
                raw += line
                acks += line.startswith(b'{"ack"')
            if acks == acks_wanted and read_one_more_intent:
                raw += child.stdout.readline()
            spin(kill_delay)
            child.send_signal(signal.SIGKILL)
            raw += child.stdout.read()
            returncode = child.wait()
        finally:
            watchdog.cancel()
            if child.stdout is not None:
                child.stdout.close()
    assert acks == acks_wanted and returncode == -signal.SIGKILL, (
        f"{where}: the writer stopped by itself after {acks} of {acks_wanted} acks "
        f"(exit {returncode}):\n{stderr_file.read_text(errors='replace')}"
    )
    # A line cut off by the kill has no newline; it was written before its
    # operation started, so dropping it loses nothing.
    return [
        json.loads(line)
        for line in raw.decode().splitlines(keepends=True)
        if line.endswith("\n")
    ]


def replay(
    start: State, lines: list[dict[str, Any]], highest_id: int, where: str
) -> tuple[State, dict[str, Any] | None, int]:
    """Apply every acknowledged operation; return the state and the one in flight."""
    state = dict(start)
    in_flight: dict[str, Any] | None = None
    for line in lines:
        if "intent" in line:
            assert in_flight is None, f"{where}: two intents without an ack: {line}"
            in_flight = line
            continue
        assert in_flight is not None and in_flight["intent"] == line["ack"], (
            f"{where}: an ack without its intent: {line}"
        )
        if line["ack"] == "add":
            assert line["id"] > highest_id, (
                f"{where}: a new entry got id {line['id']}, already used "
                f"(highest so far {highest_id})"
            )
            highest_id = line["id"]
            state[line["id"]] = in_flight["text"]
        elif line["ack"] == "edit":
            assert line["id"] in state, f"{where}: edited a missing entry {line}"
            state[line["id"]] = in_flight["text"]
        else:
            assert line["id"] in state, f"{where}: deleted a missing entry {line}"
            del state[line["id"]]
        in_flight = None
    return state, in_flight, highest_id


def with_in_flight(state: State, op: dict[str, Any], disk: State) -> State | None:
    """`state` with the unacknowledged operation applied (None if it cannot be)."""
    after = dict(state)
    if op["intent"] == "add":
        new_ids = set(disk) - set(state)
        if len(new_ids) != 1:
            return None
        after[new_ids.pop()] = op["text"]
    elif op["intent"] == "edit":
        after[op["id"]] = op["text"]
    else:
        after.pop(op["id"], None)
    return after


def difference(expected: State, disk: State) -> str:
    """The entries that differ, both ways, for a failure message."""
    lost = {i: t for i, t in expected.items() if disk.get(i) != t}
    invented = {i: t for i, t in disk.items() if expected.get(i) != t}
    return f"lost or changed: {lost}\non disk instead: {invented}"


def readable_words(folder: Path) -> list[str]:
    """Files in `folder` where a word the writer typed can be read."""
    # Every text starts with "s<seed>-<n> ", and the seeds start like BASE_SEED.
    marker = f"s{str(BASE_SEED)[:4]}".encode()
    return sorted(p.name for p in folder.iterdir() if marker in p.read_bytes())


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE], ids=["plain", "encrypted"])
def test_kill_at_any_moment_loses_no_acknowledged_write(
    tmp_path: Path, passphrase: str | None
) -> None:
    path = tmp_path / "data" / "journal.json"
    if passphrase:
        Journal.open(path).encrypt(passphrase, cost=CHEAP)
    disk: State = on_disk(path, "before round 0", passphrase)
    highest_id = 0
    seen = {"acks": 0, "in_flight_saved": 0, "in_flight_lost": 0, "temp_left": 0}

    for round_no in range(ROUNDS):
        seed = BASE_SEED + round_no
        where = f"round {round_no} (seed {seed})"
        rng = random.Random(seed)
        acks_wanted = rng.randint(1, MAX_ACKS)
        read_one_more_intent = rng.random() < 0.75
        kill_delay = rng.uniform(0, MAX_KILL_DELAY) if rng.random() < 0.6 else 0.0
        start = disk

        lines = run_child(
            path,
            passphrase,
            seed,
            acks_wanted,
            read_one_more_intent,
            kill_delay,
            tmp_path / "child-stderr.txt",
            where,
        )
        expected, in_flight, highest_id = replay(start, lines, highest_id, where)
        seen["acks"] += sum("ack" in line for line in lines)
        seen["temp_left"] += bool(temp_files(path))
        if passphrase:  # (e) not a word readable, not even in a killed save's temp
            assert readable_words(path.parent) == [], f"{where}: plaintext on disk"

        disk = on_disk(path, where, passphrase)  # (a) it opens

        # (b) every acknowledged write is there, nothing was invented
        if disk != expected:
            after = with_in_flight(expected, in_flight, disk) if in_flight else None
            assert disk == after, (
                f"{where}: the journal on disk is neither what was acknowledged nor "
                f"that plus the operation under way ({in_flight}).\n"
                + difference(expected, disk)
            )
            if in_flight["intent"] == "add":
                (new_id,) = set(disk) - set(expected)
                assert new_id > highest_id, (
                    f"{where}: the saved in-flight entry reused id {new_id}"
                )
                highest_id = new_id
            seen["in_flight_saved"] += 1
        elif in_flight:
            seen["in_flight_lost"] += 1

        # (c) opening the journal cleaned up whatever the killed save left
        assert temp_files(path) == [], f"{where}: temp files left: {temp_files(path)}"
        # (d) still private
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == 0o600, f"{where}: the journal's mode is {mode:o}, not 600"

    if not passphrase and disk:  # the plaintext check above can see words
        assert readable_words(path.parent) != []
    if os.environ.get("HEALJOURNAL_CRASH_STATS"):
        print(f"\n{ROUNDS} rounds, {len(disk)} entries at the end: {seen}")
