"""Allow `python -m briefgen`."""

from briefgen.launch import entry

if __name__ == "__main__":
    entry()
