"""A bounded sample of the hostile-input corpus (``bench/fuzz_inputs.py``): every bad input
skipped with a reason, every valid one stored, no crash, no hang."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "fuzz_inputs.py"


def test_a_sample_of_generated_bad_inputs_loses_nothing_and_stops_nothing() -> None:
    command = [sys.executable, str(BENCH), "--count", "300", "--seed", "7", "--scale", "0.1"]
    done = subprocess.run([*command, "--timeout", "300"], capture_output=True, text=True)

    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    tally = r"(\d+) bad, (\d+) valid.*?(\d+)/\2 valid stored, (\d+)/\1 bad"
    figures = re.search(tally, done.stdout)
    assert figures, done.stdout
    bad, valid, stored, skipped = map(int, figures.groups())
    assert bad > 150 and valid > 50 and (stored, skipped) == (valid, bad)
    assert "crashed: False; hung: False" in done.stdout
