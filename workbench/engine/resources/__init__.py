"""Resources: effective units and capacity per working day, and loading against capacity."""
