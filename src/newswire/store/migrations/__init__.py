"""Alembic migrations of the newswire store (run by :meth:`newswire.store.Store.open`)."""
