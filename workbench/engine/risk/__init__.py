"""Schedule and cost risk: duration sampling, risk events, Monte Carlo, PERT, release forecasts."""
