"""Safety: WeasyPrint may read data: URLs and files inside the allowed folders, nothing else."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class ForbiddenResource(FatalURLFetchingError):
    """A document asked for a resource outside the project: the build stops."""

    def __init__(self, url: str):
        super().__init__(f"refused to fetch {url}: only data: URLs and files in styles/ and the build folder are allowed")
        self.url = url


class ProjectFetcher(URLFetcher):
    def __init__(self, allowed: tuple[Path, ...]):
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
        self.allowed = tuple(folder.resolve() for folder in allowed)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(folder) for folder in self.allowed) and path.is_file():
                return super().fetch(url, headers)
        raise ForbiddenResource(url)
