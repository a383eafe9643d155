"""The plan as the PM writes it down: tables, metadata and their rules (no maths, no UI)."""

from workbench.model.errors import PlanError, Problem
from workbench.model.plan import Plan
from workbench.model.project import Calendar, Project, RiskSettings
from workbench.model.scenario import Change, Scenario
from workbench.model.schema import TABLES, Column, TableSpec

__all__ = ["Calendar", "Change", "Column", "Plan", "PlanError", "Problem", "Project",
           "RiskSettings", "Scenario",
           "TABLES", "TableSpec"]
