"""`ingest --fetch`: download http(s) pages and feeds, with a timeout and a size limit."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

from ..errors import InputError

USER_AGENT = "sitrep (+https://github.com/sitrep)"


class _SameSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http and https URLs."""

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(
                newurl, code, "redirect to a non-http URL refused", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str] | InputError:
    """(body, content type, final URL) of `url`, or an error naming it."""
    if not url.lower().startswith(("http://", "https://")):
        return InputError(url, "only http and https URLs can be fetched")
    opener = urllib.request.build_opener(_SameSchemes())
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                return InputError(url, f"page too large ({int(length) // 1_048_576} MB)")
            body = resp.read(max_bytes + 1)
            if len(body) > max_bytes:
                return InputError(url, f"page larger than the limit ({max_bytes // 1_048_576} MB)")
            return body, resp.headers.get("Content-Type", ""), resp.geturl()
    except urllib.error.HTTPError as exc:
        return InputError(url, f"cannot fetch (HTTP {exc.code} {exc.reason})")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return InputError(url, f"cannot fetch ({reason})")
