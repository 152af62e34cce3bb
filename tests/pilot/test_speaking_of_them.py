"""The app speaks of the ex as the person chose: he, she, they, a name, "your ex".

Chosen at the welcome or later from the palette, kept in the journal's
settings, and heard on every screen: the keys, the urge screen, the dialogs,
the help, the tips.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from helpers import held, reopen, screen_text, settle, until

from healjournal import tips as tips_module
from healjournal.domain.person import (
    PERSON_NAME_SETTING,
    PERSON_SETTING,
    WHO,
    Person,
)
from healjournal.tui import speaking
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.letter import LetterScreen
from healjournal.tui.dialogs.minutes import MinutesDialog
from healjournal.tui.dialogs.name import NameDialog
from healjournal.tui.dialogs.person import PersonDialog
from healjournal.tui.dialogs.slip import SlipDialog
from healjournal.tui.screens import welcome as welcome_module
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.review import ReviewScreen
from healjournal.tui.screens.search import SearchScreen
from healjournal.tui.screens.urge import UrgeScreen
from healjournal.tui.screens.welcome import WelcomeScreen
from healjournal.tui.widgets.person_choice import PersonChoice

WIDE, NARROW = (120, 40), (80, 24)

#: What must never reach the screen once someone chose other than "he".
NEVER = re.compile(r"[{}]|\bhim\b|\bhis\b|\bHis\b|\bHe's\b|\bhe's\b")


def notices(app) -> str:
    """The notifications showing, as one string."""
    return " ".join(notice.message for notice in app._notifications)


async def on_top(pilot, kind) -> None:
    """Wait until a `kind` of screen is on top and has its focus."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, kind) and app.screen.focused)
    await pilot.pause()


def chose(journal_path, clock, who: str, name: str = "") -> None:
    """A journal, opened before, where the person chose `who` (and `name`)."""
    journal = reopen(journal_path, clock)
    journal.set_setting("welcomed", True)
    journal.set_setting(PERSON_SETTING, who)
    journal.set_setting(PERSON_NAME_SETTING, name)


