"""The web app: `create_app(settings)` serves the pages and the JSON API over the CLI's store.

Importing this package imports FastAPI; the CLI does so only inside `loopcoach serve`.
"""

from loopcoach.web.app import create_app, create_app_from_env

__all__ = ["create_app", "create_app_from_env"]
