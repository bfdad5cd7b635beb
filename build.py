"""Thin entry point: ``python build.py ARGS`` is ``edition ARGS``."""

from edition.cli import main

if __name__ == "__main__":
    main()
