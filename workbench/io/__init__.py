"""Reading and writing plans: the native YAML file and other formats."""

from workbench.io.plan_file import dump_plan, load_plan, plan_from_dict, plan_to_dict, save_plan

__all__ = ["dump_plan", "load_plan", "plan_from_dict", "plan_to_dict", "save_plan"]
