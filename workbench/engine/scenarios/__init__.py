"""What-if scenarios: applying changes to a plan, the runner that reuses work, KPIs, comparison."""
