"""Allow `python -m briefgen`."""

from briefgen.cli import entry

if __name__ == "__main__":
    entry()
