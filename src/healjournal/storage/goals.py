"""The journal's goals: add, change, tick, archive and import them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from healjournal.domain.models import Goal, GoalKind, Theme, check_text
from healjournal.errors import InputError
from healjournal.storage.records import goal_record
from healjournal.storage.tables import GOALS, UNSET, TableStore

MAX_GOAL_TITLE = 200


class GoalsMixin(TableStore):
    """The Journal's operations on its goals."""

    def add_goal(
        self,
        title: str,
        theme: Theme,
        kind: GoalKind = GoalKind.ONCE,
        due: date | None = None,
    ) -> Goal:
        """Save a new goal and return it."""
        goal = Goal(
            id=0,
            theme=Theme(theme),
            title=_check_goal_title(title),
            kind=GoalKind(kind),
            created=self._clock.now(),
            due=due or None,
        )
        with self.transaction():
            return self._put(GOALS, goal_record(goal))

    def update_goal(
        self,
        goal_id: int,
        *,
        title: str = UNSET,
        theme: Theme = UNSET,
        kind: GoalKind = UNSET,
        due: date | None = UNSET,
        archived: bool = UNSET,
    ) -> Goal:
        """Change the given fields of a goal and return it as saved."""
        changes: dict[str, Any] = {}
        if title is not UNSET:
            changes["title"] = _check_goal_title(title)
        if theme is not UNSET:
            changes["theme"] = Theme(theme)
        if kind is not UNSET:
            changes["kind"] = GoalKind(kind)
        if due is not UNSET:
            changes["due"] = due or None
        if archived is not UNSET:
            changes["archived"] = bool(archived)
        return self._change_goal(
            goal_id, lambda goal: replace(goal, **changes), changed=True
        )

    def archive_goal(self, goal_id: int, archived: bool = True) -> Goal:
        """Put a goal away (or bring it back) without losing its history."""
        return self.update_goal(goal_id, archived=archived)

    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal and its ticks for good."""
        with self.transaction():
            goal = self._require(GOALS, goal_id, "goal")
            self._remove(GOALS, goal_id)
            self._bury(goal.uid)

    def tick_goal(self, goal_id: int, day: date | None = None) -> Goal:
        """Mark a goal done for `day` (today by default)."""
        mark = day or self._clock.today()
        return self._change_goal(
            goal_id, lambda goal: replace(goal, ticks=(*goal.ticks, mark))
        )

    def untick_goal(self, goal_id: int, day: date | None = None) -> Goal:
        """Take back the tick of `day` (today by default)."""
        mark = day or self._clock.today()
        return self._change_goal(
            goal_id,
            lambda goal: replace(goal, ticks=tuple(t for t in goal.ticks if t != mark)),
        )

    def _change_goal(
        self, goal_id: int, change: Callable[[Goal], Goal], *, changed: bool = False
    ) -> Goal:
        """Save `change` of a goal; `changed`: its own fields changed now (a
        tick keeps the time they last did, as ticks merge on their own)."""
        with self.transaction():
            goal = change(self._require(GOALS, goal_id, "goal"))
            if changed:
                return self._put(
                    GOALS, goal_record(goal, updated=self._clock.now()), goal_id
                )
            record, stored = goal_record(goal), self._stored(GOALS)[str(goal_id)]
            if "updated" in stored:
                record["updated"] = stored["updated"]
            return self._put(GOALS, record, goal_id)

    def get_goal(self, goal_id: int) -> Goal | None:
        """The goal with this id, or None."""
        return self._goals().get(goal_id)

    def goals(self, *, include_archived: bool = False) -> list[Goal]:
        """Goals in theme order, oldest first within a theme."""
        order = {theme: i for i, theme in enumerate(Theme)}
        found = [
            g for g in self._goals().values() if include_archived or not g.archived
        ]
        found.sort(key=lambda g: (order[g.theme], g.id))
        return found

    def import_goals(self, goals: Iterable[Goal]) -> int:
        """Add goals not already there (the same uid, or the same theme, title
        and creation time)."""
        with self.transaction():
            seen = {key for g in self._goals().values() for key in _goal_keys(g)}
            added = 0
            for goal in goals:
                goal = replace(goal, title=_check_goal_title(goal.title))
                if seen.isdisjoint(_goal_keys(goal)):
                    seen.update(_goal_keys(goal))
                    self._put(GOALS, goal_record(goal))
                    added += 1
        return added


def _goal_keys(goal: Goal) -> tuple[str, tuple[Theme, str, str | None]]:
    """Its uid; its theme, its title and when it was made, to the second."""
    created = goal.created.isoformat(timespec="seconds") if goal.created else None
    return (goal.uid, (goal.theme, goal.title, created))


def _check_goal_title(title: str) -> str:
    title = " ".join(check_text(title, "the goal").split())
    if not title:
        raise InputError("a goal needs a title: say what you want to do")
    if len(title) > MAX_GOAL_TITLE:
        raise InputError(
            f"the goal title is {len(title)} characters; keep it under {MAX_GOAL_TITLE}"
        )
    return title
