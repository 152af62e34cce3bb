"""What the journal says back at a milestone, after a slip and after an urge."""

from __future__ import annotations

from healjournal.domain.models import UrgeOutcome
from healjournal.domain.stats import Streak
from healjournal.insight.encouragement import (
    URGE_PASSED,
    milestone_due,
    milestone_notice,
    slip_notice,
    urge_notice,
)


class TestMilestones:
    def test_a_month(self):
        assert milestone_notice(30) == (
            "A month. Look how far you've walked. 30 days of no contact."
        )

    def test_celebrated_for_two_days_then_left_be(self):
        assert milestone_due(Streak(30, 30)) == 30
        assert milestone_due(Streak(32, 32)) == 30
        assert milestone_due(Streak(33, 33)) is None
        assert milestone_due(Streak(3, 40)) is None
        assert milestone_due(None) is None


class TestSlips:
    def test_the_best_stays(self):
        assert slip_notice(Streak(0, 12)) == (
            "The count starts again. Your best stays 12 days, "
            "and you are still doing this."
        )
        assert "stays 1 day," in slip_notice(Streak(0, 1))

    def test_a_first_slip(self):
        assert slip_notice(None) == (
            "Logged. The count starts from here, and so do you."
        )


class TestUrges:
    def test_an_urge_that_passed(self):
        assert urge_notice(UrgeOutcome.RESISTED, False, None) == URGE_PASSED
        assert urge_notice(UrgeOutcome.RESISTED, True, None) == (
            "Kept here, sent nowhere. That's an urge you didn't act on."
        )

    def test_contact_is_met_as_a_slip(self):
        streak = Streak(0, 5)
        assert urge_notice(UrgeOutcome.CONTACTED, True, streak) == slip_notice(streak)

    def test_an_urge_still_open_is_met_with_nothing(self):
        assert urge_notice(UrgeOutcome.WRITING, True, None) is None
