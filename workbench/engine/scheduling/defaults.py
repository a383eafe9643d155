"""Defaults shared by every engine function that has the parameter, declared once.

They live beside scheduling, the domain every other one builds on.

- ``FREQ``: period of time-phased tables (loading, cost per period): weeks,
  labelled by their Monday. Pass ``freq="D"`` for working days.
- ``SEED``: seed of anything random (levelling search, Monte Carlo, delivery
  forecasts), so the same call gives the same numbers. Pass another seed to
  see how much the numbers move.
"""

from __future__ import annotations

from typing import Final

FREQ: Final = "W"
SEED: Final = 0
