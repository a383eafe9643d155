"""Pure maths from a plan to results: calendars, CPM, Monte Carlo risk (no UI imports here)."""

from workbench.engine.forecast import DeliveryForecast, forecast_delivery
from workbench.engine.montecarlo import simulate
from workbench.engine.risk_result import RISK_SUMMARY_COLUMNS, RiskResult
from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule

__all__ = ["RISK_SUMMARY_COLUMNS", "DeliveryForecast", "RiskResult", "SCHEDULE_COLUMNS",
           "Schedule", "forecast_delivery", "schedule", "simulate"]
