"""The garbage collector pauses while the app builds what it keeps, and comes back."""

from __future__ import annotations

import gc
import threading

import pytest

from healjournal.tui.collector import pause_collector, quiet_collector, resume_collector


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_pauses_nest_and_the_last_resume_collects_again():
    pause_collector()
    with quiet_collector():  # the first read of the journal, meanwhile
        assert not gc.isenabled()
    assert not gc.isenabled()  # the start's pause still holds
    resume_collector()
    assert gc.isenabled()
    resume_collector()  # one too many: nothing happens
    assert gc.isenabled()


def test_what_survives_a_pause_is_frozen_out_of_sight():
    before = gc.get_freeze_count()
    with quiet_collector():
        kept = [[n] for n in range(1000)]
    assert gc.get_freeze_count() >= before + len(kept)
    gc.unfreeze()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with quiet_collector():
        pass
    assert not gc.isenabled()


def test_pauses_from_two_threads():
    pause_collector()
    reading, done = threading.Event(), threading.Event()

    def load() -> None:
        with quiet_collector():
            reading.set()
            done.wait(5)

    worker = threading.Thread(target=load)
    worker.start()
    assert reading.wait(5)
    resume_collector()  # the first frame is drawn while the load goes on
    assert not gc.isenabled()
    done.set()
    worker.join()
    assert gc.isenabled()
