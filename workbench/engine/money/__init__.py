"""Money: task cost roll-up, time-phased cost, baselines and earned value."""
