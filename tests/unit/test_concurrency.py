"""Two healjournals writing the same journal at once never lose a write.

Each test starts writer processes that open the journal, read it (so what they
hold in memory goes stale as soon as the other one saves), report "ready" and
then block on stdin; the parent writes "go" to all of them at the same moment.
Every writer reports each operation after it returned, and the journal on
disk must hold exactly what all of them reported: nothing lost, nothing
doubled, no id given twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from healjournal.storage.journal import Journal

pytestmark = pytest.mark.slow

ADDS_PER_WRITER = 200
CHURN_OPS = 200
CHURN_SEED = 4_242
#: A writer still running after this long has hung; the test fails, not waits on.
TIMEOUT_SECONDS = 60.0

CHILD_CODE = r"""
import json
import random
import sys

from healjournal.storage.journal import Journal

path, role, name, count, seed = sys.argv[1:6]
count, seed = int(count), int(seed)
journal = Journal.open(path)
journal.entries()  # hold the journal as it is now; it goes stale once "go" comes
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit("no go")


def say(op, entry_id, text):
    # Re-read as the app does after each save: the file must never be seen
    # half-written, and this writer's own change must be in it.
    seen = {entry.id: entry.text for entry in journal.entries()}
    if seen.get(entry_id) != text:
        sys.exit(f"after {op} {entry_id}, the journal shows {seen.get(entry_id)!r}")
    print(json.dumps({"op": op, "id": entry_id, "text": text}), flush=True)


if role == "add":
    for i in range(count):
        text = f"{name}-{i}"
        say("add", journal.add_entry(text).id, text)
else:  # "churn": add entries, then edit and delete only its own
    rng = random.Random(seed)
    mine = []
    for i in range(count):
        roll = rng.random()
        if len(mine) < 3 or roll < 0.4:
            text = f"{name}-{i}"
            entry = journal.add_entry(text)
            mine.append(entry.id)
            say("add", entry.id, text)
        elif roll < 0.75:
            entry_id, text = rng.choice(mine), f"{name}-{i}-edited"
            journal.update_entry(entry_id, text=text)
            say("edit", entry_id, text)
        else:
            entry_id = mine.pop(rng.randrange(len(mine)))
            journal.delete_entry(entry_id)
            say("delete", entry_id, None)
"""

Ack = dict[str, Any]


def run_together(
    path: Path,
    writers: list[tuple[str, str, int]],
    while_running: Callable[[], None] | None = None,
) -> list[list[Ack]]:
    """Start one process per (role, name, count), all at once; return their acks.

    `while_running` runs in this process after "go", while the writers write.
    """
    env = os.environ | {"HEALJOURNAL_DB": str(path)}
    seed = str(CHURN_SEED)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD_CODE, str(path), role, name, str(n), seed],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for role, name, n in writers
    ]
    try:
        for child in children:
            assert child.stdout is not None
            ready = child.stdout.readline()
            assert ready == "ready\n", f"a writer did not start: {child.stderr.read()}"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        if while_running is not None:
            while_running()
        results = []
        for child, (_, name, _) in zip(children, writers, strict=True):
            out, err = child.communicate(timeout=TIMEOUT_SECONDS)
            assert child.returncode == 0, f"writer {name} failed:\n{err}"
            results.append([json.loads(line) for line in out.splitlines()])
        return results
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()


def on_disk(path: Path) -> dict[int, str]:
    """What a user sees after reopening the journal, as {id: text}."""
    return {entry.id: entry.text for entry in Journal.open(path).entries()}


def expected_from(acks: list[Ack]) -> dict[int, str]:
    """The entries one writer's acknowledged operations leave behind."""
    state: dict[int, str] = {}
    for ack in acks:
        if ack["op"] == "delete":
            del state[ack["id"]]
        else:
            state[ack["id"]] = ack["text"]
    return state


def assert_ids_are_sound(ids: list[Any]) -> None:
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicates == [], f"ids given to more than one entry: {duplicates}"
    odd = [i for i in ids if type(i) is not int or i < 1]
    assert odd == [], f"ids that are not positive whole numbers: {odd}"


def test_two_writers_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    acks = run_together(
        path, [("add", "p1", ADDS_PER_WRITER), ("add", "p2", ADDS_PER_WRITER)]
    )

    disk = on_disk(path)
    assert len(disk) == 2 * ADDS_PER_WRITER
    texts = Counter(disk.values())
    wanted = {f"p{p}-{i}" for p in (1, 2) for i in range(ADDS_PER_WRITER)}
    assert set(texts) == wanted, (
        f"lost: {sorted(wanted - set(texts))}, invented: {sorted(set(texts) - wanted)}"
    )
    assert [t for t, n in texts.items() if n > 1] == [], "an entry was saved twice"
    assert_ids_are_sound([a["id"] for writer in acks for a in writer])
    assert_ids_are_sound(list(disk))
    for writer in acks:  # each entry kept the id its writer was told
        for ack in writer:
            assert disk[ack["id"]] == ack["text"], f"{ack} is not what is on disk"


def test_one_adds_while_the_other_edits_and_deletes(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    adder, churner = run_together(
        path, [("add", "adder", ADDS_PER_WRITER), ("churn", "churner", CHURN_OPS)]
    )

    assert {a["op"] for a in churner} == {"add", "edit", "delete"}
    expected = expected_from(adder)
    churned = expected_from(churner)
    assert set(expected) & set(churned) == set(), "both writers were given one id"
    expected |= churned
    disk = on_disk(path)
    assert disk == expected, (
        f"lost or stale: { {i: t for i, t in expected.items() if disk.get(i) != t} }\n"
        f"unexpected: { {i: t for i, t in disk.items() if expected.get(i) != t} }"
    )
    assert_ids_are_sound([a["id"] for a in adder + churner if a["op"] == "add"])


def test_an_open_journal_sees_what_other_processes_saved(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = Journal.open(path)
    first = journal.add_entry("parent-before")
    assert [e.text for e in journal.entries()] == ["parent-before"]
    during: list[int] = []

    def add_while_they_write() -> None:
        for i in range(50):
            during.append(journal.add_entry(f"parent-{i}").id)

    acks = run_together(
        path,
        [("add", "p1", ADDS_PER_WRITER), ("add", "p2", ADDS_PER_WRITER)],
        while_running=add_while_they_write,
    )

    child_ids = {a["id"] for writer in acks for a in writer}
    assert journal.changed_on_disk()
    seen = {e.id: e.text for e in journal.entries()}  # no reopen: the same object
    wanted = (
        {"parent-before"}
        | {f"parent-{i}" for i in range(50)}
        | {f"p{p}-{i}" for p in (1, 2) for i in range(ADDS_PER_WRITER)}
    )
    assert sorted(seen.values()) == sorted(wanted)
    assert journal.get_entry(min(child_ids)) is not None

    after = journal.add_entry("parent-after")
    used = child_ids | set(during) | {first.id}
    assert after.id not in used, f"id {after.id} was already used"
    assert after.id > max(used)
    assert_ids_are_sound([first.id, *during, *child_ids, after.id])
    assert on_disk(path) == seen | {after.id: "parent-after"}
