"""A journal written by the command line stays a plain TinyDB database.

The Journal uses its tables as dicts rather than through TinyDB's Table (see
storage/journal.py), so this is what keeps the promise that any TinyDB
program can read the file.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from healjournal import cli


def test_plain_tinydb_reads_a_journal_written_by_the_command_line(tmp_path, clock):
    path = tmp_path / "journal.json"
    db = ["--db", str(path)]
    assert cli.main([*db, "add", "--day", "2026-11-03", "Rain all day."]) == 0
    assert cli.main([*db, "add", "--day", "2026-11-23", "A walk by the river."]) == 0
    assert cli.main([*db, "add", "--day", "2026-11-23", "Called Maya. #friends"]) == 0

    with TinyDB(path, access_mode="r") as tinydb:
        found = tinydb.table("entries").search(Query().day == "2026-11-23")
        assert sorted(record["body"] for record in found) == [
            "A walk by the river.",
            "Called Maya. #friends",
        ]
        assert sorted(record.doc_id for record in found) == [2, 3]
        (rain,) = tinydb.table("entries").search(Query().body.search("Rain"))
        assert (rain.doc_id, rain["day"]) == (1, "2026-11-03")
        assert tinydb.table("entries").get(doc_id=3)["tags"] == ["#friends"]
