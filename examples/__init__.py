"""Worked example assessments; installed as the package ``lcity_examples`` so that ``lcity demo``
works from a wheel without this repository."""
