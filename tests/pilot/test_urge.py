"""The moment he is on your mind: F8, the wait, the letter, and how it ended.

The countdown reads the journal's clock, so these tests move a frozen clock
on and let the screen look at it: ten minutes pass without waiting for them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import TODAY, reopen, screen_text, settle
from textual.widgets import Button, Digits, Input, TextArea

from healjournal.cli.report import EMPTY_MESSAGE
from healjournal.domain.models import EntryKind, Theme, UrgeOutcome
from healjournal.domain.search import parse_query, search
from healjournal.tips import theme_tips
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.goal_form import GoalForm
from healjournal.tui.dialogs.letter import LetterScreen
from healjournal.tui.dialogs.minutes import MinutesDialog
from healjournal.tui.dialogs.slip import SlipDialog
from healjournal.tui.screens import urge as urge_module
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.review import ReviewScreen
from healjournal.tui.screens.search import SearchScreen
from healjournal.tui.screens.urge import UrgeScreen
from healjournal.tui.screens.welcome import WelcomeScreen
from healjournal.tui.widgets.strength_picker import StrengthPicker
from healjournal.tui.widgets.topbar import TopBar
from healjournal.tui.widgets.urge_question import UrgeQuestion

WIDE, NARROW = (120, 40), (80, 24)


@pytest.fixture(params=[NARROW, WIDE], ids=["80x24", "120x40"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param


@pytest.fixture
def counting(welcomed, clock):
    """A journal 20 days into no contact (its best run so far)."""
    welcomed.start_no_contact(TODAY - timedelta(days=20))
    return welcomed


def the_urge(app) -> UrgeScreen:
    return next(s for s in app.screen_stack if isinstance(s, UrgeScreen))


def clock_face(app) -> str:
    return the_urge(app).query_one("#urge-clock", Digits).value


def letter_area(app) -> TextArea:
    return the_urge(app).query_one("#urge-letter", TextArea)


def question(app) -> UrgeQuestion:
    return the_urge(app).query_one(UrgeQuestion)


def notices(app) -> str:
    """Every notification shown so far, as one text."""
    return " ".join(n.message for n in app._notifications)


async def open_urge(pilot) -> UrgeScreen:
    await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)
    assert isinstance(pilot.app.screen, UrgeScreen)
    return pilot.app.screen


async def write(pilot, text: str) -> None:
    await pilot.press(*text)


async def advance(pilot, clock, **delta: float) -> None:
    """Move the frozen clock on; the countdown looks at it."""
    clock.set(clock.now() + timedelta(**delta))
    the_urge(pilot.app).tick()
    await pilot.pause()


def asking(app) -> bool:
    """Whether the question has the keys (its answers, not the letter)."""
    return app.focused is not None and question(app) in app.focused.ancestors


async def answer(pilot, *keys: str) -> None:
    """To the question (Esc, unless it has the keys already), then `keys`
    (a strength, an answer)."""
    if not asking(pilot.app):
        await pilot.press("escape")
    await pilot.press(*keys)
    await settle(pilot)


class TestOneKey:
    async def test_f8_and_the_first_key_writes_the_letter(
        self, counting, journal_path, clock, size
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=size) as pilot:
            await open_urge(pilot)
            assert app.focused is letter_area(app)
            await write(pilot, "hey")
            assert letter_area(app).text == "hey"
            assert clock_face(app) == "10:00"
            text = " ".join(screen_text(app).split())
            assert "Nothing is ever sent anywhere" in text
            assert "20 days of no contact" in text
            assert "Instead: Call a friend" in text
            line = the_urge(app).support.line
            assert line in theme_tips(Theme.NO_CONTACT).urge_lines

    async def test_the_urge_is_logged_the_moment_it_starts(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            (urge,) = reopen(journal_path, clock).urges()
            assert (urge.at, urge.day, urge.outcome) == (clock.now(), TODAY, None)

    async def test_f8_again_opens_no_second_one(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await pilot.press("f8", "f8")
            await settle(pilot)
            assert sum(isinstance(s, UrgeScreen) for s in app.screen_stack) == 1
            assert app.focused is letter_area(app)
        assert len(reopen(journal_path, clock).urges()) == 1

    @pytest.mark.parametrize(
        ("keys", "screen"),
        [
            (("f5",), LetterScreen),
            (("f6",), SlipDialog),
            (("f7",), ReviewScreen),
            (("ctrl+f",), SearchScreen),
            (("f4", "a"), GoalForm),
        ],
        ids=["letter", "slip", "review", "search", "goal-form"],
    )
    async def test_from_every_screen_and_back_to_it(
        self, welcomed, journal_path, clock, keys, screen
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            await open_urge(pilot)
            await answer(pilot, "p")
            assert isinstance(app.screen, screen)

    async def test_the_palette_opens_it(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"want to text him")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, UrgeScreen)

    async def test_the_footer_shows_the_key_in_80_columns(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            footer = screen_text(app).splitlines()[-1]
            for hint in ("f1 Help", "f8 I want to text him", "f6 I contacted him"):
                assert hint in footer
            await pilot.press("ctrl+f")  # hidden hints still work
            await settle(pilot)
            assert isinstance(app.screen, SearchScreen)


class TestTheWait:
    async def test_it_counts_down_by_the_clock(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await advance(pilot, clock, minutes=3, seconds=20)
            assert clock_face(app) == "06:40"
            assert not question(app).is_open
            await advance(pilot, clock, minutes=6, seconds=39)
            assert clock_face(app) == "00:01"

    @pytest.mark.parametrize(
        ("key", "outcome"),
        [("p", UrgeOutcome.RESISTED), ("c", UrgeOutcome.CONTACTED)],
    )
    async def test_when_time_is_up_its_keys_answer_at_once(
        self, welcomed, journal_path, clock, key, outcome
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await write(pilot, "I miss")
            await advance(pilot, clock, minutes=10)
            assert clock_face(app) == "00:00"
            assert question(app).is_open and asking(app)
            assert "you waited" in " ".join(screen_text(app).split())
            await pilot.press("x", key)  # no Esc first; nothing goes in the letter
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        (urge,) = reopen(journal_path, clock).urges()
        assert urge.outcome is outcome
        (page,) = reopen(journal_path, clock).entries()
        assert page.text == "I miss"

    async def test_when_time_is_up_w_goes_back_to_the_letter(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await advance(pilot, clock, minutes=10)
            await pilot.press("w")
            await settle(pilot)
            assert not question(app).is_open
            assert app.focused is letter_area(app)
            assert letter_area(app).text == ""
            assert clock_face(app) == "10:00"  # another round

    async def test_words_typed_as_time_runs_out_stay_words_until_a_pause(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await write(pilot, "I miss")
            await advance(pilot, clock, minutes=9, seconds=59)
            await write(pilot, " you")
            await advance(pilot, clock, seconds=1)
            assert question(app).is_open and not asking(app)
            # Mid-sentence: these letters are words, not answers.
            await write(pilot, " cpw")
            await settle(pilot)
            assert isinstance(app.screen, UrgeScreen)
            assert letter_area(app).text == "I miss you cpw"
            await advance(pilot, clock, seconds=urge_module.TYPING_QUIET)
            assert asking(app)  # a pause: now the keys answer
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        journal = reopen(journal_path, clock)
        assert journal.no_contact().slips == ()
        assert journal.entries()[0].text == "I miss you cpw"

    async def test_the_screen_s_own_timer_finishes_it(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        monkeypatch.setattr(urge_module, "TICK_SECONDS", 0.001)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            clock.set(clock.now() + timedelta(minutes=10))
            for _ in range(500):  # the next tick, not ten real minutes
                await pilot.pause()
                if question(app).is_open:
                    break
            assert question(app).is_open
            assert clock_face(app) == "00:00"

    async def test_the_wait_can_be_changed_and_is_remembered(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await pilot.press("ctrl+t")
            await settle(pilot)
            assert isinstance(app.screen, MinutesDialog)
            await pilot.press("backspace", "backspace", "0", "enter")
            assert isinstance(app.screen, MinutesDialog)  # 0 is refused in place
            assert "1 to 60" in str(app.screen.query_one("#feedback").render())
            await pilot.press("backspace", "5", "enter")
            await settle(pilot)
            assert isinstance(app.screen, UrgeScreen)
            assert clock_face(app) == "05:00"
            assert reopen(journal_path, clock).get_setting("urge_minutes") == 5
            await answer(pilot, "p")
            await open_urge(pilot)  # the next urge waits five minutes too
            assert clock_face(app) == "05:00"

    async def test_the_palette_sets_the_wait(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"urge timer")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MinutesDialog)
            assert app.screen.query_one(Input).value == "10"
            await pilot.press("backspace", "backspace", *"15", "enter")
            await settle(pilot)
        assert reopen(journal_path, clock).get_setting("urge_minutes") == 15

    async def test_another_idea(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            ideas = the_urge(app).support.ideas
            idea = the_urge(app).query_one("#urge-idea")
            assert ideas[0] in str(idea.render())
            await pilot.press("f3")
            assert ideas[1] in str(idea.render())
            assert app.focused is letter_area(app)


class TestTheAnswers:
    async def test_it_passed(self, counting, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await write(pilot, "You said you'd call.")
            await advance(pilot, clock, minutes=10)
            assert isinstance(app.focused, StrengthPicker)  # no Esc needed
            await pilot.press("4")  # how strong; then Enter on "It passed"
            assert isinstance(app.focused, Button) and app.focused.id == "resisted"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert "That's an urge you didn't act on." in notices(app)
        journal = reopen(journal_path, clock)
        (letter,) = journal.entries(kinds=[EntryKind.URGE])  # an urge's page
        assert letter.text == "You said you'd call."
        (found,) = search(journal.entries(), parse_query("kind:urge", TODAY)).hits
        assert found.entry == letter
        (urge,) = journal.urges()
        assert (urge.outcome, urge.strength, urge.letter_id) == (
            UrgeOutcome.RESISTED,
            4,
            letter.id,
        )
        assert journal.no_contact().slips == ()

    async def test_keep_writing_then_it_passed(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await write(pilot, "First")
            await advance(pilot, clock, minutes=10)
            await answer(pilot, "2", "w")
            assert isinstance(app.screen, UrgeScreen)
            assert not question(app).is_open
            assert app.focused is letter_area(app)
            assert clock_face(app) == "10:00"  # another round
            (urge,) = reopen(journal_path, clock).urges()
            assert (urge.outcome, urge.strength) == (UrgeOutcome.WRITING, 2)
            await write(pilot, " and more")
            await advance(pilot, clock, minutes=10)
            await answer(pilot, "p")
            assert isinstance(app.screen, MainScreen)
        journal = reopen(journal_path, clock)
        (letter,) = journal.entries(kinds=[EntryKind.URGE])
        assert letter.text == "First and more"
        (urge,) = journal.urges()
        assert (urge.outcome, urge.letter_id) == (UrgeOutcome.RESISTED, letter.id)

    async def test_i_contacted_him_is_met_kindly(
        self, counting, journal_path, clock, size
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=size) as pilot:
            await open_urge(pilot)
            await write(pilot, "Sent it. Here's what I said.")
            await answer(pilot, "5", "c")
            assert isinstance(app.screen, MainScreen)
            bar = str(app.screen.query_one(TopBar).render())
            assert "starting again today" in bar and "best 20" in bar
            assert (
                "The count starts again. Your best stays 20 days, "
                "and you are still doing this." in notices(app)
            )
        journal = reopen(journal_path, clock)
        (slip,) = journal.no_contact().slips
        assert slip.day == TODAY
        (urge,) = journal.urges()
        (letter,) = journal.entries(kinds=[EntryKind.URGE])
        assert (urge.outcome, urge.strength, urge.letter_id) == (
            UrgeOutcome.CONTACTED,
            5,
            letter.id,
        )

    async def test_leaving_early_asks_at_once_and_esc_goes_back(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await advance(pilot, clock, minutes=1)
            await pilot.press("escape")
            assert question(app).is_open
            assert "No rush" in " ".join(screen_text(app).split())
            await pilot.press("escape")
            await settle(pilot)
            assert not question(app).is_open
            assert app.focused is letter_area(app)
            assert clock_face(app) == "09:00"  # the same wait carries on

    async def test_nothing_written_keeps_no_letter_but_counts_the_urge(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await answer(pilot, "p")
        journal = reopen(journal_path, clock)
        assert journal.entries() == []
        (urge,) = journal.urges()
        assert (urge.outcome, urge.letter_id) == (UrgeOutcome.RESISTED, None)

    async def test_quitting_mid_sentence_keeps_the_letter_and_the_urge(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        monkeypatch.setattr(urge_module, "DRAFT_DELAY", 60)  # no draft saved yet
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await write(pilot, "half a sentence")
            await pilot.press("ctrl+q")
        journal = reopen(journal_path, clock)
        (letter,) = journal.entries(kinds=[EntryKind.URGE])
        assert letter.text == "half a sentence"
        (urge,) = journal.urges()
        assert urge.outcome is None

    async def test_a_hang_up_keeps_the_letter(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        monkeypatch.setattr(urge_module, "DRAFT_DELAY", 60)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await write(pilot, "closing the lid")
            app._hang_up(0, None)
        (letter,) = reopen(journal_path, clock).entries(kinds=[EntryKind.URGE])
        assert letter.text == "closing the lid"

    async def test_the_review_counts_it(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await open_urge(pilot)
            await answer(pilot, "p")
            await pilot.press("f7")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            app.screen.query_one("#review-urges").scroll_visible(animate=False)
            await settle(pilot)
            assert "1 urge, 1 passed" in screen_text(app)


class TestHelpEverywhere:
    @pytest.mark.parametrize(
        ("keys", "screen"),
        [
            ((), MainScreen),
            (("f5",), LetterScreen),
            (("f6",), SlipDialog),
            (("f4", "a"), GoalForm),
            (("f7",), ReviewScreen),
            (("ctrl+f",), SearchScreen),
            (("f8",), UrgeScreen),
            (("f8", "ctrl+t"), MinutesDialog),
        ],
        ids=[
            "main",
            "letter",
            "slip",
            "goal-form",
            "review",
            "search",
            "urge",
            "urge-timer",
        ],
    )
    async def test_f1_opens_it_and_closes_it(
        self, welcomed, journal_path, clock, keys, screen
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            # Someone at their lowest sees where to turn without scrolling.
            assert "findahelpline.com" in screen_text(app)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, screen)

    async def test_from_the_welcome(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)

    @pytest.mark.parametrize("words", ["too much", "help"])
    async def test_the_palette_finds_it(self, welcomed, journal_path, clock, words):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f7")  # not only from the main screen
            await settle(pilot)
            await pilot.press("ctrl+p", *words)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)


class TestKindWords:
    async def test_a_slip_keeps_the_best(self, counting, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f6", "enter")
            await settle(pilot)
            assert "Your best stays 20 days, and you are still doing this." in notices(
                app
            )
            assert "Day 0" not in screen_text(app)


class TestEmptyStatesTeach:
    async def test_no_goals_offers_the_starter_goals(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            text = " ".join(screen_text(app).split())
            assert "No goals yet" in text
            first = theme_tips(Theme.LIFE).goals[0]
            assert first.title in text
            assert theme_tips(Theme.BODY).goals[0].title in text
            assert theme_tips(Theme.SOCIAL).goals[0].title not in text  # optional
            await pilot.press("enter")
            await settle(pilot)
        (goal,) = reopen(journal_path, clock).goals()
        assert (goal.theme, goal.title, goal.kind) == (
            Theme.LIFE,
            first.title,
            first.kind,
        )

    async def test_no_pages_says_how_to_write_the_first(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            text = " ".join(screen_text(app).split())
            assert "start typing" in text

    async def test_an_empty_review_says_what_will_appear(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f7")
            await settle(pilot)
            text = " ".join(screen_text(app).split())
            assert " ".join(EMPTY_MESSAGE.split()) in text
