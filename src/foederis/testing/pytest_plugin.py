"""pytest collects scenario case files (``*.yaml`` under a ``scenarios`` directory whose
top level has ``cases:``) and runs each case as a test item; likewise fact tables
(``*.yaml`` under a ``facts`` directory whose top level has ``facts:``), one item per row.
Installed as a pytest plugin (entry point ``foederis_scenarios``), so users' own case
directories work the same way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "scenarios":
        try:
            head = file_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        if "\ncases:" in head or head.startswith("cases:"):  # a foederis case file
            return ScenarioFile.from_parent(parent, path=file_path)
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "facts":
        from foederis.testing.facts import is_fact_file

        if is_fact_file(file_path):
            return FactFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from foederis.testing.cases import load_case_file

        for case in load_case_file(self.path):
            yield ScenarioItem.from_parent(self, name=case.name, case=case)


class ScenarioItem(pytest.Item):
    def __init__(self, *, case: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from foederis.kb import load_kb
        from foederis.testing.cases import run_case

        problems = run_case(self.case, load_kb(), explain=True)
        if problems:
            raise ScenarioFailure(problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return f"{self.case.file}: Test '{self.case.name}'\n  " + "\n  ".join(
                excinfo.value.problems
            )
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, self.case.line, f"scenario: {self.case.name}"


class ScenarioFailure(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class FactFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from foederis.testing.facts import load_fact_file

        for case in load_fact_file(self.path):
            yield FactItem.from_parent(self, name=case.name, case=case)


class FactItem(pytest.Item):
    def __init__(self, *, case: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from foederis.kb import load_kb
        from foederis.testing.facts import check_row

        problems = check_row(self.case, load_kb())
        if problems:
            raise ScenarioFailure(problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return f"{self.case.where}\n  " + "\n  ".join(excinfo.value.problems)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.case.line - 1 if self.case.line else None
        return self.path, line, f"fact: {self.case.name}"
