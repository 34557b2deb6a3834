"""Serve stage: an HTTP API (FastAPI) and a dashboard over one warta store (`warta serve --db FILE`).

FastAPI and uvicorn are imported only here, so the rest of warta works without them.
"""

from .app import create_app

__all__ = ["create_app"]
