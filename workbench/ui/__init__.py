"""Panel components bound to one WorkbenchState: editors, live charts, the dashboard."""

from workbench.ui.budget import BudgetPanel
from workbench.ui.editors import TableEditor
from workbench.ui.gantt_view import GanttChart
from workbench.ui.kpis import KpiStrip
from workbench.ui.resources import ResourcePanel
from workbench.ui.risk_panel import RiskPanel
from workbench.ui.scenarios import ScenarioPanel
from workbench.ui.state import WorkbenchState
from workbench.ui.workbench import Workbench

__all__ = ["BudgetPanel", "GanttChart", "KpiStrip", "ResourcePanel", "RiskPanel",
           "ScenarioPanel", "TableEditor", "Workbench", "WorkbenchState"]
