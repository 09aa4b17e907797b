"""The one error a rules mistake raises: it names file, key path, expected and found."""


class Index(int):
    """A position in a YAML list, as opposed to a mapping key that happens to be a number."""


def format_path(path) -> str:
    """["niveaux", 2, "postes", Index(1), "prix"] -> "niveaux.2.postes[1].prix"."""
    text = ""
    for key in path:
        if isinstance(key, Index):
            text += f"[{int(key)}]"
        else:
            text += ("." if text else "") + str(key)
    return text


class RulesError(ValueError):
    def __init__(self, file: str, path, expected: str, found, line=None):
        self.file = file
        self.path = tuple(path)
        self.expected = expected
        self.found = found
        self.line = line
        super().__init__(str(self))

    def located(self, file: str, line=None):
        """The same error, pointing at the file as read on disk and at its line."""
        return RulesError(file, self.path, self.expected, self.found, line)

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        found = self.found if isinstance(self.found, str) and self.found.startswith("<") else repr_found(self.found)
        return f"{where}: {format_path(self.path) or '(racine)'}: expected {self.expected}, got {found}"


class UnknownKeyError(RulesError):
    """A key the rules do not define: most often a typo of one they do, which would
    otherwise drop that rule without a word."""

    def __init__(self, file: str, path, known, line=None):
        self.known = tuple(known)
        super().__init__(file, path, "a known key", str(path[-1]), line)

    def located(self, file: str, line=None):
        return UnknownKeyError(file, self.path, self.known, line)

    def __str__(self):
        import difflib     # only on this error path: the browser never pays for the import

        where = f"{self.file}:{self.line}" if self.line else self.file
        key = self.found
        close = difflib.get_close_matches(key, self.known, n=1, cutoff=0.6)
        hint = (f"vouliez-vous dire « {close[0]} » ?" if close
                else "clés possibles : " + ", ".join(self.known) if self.known else "aucune clé n'est attendue ici")
        return f"{where}: {format_path(self.path)}: clé inconnue « {key} » ; {hint}"


def repr_found(value) -> str:
    if isinstance(value, str):
        return '"' + value[:60] + '"'
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return str(value)
