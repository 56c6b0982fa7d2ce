"""會議紀錄 — record a meeting live and write its official minutes."""

__version__ = "0.1.0"
