"""Source grading: the reviewed domain registry (registry.py), grades and badges
(grade.py) and the per-treaty source-quality report (report.py)."""