class TestTheWelcome:
    async def test_choosing_she_is_heard_everywhere_and_kept(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            # Up from the goals to the question; one key chooses; Enter, Enter.
            await pilot.press("shift+tab", "shift+tab")
            assert isinstance(app.focused, PersonChoice)
            await pilot.press("s")
            assert "When did you last talk to her?" in screen_text(app)
            await pilot.press("enter", "enter", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.person == Person("she")
            assert "I contacted her" in screen_text(app)
            await pilot.press("f8")
            await on_top(pilot, UrgeScreen)
            assert "She's on your mind" in screen_text(app)
        journal = reopen(journal_path, clock)
        assert journal.get_setting(PERSON_SETTING) == "she"
        again = HealJournalApp(journal_path, clock=clock)
        async with again.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert again.person == Person("she")
            assert "I contacted her" in screen_text(again)
            assert "I want to text her" in screen_text(again)

    async def test_arrows_and_enter_choose_too(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("up")  # from the first goal, up to the name
            await pilot.press("shift+tab", "right", "right", "enter")
            assert app.focused.id == "person-name"
            await pilot.press("enter", "tab", "enter")  # Enter in the day starts
            await settle(pilot)
            assert app.person == Person("they")
        assert reopen(journal_path, clock).get_setting(PERSON_SETTING) == "they"

    async def test_a_name_is_used_where_it_reads_naturally(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("shift+tab", "shift+tab", "s", "enter", *"Sam")
            assert "When did you last talk to Sam?" in screen_text(app)
            await pilot.press("enter", "ctrl+s")
            await settle(pilot)
            assert app.person == Person("she", "Sam")
            assert "I contacted Sam" in screen_text(app)
            await pilot.press("f6")
            await on_top(pilot, SlipDialog)
            text = screen_text(app)
            assert "I contacted Sam" in text
            assert "Sam's story popped up" in text
        journal = reopen(journal_path, clock)
        assert journal.get_setting(PERSON_NAME_SETTING) == "Sam"

    async def test_a_name_that_cannot_be_used_is_said_and_kept(
        self, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("shift+tab", *"{Sam}", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            assert "brackets, braces" in notices(app)
            name = app.screen.query_one("#person-name")
            assert name.value == "{Sam}" and name.has_focus
        assert reopen(journal_path, clock).get_setting("welcomed") is None

    async def test_skipping_changes_nothing(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert app.person == Person()
            text = screen_text(app)
            assert "I contacted him" in text and "I want to text him" in text
            await pilot.press("f8")
            await on_top(pilot, UrgeScreen)
            assert "He's on your mind" in screen_text(app)
        journal = reopen(journal_path, clock)
        assert journal.get_setting(PERSON_SETTING) is None
        assert journal.get_setting("welcomed") is True

    async def test_typing_at_once_still_goes_to_the_page(self, journal_path, clock):
        # h, s, t and e choose only on the choice itself: on the goals (where
        # the welcome opens) they are words for the page.
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"she texted")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.screen.query_one("#page-text").text == "she texted"
            assert app.person == Person()


def sidebar_summary(app) -> str:
    return str(app.screen.query_one("#tip-summary").render())


class TestChangingItLater:
    async def test_the_palette_changes_it_and_everything_speaks_again_at_once(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert "I contacted him" in screen_text(app)
            assert sidebar_summary(app) == (
                "Fill the hours that used to be his with things that are yours."
            )
            await pilot.press("ctrl+p", *"Who you're getting over")
            await settle(pilot)
            await pilot.press("enter")
            await on_top(pilot, PersonDialog)
            # The save is held back: the screen speaks again before it lands.
            gate = held(monkeypatch, speaking, "save_person")
            await pilot.press("t", "enter")
            await until(pilot, lambda: isinstance(app.screen, MainScreen))
            await pilot.pause()
            text = screen_text(app)
            assert "I contacted them" in text and "I want to text them" in text
            assert sidebar_summary(app) == (
                "Fill the hours that used to be theirs with things that are yours."
            )
            gate.set()
            await settle(pilot)
            assert "Got it: they / them." in notices(app)
        assert reopen(journal_path, clock).get_setting(PERSON_SETTING) == "they"

    async def test_the_dialog_shows_the_choice_and_escape_leaves_it(
        self, journal_path, clock
    ):
        chose(journal_path, clock, "she", "Sam")
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            app.screen.action_person()
            await on_top(pilot, PersonDialog)
            dialog = app.screen
            assert dialog.query_one(PersonChoice).who == "she"
            assert dialog.query_one("#person-name").value == "Sam"
            await pilot.press("e")  # "your ex" takes no name
            assert dialog.query_one("#person-name").disabled
            await pilot.press("escape")
            await settle(pilot)
            assert app.person == Person("she", "Sam")

    async def test_a_bad_name_in_the_dialog_is_said_and_kept(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            app.screen.action_person()
            await on_top(pilot, PersonDialog)
            await pilot.press("tab", *"Sam\\", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PersonDialog)
            assert "backslashes" in notices(app)
            assert app.screen.query_one("#person-name").value == "Sam\\"
            assert app.person == Person()

    async def test_the_starter_goals_are_in_the_writer_s_voice(
        self, journal_path, clock, monkeypatch
    ):
        real = welcome_module.tip_templates
        first = real()[0]
        goal = replace(first.goals[0], title="A day without texting {them}")
        monkeypatch.setattr(
            welcome_module,
            "tip_templates",
            lambda: (replace(first, goals=(goal, *first.goals[1:])), *real()[1:]),
        )
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert "A day without texting him" in screen_text(app)
            await pilot.press("shift+tab", "shift+tab", "e")
            assert "A day without texting my ex" in screen_text(app)
            await pilot.press("tab", "space", "ctrl+s")  # tick the first goal
            await settle(pilot)
        titles = [g.title for g in reopen(journal_path, clock).goals()]
        assert titles == ["A day without texting my ex"]


WALKS = {
    "Sam (she)": (
        Person("she", "Sam"),
        {
            "main": ["I contacted Sam", "I want to text Sam"],
            "welcome": ["When did you last talk to Sam?"],
            "urge": ["Sam is on your mind", "what you would send Sam."],
            "question": ["I contacted Sam"],
            "letter": ["what you want to tell Sam."],
            "slip": ["I contacted Sam", "Sam's story popped up"],
            "minutes": ["still want to text Sam?"],
            "name": ["Sam, or a nickname"],
            "help": ["When Sam is on your mind", "send Sam, and"],
            "help-keys": ["I contacted Sam:", "I want to text Sam: a calm"],
        },
    ),
    "your ex": (
        Person("ex"),
        {
            "main": ["I contacted my ex", "I want to text my ex"],
            "welcome": ["When did you last talk to your ex?"],
            "urge": ["Your ex is on your mind", "what you would send your ex."],
            "question": ["I contacted my ex"],
            "letter": ["what you want to tell your ex."],
            "slip": ["I contacted my ex", "my ex's story popped up"],
            "minutes": ["still want to text your ex?"],
            "name": ["your ex's name, or a nickname"],
            "help": ["When your ex is on your mind", "send your ex, and"],
            "help-keys": ["I contacted my ex:", "a page for them that"],
        },
    ),
}


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
@pytest.mark.parametrize("who", WALKS)
async def test_no_screen_ever_says_him(journal_path, clock, who, size):
    """Every screen and dialog, for a name and for "your ex": no "him", no
    "his", no "He's", no raw placeholder; the choice where it belongs."""
    person, expected = WALKS[who]
    journal = reopen(journal_path, clock)
    journal.set_setting(PERSON_SETTING, person.who)
    journal.set_setting(PERSON_NAME_SETTING, person.name)
    seen: dict[str, str] = {}

    def look(where: str) -> None:
        seen[where] = text = screen_text(app)
        said = text.replace(WHO["he"], "")  # the welcome offers every choice
        assert not NEVER.search(said), f"{where}: {NEVER.findall(said)}\n{text}"

    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await on_top(pilot, WelcomeScreen)  # chosen before, offered again
        look("welcome")
        await pilot.press("escape")
        await settle(pilot)
        assert app.person == person
        for key in ("f2", "f3", "f4"):  # every pane, on a narrow screen too
            await pilot.press(key)
            await settle(pilot)
            look("main")
        await pilot.press("escape")
        look("main")
        for key, kind, name in (
            ("f5", LetterScreen, "letter"),
            ("f6", SlipDialog, "slip"),
            ("ctrl+f", SearchScreen, "search"),
            ("f1", HelpScreen, "help"),
        ):
            await pilot.press(key)
            await on_top(pilot, kind)
            look(name)
            if kind is HelpScreen:
                await pilot.press("end")
                await pilot.pause()
                look("help-keys")
            await pilot.press("escape")
            await settle(pilot)
        app.screen.action_urge_minutes()
        await on_top(pilot, MinutesDialog)
        look("minutes")
        await pilot.press("escape")
        await pilot.press("f7")
        await on_top(pilot, ReviewScreen)
        await settle(pilot)
        look("review")
        await pilot.press("n")
        await on_top(pilot, NameDialog)
        look("name")
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("f8")
        await on_top(pilot, UrgeScreen)
        look("urge")
        for _ in range(3):
            await pilot.press("f3")  # more ideas
            look("urge")
        await pilot.press("escape")
        await pilot.pause()
        look("question")
        await pilot.press("p")
        await settle(pilot)
    if size == WIDE:  # everything fits in 120 columns
        for where, words in expected.items():
            for words_expected in words:
                assert words_expected in seen[where], f"{where}: {words_expected}"


async def test_the_day_s_prompt_on_the_page_speaks_too(
    journal_path, clock, monkeypatch
):
    chose(journal_path, clock, "they")
    real = tips_module.tip_for
    monkeypatch.setattr(
        tips_module,
        "tip_for",
        lambda day, start=None, person=None: replace(
            real(day, start, person),
            prompt=person.say("What would you tell {them} today?"),
        ),
    )
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        area = app.screen.query_one("#page-text")
        assert area.placeholder == "What would you tell them today?"
        app.person = Person("she", "Sam")
        await pilot.pause()
        assert area.placeholder == "What would you tell Sam today?"


def test_a_key_name_in_the_help_is_never_read_as_a_template():
    from healjournal.tui.screens.help import spoken_help

    # Keys moved onto "{" and "}" once made F1 fail: their names, put in the
    # help first, were then spoken as copy ("{` (or `}" is no placeholder).
    text = spoken_help(Person("she"), {"help": "{", "help.key": "}"})
    assert "| `{` (or `}` outside the page) |" in text
    assert "I contacted her" in text


async def test_before_the_journal_is_read_the_keys_say_them_not_him(
    journal_path, clock, monkeypatch
):
    from healjournal.storage.journal import Journal

    chose(journal_path, clock, "she")
    gate = held(monkeypatch, Journal, "glimpse")  # a slow disk: nothing read yet
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "I want to text them" in text and "him" not in text
        gate.set()
        await settle(pilot)
        assert "I want to text her" in screen_text(app)
