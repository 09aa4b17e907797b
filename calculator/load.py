"""Reading the rules files from disk (build time and CLI only; the browser gets JSON)."""

import re
from pathlib import Path

from .errors import RulesError, YamlSyntaxError
from .rules import RULES_FILES, parse_rules

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "rules"


def _yaml():
    import yaml     # build-time dependency; the browser never imports this module
    return yaml


def _parse_yaml(text: str):
    """YAML as the rules validator wants it:
    - a date such as 2027-02-30 stays the text the business typed, checked by the validator
      (file, key and line), instead of PyYAML turning it into a date or failing on it with
      a bare ValueError;
    - a key written twice in one mapping is a mistake with its line: PyYAML would keep the
      last value without a word (a new price added above the old one, the old one kept)."""
    yaml = _yaml()

    class RulesLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"la clé « {key} » est écrite deux fois", key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep)

    RulesLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
    return yaml.load(text, Loader=RulesLoader)


def _syntax_error(shown: str, text: str, error) -> YamlSyntaxError:
    """PyYAML's English problem as its likely cause, in French. The mark is often one line
    after the mistake (a key with a wrong indent is found out at the next one), so the
    lines up to the mark are looked at from the mark upwards."""
    mark = getattr(error, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", "") or ""
    if "écrite deux fois" in problem:         # our own check (_parse_yaml), already French
        return YamlSyntaxError(shown, line, column, problem + ".")
    lines = text.splitlines()[max(0, line - 2):line]
    if any("\t" in text_line[:len(text_line) - len(text_line.lstrip())] for text_line in lines) or "'\\t'" in problem:
        cause = "une tabulation sert d'indentation ; YAML n'accepte que des espaces."
    elif any(MISSING_SPACE.match(text_line) for text_line in lines):
        cause = "il manque une espace après « : » (écrivez « cle: valeur », pas « cle:valeur »)."
    elif "flow" in (getattr(error, "context", "") or "") or "[" in problem or "{" in problem:
        cause = "une accolade { } ou un crochet [ ] n'est pas refermé."
    else:
        cause = ("l'indentation : une clé est plus ou moins décalée que ses voisines ; alignez-la, avec des "
                 "espaces, sur les clés de même niveau.")
    return YamlSyntaxError(shown, line, column, cause)


# « prix:49 »: a key and its value without the space YAML needs after the colon.
MISSING_SPACE = re.compile(r"^\s*(- )?[A-Za-z_][\w-]*:[^\s/]")


def _shown_path(path: Path) -> str:
    """A path as the person running the build would type it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_raw_rules(directory=DEFAULT_DIR) -> dict:
    """File name (as in RULES_FILES) -> raw YAML data. Raises RulesError on unreadable YAML."""
    yaml, raw = _yaml(), {}
    for name in RULES_FILES:
        path = Path(directory) / Path(name).name
        try:
            raw[name] = _parse_yaml(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RulesError(_shown_path(path), (), "un fichier de règles", "<fichier absent>") from None
        except yaml.YAMLError as error:
            raise _syntax_error(_shown_path(path), path.read_text(encoding="utf-8"), error) from None
    return raw


def line_of(text: str, path) -> "int | None":
    """The line of the deepest node of `path` that exists in the YAML text, 1-based."""
    yaml = _yaml()
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(key)]
            if not match:
                return line
            node = match[0][1]
            line = match[0][0].start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def load_rules(directory=DEFAULT_DIR):
    """(Rules, raw data): validated rules; a RulesError carries the line when it can."""
    raw = read_raw_rules(directory)
    try:
        return parse_rules(raw), raw
    except RulesError as error:
        path = Path(directory) / Path(error.file).name
        raise error.located(_shown_path(path), line_of(path.read_text(encoding="utf-8"), error.path)) from None
