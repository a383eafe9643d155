"""Resource levelling: the slot problem, SGS kernels, heuristic, genetic search, CP-SAT."""
