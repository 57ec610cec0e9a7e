"""argmap's benchmark suite: ``python -m benchmarks.run`` (see benchmarks/RESULTS.md)."""
