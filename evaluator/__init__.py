"""How a learning city is measured: reading assessments, rules, scoring, pathways, benchmarks."""
