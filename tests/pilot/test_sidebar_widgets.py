"""The tip sidebar and the goal checklist, each driven alone as a person would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from helpers import screen_text
from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import OptionList, Static

from healjournal.domain.models import Goal, GoalKind, Theme
from healjournal.tips import theme_tips, tip_for
from healjournal.tui.widgets.goal_options import theme_label
from healjournal.tui.widgets.goals import GoalChecklist
from healjournal.tui.widgets.tips import TipSidebar

#: A Tuesday; never the real today.
TODAY = date(2026, 11, 24)
YESTERDAY = date(2026, 11, 23)

SIZES = pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])


def static_text(app: App[None], selector: str) -> str:
    """The plain text of one Static."""
    return str(app.query_one(selector, Static).render())


class Host(App[None]):
    """A bare app around one widget, keeping every message the widget posts."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[Message] = []

    @on(TipSidebar.PromptChosen)
    @on(TipSidebar.StarterGoalChosen)
    @on(GoalChecklist.Toggled)
    @on(GoalChecklist.AddRequested)
    @on(GoalChecklist.EditRequested)
    @on(GoalChecklist.ArchiveRequested)
    @on(GoalChecklist.DeleteRequested)
    def keep(self, message: Message) -> None:
        """Remember the message for the test to check."""
        self.posted.append(message)


class TipsHost(Host):
    """A tip sidebar with the focus."""

    def compose(self) -> ComposeResult:
        """Only the sidebar."""
        yield TipSidebar(TODAY, id="tips")

    def on_mount(self) -> None:
        """Keys go to the sidebar."""
        self.query_one(TipSidebar).focus()


class GoalsHost(Host):
    """A goal checklist with the focus, showing `goals`."""

    def __init__(self, goals: list[Goal]) -> None:
        super().__init__()
        self.goals = goals

    def compose(self) -> ComposeResult:
        """Only the checklist."""
        yield GoalChecklist(id="goals")

    def on_mount(self) -> None:
        """Show the goals and focus the list."""
        checklist = self.query_one(GoalChecklist)
        checklist.show(self.goals, TODAY)
        checklist.focus()


# --- the tip sidebar ---------------------------------------------------------


def shown_position(app: App[None]) -> tuple[str, str]:
    """The theme name and its "n/7" as shown."""
    return static_text(app, "#tip-name"), static_text(app, "#tip-position")


@SIZES
async def test_sidebar_opens_on_todays_theme(size):
    daily = tip_for(TODAY)
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        sidebar = app.query_one(TipSidebar)
        assert sidebar.theme is daily.theme.theme
        name, position = shown_position(app)
        assert name == daily.theme.name
        number = list(Theme).index(daily.theme.theme) + 1
        assert position.startswith(f"{number}/7")
        assert "today" in position
        assert sidebar.todays_prompt == daily.prompt
        text = screen_text(app)
        assert daily.theme.name in text
        # Every paragraph wraps: nothing runs off the side.
        assert sidebar.max_scroll_x == 0


@SIZES
async def test_todays_action_is_marked(size):
    daily = tip_for(TODAY)
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        idea = app.query_one(".today-idea")
        assert daily.action in str(idea.query_one(".text", Static).render())
        assert "today's idea" in str(idea.query_one(".text", Static).render())
        assert len(app.query(".today-idea")) == 1


@SIZES
async def test_right_and_left_cycle_through_all_seven_and_wrap(size):
    start = tip_for(TODAY).theme.theme
    order = list(Theme)
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        sidebar = app.query_one(TipSidebar)
        seen = []
        for _ in range(7):
            await pilot.press("right")
            await pilot.pause()
            seen.append(sidebar.theme)
            assert shown_position(app)[0] == theme_tips(sidebar.theme).name
        first = order.index(start)
        assert seen == [order[(first + n) % 7] for n in range(1, 8)]
        assert seen[-1] is start  # wrapped round

        await pilot.press("left")
        await pilot.pause()
        assert sidebar.theme is order[(first - 1) % 7]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert sidebar.theme is order[(first + 1) % 7]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert sidebar.theme is start


