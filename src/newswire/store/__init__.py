"""Storage of newswire records in SQLite or PostgreSQL (SQLAlchemy 2 + Alembic).

>>> from newswire.store import Store
>>> with Store.open("newswire.db") as store:          # doctest: +SKIP
...     store.add(record, text_hash=article.hash)
...     store.events(actor="RUS", type="MOBILIZE", since="2021-07-01")
"""

from __future__ import annotations

from .store import AddResult, Store, fold
from .urls import database_url

__all__ = ["AddResult", "Store", "database_url", "fold"]
