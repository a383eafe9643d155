"""Reading and writing plans: the native YAML file and other formats."""

from workbench.io.errors import MergeConflict, SaveConflict, SaveError
from workbench.io.merge import merge_plans
from workbench.io.plan_file import (
    PlanFile,
    dump_plan,
    file_version,
    load_plan,
    plan_from_dict,
    plan_to_dict,
    save_plan,
)

__all__ = ["MergeConflict", "PlanFile", "SaveConflict", "SaveError", "dump_plan",
           "file_version", "load_plan", "merge_plans", "plan_from_dict", "plan_to_dict",
           "save_plan"]
