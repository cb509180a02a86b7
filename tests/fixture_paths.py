"""Where the fixtures are; tests import this (tests/ is on the path, the repo root is not)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "chongqing-2018-11.txt"
