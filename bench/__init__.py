"""Benchmark of the archive build: `python bench/run.py --pages N` (see bench/README.md)."""
