"""--base-url and --site-origin checked before anything is built: every page loads its assets
from base_url + "assets/…", so a base that is not a path (`http://127.0.0.1:8000/` gave
`/http://127.0.0.1:8000/assets/…`) would publish a site that cannot load."""

from urllib.parse import urlsplit

# What a path may hold as typed (RFC 3986: unreserved, sub-delims, : @ and escapes); not ? or #.
PATH_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%")


class BaseUrlError(ValueError):
    """A --base-url the site cannot be built for; the message is French."""


def site_address(base_url: str, site_origin: str, default_origin: str) -> tuple:
    """(origin, base path ending with /). A full address (https://host/path/) is split into
    its origin and its path, unless --site-origin names another origin."""
    parts = urlsplit(base_url)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise BaseUrlError(f"--base-url « {base_url} » n'est ni un chemin (/tarifs/) ni une adresse "
                               "http(s)://hôte/chemin/.")
        origin = f"{parts.scheme}://{parts.netloc}"
        if site_origin not in (default_origin, origin):
            raise BaseUrlError(f"--base-url « {base_url} » et --site-origin « {site_origin} » désignent deux sites "
                               f"différents ; donnez --base-url {parts.path or '/'} --site-origin {origin}.")
        site_origin, base_url = origin, parts.path or "/"
    if not base_url.startswith("/") or base_url.startswith("//"):
        raise BaseUrlError(f"--base-url « {base_url} » n'est pas un chemin : il commence par une seule « / », "
                           "par ex. / ou /tarifs/.")
    if not set(base_url) <= PATH_CHARACTERS or "/../" in base_url + "/":
        raise BaseUrlError(f"--base-url « {base_url} » contient des caractères qu'une adresse ne peut porter tels "
                           "quels (espace, accent, .., ?, #) ; écrivez par ex. /tarifs/.")
    return site_origin, base_url if base_url.endswith("/") else base_url + "/"