async def test_left_wraps_from_the_first_theme_to_the_last():
    app = TipsHost()
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.query_one(TipSidebar)
        sidebar.show_theme(Theme.LIFE)
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert sidebar.theme is Theme.NO_CONTACT
        assert shown_position(app) == (
            theme_tips(Theme.NO_CONTACT).name,
            "7/7 · t: back to today",
        )


@SIZES
async def test_t_returns_to_todays_theme(size):
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        sidebar = app.query_one(TipSidebar)
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert sidebar.theme is not tip_for(TODAY).theme.theme
        await pilot.press("t")
        await pilot.pause()
        assert sidebar.theme is tip_for(TODAY).theme.theme


@SIZES
async def test_enter_on_a_prompt_posts_it_word_for_word(size):
    tips = tip_for(TODAY).theme
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # nothing picked yet: nothing happens
        await pilot.press("down", "enter")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [m.prompt for m in app.posted] == list(tips.prompts[:2])
        assert all(isinstance(m, TipSidebar.PromptChosen) for m in app.posted)


@SIZES
async def test_enter_on_a_starter_goal_posts_its_theme_title_and_kind(size):
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        sidebar = app.query_one(TipSidebar)
        sidebar.show_theme(Theme.BODY)
        await pilot.pause()
        tips = theme_tips(Theme.BODY)
        await pilot.press(*["down"] * (len(tips.prompts) + 2), "enter")
        await pilot.pause()
        (message,) = app.posted
        assert isinstance(message, TipSidebar.StarterGoalChosen)
        wanted = tips.goals[1]
        assert (message.theme, message.title, message.kind) == (
            Theme.BODY,
            wanted.title,
            wanted.kind,
        )


async def test_up_from_the_first_choice_goes_back_to_reading():
    app = TipsHost()
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.query_one(TipSidebar)
        await pilot.press("down")
        await pilot.pause()
        assert sidebar.scroll_y > 0  # the first prompt came into view
        await pilot.press("up", "enter")
        await pilot.pause()
        assert sidebar.scroll_y == 0
        assert app.posted == []


@SIZES
async def test_the_social_theme_shows_its_note(size):
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        sidebar = app.query_one(TipSidebar)
        sidebar.show_theme(Theme.SOCIAL)
        await pilot.pause()
        note = theme_tips(Theme.SOCIAL).note
        assert note
        assert static_text(app, "#tip-note") == note
        # On screen, not scrolled away: its first words are visible.
        assert note.split(":")[0][:20] in screen_text(app)

        sidebar.show_theme(Theme.CAREER)  # a theme without a note
        await pilot.pause()
        assert not app.query("#tip-note")


@SIZES
async def test_clicking_a_prompt_a_goal_and_the_arrows(size):
    app = TipsHost()
    async with app.run_test(size=size) as pilot:
        sidebar = app.query_one(TipSidebar)
        sidebar.show_theme(Theme.PEOPLE)
        await pilot.pause()
        tips = theme_tips(Theme.PEOPLE)
        choices = list(app.query(".choice"))
        assert len(choices) == len(tips.prompts) + len(tips.goals)

        for row in (choices[1], choices[-1]):
            sidebar.scroll_to_widget(row, animate=False, immediate=True)
            await pilot.pause()
            assert await pilot.click(row.query_one(".text"))
            await pilot.pause()
        prompt, goal = app.posted
        assert isinstance(prompt, TipSidebar.PromptChosen)
        assert prompt.prompt == tips.prompts[1]
        assert isinstance(goal, TipSidebar.StarterGoalChosen)
        assert (goal.title, goal.kind) == (tips.goals[-1].title, tips.goals[-1].kind)

        sidebar.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        arrows = list(app.query(".arrow"))
        await pilot.click(arrows[1])
        await pilot.pause()
        assert sidebar.theme is Theme.NO_CONTACT
        await pilot.click(app.query(".arrow").last())
        await pilot.pause()
        assert sidebar.theme is Theme.LIFE  # wrapped
        await pilot.click(app.query(".arrow").first())
        await pilot.pause()
        assert sidebar.theme is Theme.NO_CONTACT


