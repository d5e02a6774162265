"""The one palette: text on every highlight reads at WCAG AA contrast (>= 4.5:1), computed
from the colours the app and the reports use, and each status has its own colour."""

from __future__ import annotations

import pytest

from tifa.engine.compare.vocabulary import TERMS, Status
from tifa.engine.palette import SWATCHES, Role, contrast, relative_luminance


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("000000", "ffffff") == pytest.approx(21.0)
    assert contrast("ffffff", "ffffff") == pytest.approx(1.0)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)
    assert contrast("777777", "ffffff") == pytest.approx(4.48, abs=0.01)  # the classic fail


@pytest.mark.parametrize("role", list(Role))
def test_every_swatch_text_reads_at_aa_contrast(role: Role) -> None:
    s = SWATCHES[role]
    assert contrast(s.ink, s.background) >= 4.5, role


@pytest.mark.parametrize("role", [Role.INSERTED, Role.DELETED, Role.CHANGED, Role.SHARED,
                                  Role.PIVOT])
def test_formulation_ink_reads_on_every_highlight_it_can_sit_on(role: Role) -> None:
    assert contrast(SWATCHES[Role.FORMULATION].ink, SWATCHES[role].background) >= 4.5


def test_the_old_shared_grey_failed_and_ours_passes() -> None:
    assert contrast("7b8794", "ffffff") < 4.5  # issue 10: faint grey shared wording
    assert contrast(SWATCHES[Role.SHARED].ink, SWATCHES[Role.SHARED].background) >= 4.5


def test_each_status_that_is_shown_has_its_own_colour() -> None:
    shown = [Status.SHARED, Status.NEW, Status.DROPPED, Status.VARIANT]
    colours = {TERMS[s].swatch.background for s in shown}
    assert len(colours) == len(shown)
