"""The review in the app: F7 shows how it's going, from the same figures as stats."""

from __future__ import annotations

from datetime import date, timedelta

from helpers import TODAY, page, reopen, screen_text, settle
from textual.widgets import Input, TextArea

from healjournal.domain.models import Theme
from healjournal.insight.figures import NAME_SETTING
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.name import NameDialog
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.review import ReviewPanel, ReviewScreen

# Tall enough that every panel is on screen without scrolling.
WIDE, NARROW = (120, 60), (80, 24)


def panel_text(app, section: str) -> str:
    """What a panel shows on screen, border title included ("" when hidden)."""
    panel = app.screen.query_one(f"#review-{section.replace('_', '-')}", ReviewPanel)
    if not panel.display:
        return ""
    region = panel.region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def glance(app) -> str:
    return str(app.screen.query_one("#review-glance").render())


async def test_f7_shows_streaks_mood_and_no_contact_at_a_glance(
    welcomed, journal_path, clock
):
    welcomed.start_no_contact(TODAY - timedelta(days=19))
    for back in range(12):  # a rising mood over the last 12 days
        welcomed.add_entry(
            f"Day {back}", day=TODAY - timedelta(days=back), mood=5 - back // 3
        )
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        line = glance(app)
        assert "Day 19 of no contact" in line
        assert "writing 12 days in a row" in line
        assert "Day 19" in panel_text(app, "no_contact")
        assert "12 days in a row" in panel_text(app, "writing")
        assert "Last 30 days" in panel_text(app, "mood")
        assert "Mon" in panel_text(app, "heatmap")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, TextArea)


async def test_an_empty_journal_says_what_will_appear(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing to look back on yet" in text
        assert not any(p.display for p in app.screen.query(ReviewPanel))


async def test_words_typed_just_before_count(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"three small words", "f7")
        await settle(pilot)
        assert "3 in all" in panel_text(app, "writing")


async def test_neglected_themes_are_named_with_an_idea(welcomed, journal_path, clock):
    run = welcomed.add_goal("Run twice a week", Theme.BODY)
    welcomed.tick_goal(run.id, TODAY)
    welcomed.add_entry("Ran.", day=TODAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        themes = panel_text(app, "themes")
        assert "Quiet so far this month" in themes
        assert "Your career" in themes  # nothing ticked there this month


async def test_o_opens_the_page_from_a_month_ago(welcomed, journal_path, clock):
    month_ago = date(2026, 10, 24)
    then = welcomed.add_entry("Bought myself flowers.", day=month_ago, mood=4)
    welcomed.add_entry("Today.", day=TODAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert "Bought myself flowers." in panel_text(app, "on_this_day")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert page(app).entry_id == then.id
        assert page(app).day == month_ago


async def test_o_is_not_offered_without_a_page_a_month_ago(
    welcomed, journal_path, clock
):
    welcomed.add_entry("Today.", day=TODAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert "Open a month ago" not in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_a_name_is_counted_week_by_week_and_can_be_forgotten(
    welcomed, journal_path, clock
):
    welcomed.add_entry(
        "Sam texted. I didn't answer Sam.", day=TODAY - timedelta(days=8)
    )
    welcomed.add_entry("Thought of Sam once.", day=TODAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert panel_text(app, "mentions") == ""  # no name, no line
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"Sam", "enter")
        await settle(pilot)
        mentions = panel_text(app, "mentions")
        assert "Sam in your writing" in mentions
        assert "3 in all · 1 this week" in mentions
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "Sam"
        await pilot.press("ctrl+u", "enter")  # emptied: stop counting
        await settle(pilot)
        assert panel_text(app, "mentions") == ""
    assert not reopen(journal_path, clock).get_setting(NAME_SETTING)


async def test_the_palette_opens_search_and_review(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"review")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