# --- the goal checklist ------------------------------------------------------


def goal(
    goal_id: int,
    theme: Theme,
    title: str,
    kind: GoalKind = GoalKind.ONCE,
    **more,
) -> Goal:
    """A goal as the journal would hand it over."""
    return Goal(id=goal_id, theme=theme, title=title, kind=kind, **more)


def some_goals() -> list[Goal]:
    """Goals in four themes, deliberately out of theme order."""
    return [
        goal(1, Theme.NO_CONTACT, "A day without contacting him", GoalKind.DAILY),
        goal(2, Theme.BODY, "Move for 20 minutes", GoalKind.DAILY, ticks=(TODAY,)),
        goal(3, Theme.LIFE, "Plan a weekend away", GoalKind.ONCE),
        goal(
            4,
            Theme.BODY,
            "Three workouts",
            GoalKind.WEEKLY,
            ticks=(YESTERDAY, TODAY),
        ),
        goal(
            5,
            Theme.CAREER,
            "Update my CV",
            GoalKind.ONCE,
            due=date(2026, 11, 20),
        ),
        goal(6, Theme.CAREER, "Write an essay", GoalKind.ONCE, ticks=(YESTERDAY,)),
    ]


def highlight(app: App[None], goal_id: int) -> None:
    """Move the list's highlight onto one goal."""
    option_list = app.query_one("#goals OptionList", OptionList)
    option_list.highlighted = option_list.get_option_index(f"goal-{goal_id}")


@SIZES
async def test_checklist_groups_goals_by_theme_in_theme_order(size):
    app = GoalsHost(some_goals())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        headings = [
            label
            for label in map(theme_label, Theme)
            for line in lines
            if f"{label} · " in line
        ]
        assert headings == ["Life", "Body", "Career", "No contact"]
        text = "\n".join(lines)
        assert "Body · 2/2 done" in text
        assert "Career · 1/2 done" in text
        assert "No contact · 0/1 done" in text
        assert "☑ Move for 20 minutes" in text
        assert "☐ A day without contacting him" in text
        assert "weekly · 2 this week" in text
        assert "☑ Write an essay" in text  # a one-off done yesterday is done
        assert "done yesterday" in text
        checklist = app.query_one(GoalChecklist)
        assert checklist.highlighted_goal_id == 3  # the first goal on screen


@SIZES
async def test_an_overdue_goal_is_marked(size):
    app = GoalsHost(some_goals())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        at = next(n for n, line in enumerate(lines) if "Update my CV" in line)
        assert "still open · was due" in lines[at + 1]
        assert not any("was due" in line for line in lines[:at])


@SIZES
async def test_space_ticks_an_unticked_goal_and_unticks_a_ticked_one(size):
    app = GoalsHost(some_goals())
    async with app.run_test(size=size) as pilot:
        highlight(app, 1)
        await pilot.press("space")
        highlight(app, 2)
        await pilot.press("space")
        highlight(app, 6)  # done yesterday, not today: ticks today
        await pilot.press("enter")
        await pilot.pause()
        assert app.posted == [
            GoalChecklist.Toggled(goal_id=1, ticked=True),
            GoalChecklist.Toggled(goal_id=2, ticked=False),
            GoalChecklist.Toggled(goal_id=6, ticked=True),
        ]


@SIZES
async def test_clicking_a_goal_toggles_it(size):
    app = GoalsHost(some_goals())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(n for n, line in enumerate(lines) if "Move for 20 minutes" in line)
        column = lines[row].index("Move")
        assert await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.posted == [GoalChecklist.Toggled(goal_id=2, ticked=False)]


