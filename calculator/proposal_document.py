"""The proposal as one standalone HTML file (`python -m calculator proposition --html`): the
page's own template (site/templates/_proposition.html) and display model, rendered here in
CPython with the site's stylesheet inlined, so that the salesperson's file prints as the page
does. CLI only: it needs Jinja2 (a build dependency), imported when a file is asked for."""

import importlib.util
from pathlib import Path

from .client import cleaned, client_lines, fields_view
from .urlquery import quote
from .identity import identity_parts

SITE = Path(__file__).resolve().parents[1] / "site"
TEMPLATE = "proposition_autonome.html"


def has_qr_codes() -> bool:
    return importlib.util.find_spec("segno") is not None


def qr_data_uri(text: str) -> str:
    """The address's QR code as the page draws it (browser.qr_code), or "" when segno is not
    installed: the printed address below it still says where the proposal lives."""
    if not has_qr_codes():
        return ""
    from .browser import qr_code
    return qr_code(text)


def render_document(view: dict, link: str, rules, identity, client: dict) -> str:
    """The standalone document: `view` is proposal_view's model, `link` the proposal's address
    (without the client block, as the page prints it), `client` the typed client block."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(SITE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    parts = identity_parts(identity, rules.texts.company.name)
    # « Demander cette proposition », as the page writes it: the engine's subject and body, then
    # the proposal's address and the client block.
    body = "\n\n".join(part for part in (view["demande"]["corps"] + link, "\n".join(client_lines(cleaned(client)))) if part)
    request = {"courriel": f"subject={quote(view['demande']['sujet'])}&body={quote(body)}",
               "messagerie": f"text={quote(view['demande']['sujet'] + chr(10) * 2 + body)}"}
    return env.get_template(TEMPLATE).render(
        p={**view, "lien": link, "qr": qr_data_uri(link)},
        textes=rules.texts, identite=identity, identite_parties=parts, identite_ligne=" · ".join(parts),
        champs_client=fields_view(), client=cleaned(client), whatsapp=rules.contract.whatsapp, autonome=True,
        demande=request,
        # The site's own stylesheet, trusted (it is the project's file, not typed by anyone).
        feuille_de_style=Markup((SITE / "static" / "style.css").read_text(encoding="utf-8")))
