"""`ingest --fetch`: download http(s) pages and feeds, with a timeout and a size limit."""

from __future__ import annotations

import urllib.error
import urllib.request

from ..errors import InputError

USER_AGENT = "sitrep (+https://github.com/sitrep)"


def fetch(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str] | InputError:
    """(body, content type, final URL) of `url`, or an error naming it."""
    if not url.lower().startswith(("http://", "https://")):
        return InputError(url, "only http and https URLs can be fetched")
    opener = urllib.request.build_opener()  # its redirects go to http, https or ftp only
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                return InputError(url, f"page larger than the limit ({max_bytes // 1_048_576} MB)")
            body = resp.read(max_bytes + 1)
            if len(body) > max_bytes:
                return InputError(url, f"page larger than the limit ({max_bytes // 1_048_576} MB)")
            final = resp.geturl()
            if not final.lower().startswith(("http://", "https://")):
                return InputError(url, f"redirected to a non-http URL ({final})")
            return body, resp.headers.get("Content-Type", ""), final
    except urllib.error.HTTPError as exc:
        return InputError(url, f"cannot fetch (HTTP {exc.code} {exc.reason})")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return InputError(url, f"cannot fetch ({reason})")