@SIZES
async def test_keys_ask_to_add_edit_archive_and_delete(size):
    app = GoalsHost(some_goals())
    async with app.run_test(size=size) as pilot:
        highlight(app, 5)
        await pilot.press("a", "e", "x", "delete")
        await pilot.press("down")
        await pilot.press("e")
        await pilot.pause()
        assert app.posted == [
            GoalChecklist.AddRequested(),
            GoalChecklist.EditRequested(goal_id=5),
            GoalChecklist.ArchiveRequested(goal_id=5),
            GoalChecklist.DeleteRequested(goal_id=5),
            GoalChecklist.EditRequested(goal_id=6),
        ]


@SIZES
async def test_highlight_survives_show_with_updated_goals(size):
    goals = some_goals()
    app = GoalsHost(goals)
    async with app.run_test(size=size) as pilot:
        checklist = app.query_one(GoalChecklist)
        highlight(app, 5)
        await pilot.pause()
        assert checklist.highlighted_goal_id == 5

        # Goal 5 is ticked and a new goal arrives above it: still on goal 5.
        updated = [replace(g, ticks=(TODAY,)) if g.id == 5 else g for g in goals]
        updated.insert(0, goal(7, Theme.LIFE, "See a friend", GoalKind.WEEKLY))
        checklist.show(updated, TODAY)
        await pilot.pause()
        assert checklist.highlighted_goal_id == 5
        assert "☑ Update my CV" in screen_text(app)

        # Goal 5 is deleted: the highlight stays put, on the goal after it.
        checklist.show([g for g in updated if g.id != 5], TODAY)
        await pilot.pause()
        assert checklist.highlighted_goal_id == 6
        await pilot.press("space")
        await pilot.pause()
        assert app.posted == [GoalChecklist.Toggled(goal_id=6, ticked=True)]


async def test_a_goal_just_added_takes_the_highlight():
    goals = some_goals()
    app = GoalsHost(goals)
    async with app.run_test(size=(120, 40)) as pilot:
        checklist = app.query_one(GoalChecklist)
        await pilot.pause()
        assert checklist.highlighted_goal_id == 3
        checklist.expect_new_goal()
        checklist.show([*goals, goal(7, Theme.CAREER, "Ask for a raise")], TODAY)
        await pilot.pause()
        assert checklist.highlighted_goal_id == 7  # so Space ticks the new one
        await pilot.press("space")
        await pilot.pause()
        assert app.posted == [GoalChecklist.Toggled(goal_id=7, ticked=True)]
        # Only once: a later change leaves the highlight where it is.
        highlight(app, 1)
        checklist.show(
            [
                *goals,
                goal(7, Theme.CAREER, "Ask for a raise"),
                goal(8, Theme.LIFE, "Paint"),
            ],
            TODAY,
        )
        await pilot.pause()
        assert checklist.highlighted_goal_id == 1


@SIZES
async def test_archived_goals_are_not_shown(size):
    goals = [
        *some_goals(),
        goal(9, Theme.PEOPLE, "Old club", GoalKind.ONCE, archived=True),
    ]
    app = GoalsHost(goals)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Old club" not in text
        assert "People ·" not in text


@SIZES
async def test_no_goals_teaches_how_to_add_one(size):
    app = GoalsHost([])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "No goals yet" in text
        assert "Press a to add" in text
        assert "F3" in text
        checklist = app.query_one(GoalChecklist)
        assert checklist.highlighted_goal_id is None
        await pilot.press("space", "e", "x", "delete")  # nothing to act on
        await pilot.press("a")  # but adding works
        await pilot.pause()
        assert app.posted == [GoalChecklist.AddRequested()]

        checklist.show(some_goals(), TODAY)
        await pilot.pause()
        assert "No goals yet" not in screen_text(app)
        assert checklist.highlighted_goal_id == 3
