"""The HTTP API and dashboard server (FastAPI): ``create_app(db_path, settings=None)``.

Imported only by ``steppe serve`` and by code that builds the app; nothing runs on import.
"""
from steppe.api.app import ApiError, ApiOptions, create_app

__all__ = ["ApiError", "ApiOptions", "create_app"]
