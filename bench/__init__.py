"""`make bench`: measurements of the app against the ceiling of the same machine (bench/README.md)."""
