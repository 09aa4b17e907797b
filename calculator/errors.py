"""The one error a rules mistake raises: it names file, key path, expected and found, in French
(« attendu …, trouvé … »), with the likely fix when there is one."""


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
        return f"{where}: {format_path(self.path) or '(racine)'}: attendu {self.expected}, trouvé {found}"


class UnknownKeyError(RulesError):
    """A key the rules do not define: most often a typo of one they do, which would
    otherwise drop that rule without a word."""

    def __init__(self, file: str, path, known, line=None, hint=None):
        self.known = tuple(known)
        self.hint = hint
        super().__init__(file, path, "une clé connue", str(path[-1]), line)

    def located(self, file: str, line=None):
        return UnknownKeyError(file, self.path, self.known, line, self.hint)

    def __str__(self):
        import difflib     # only on this error path: the browser never pays for the import

        where = f"{self.file}:{self.line}" if self.line else self.file
        key = self.found
        close = difflib.get_close_matches(key, self.known, n=1, cutoff=0.6)
        hint = self.hint or (f"vouliez-vous dire « {close[0]} » ?" if close
                             else "clés possibles : " + ", ".join(self.known) if self.known
                             else "aucune clé n'est attendue ici")
        return f"{where}: {format_path(self.path)}: clé inconnue « {key} » ; {hint}"


class MisspeltKeyError(RulesError):
    """A required key is missing and an unknown key close to it stands in its place: name
    both, at the misspelt key's line, rather than only « attendu une valeur »."""

    def __init__(self, file: str, path, meant: str, line=None):
        self.meant = meant
        super().__init__(file, path, f"la clé « {meant} »", str(path[-1]), line)

    def located(self, file: str, line=None):
        return MisspeltKeyError(file, self.path, self.meant, line)

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (f"{where}: {format_path(self.path)}: la clé obligatoire « {self.meant} » manque et « {self.found} » "
                f"n'est pas connue ; vouliez-vous dire « {self.meant} » ?")


class YamlSyntaxError(RulesError):
    """A file YAML cannot read: its line and column, and the likely cause in French."""

    def __init__(self, file: str, line: int, column: int, cause: str):
        self.column = column
        self.cause = cause
        super().__init__(file, (), "du YAML valide", cause, line)

    def located(self, file: str, line=None):
        return YamlSyntaxError(file, self.line, self.column, self.cause)

    def __str__(self):
        return f"{self.file}:{self.line}:{self.column}: YAML illisible : {self.cause}"


def repr_found(value) -> str:
    if isinstance(value, str):
        return '"' + value[:60] + '"'
    if value is None:
        return "rien"
    if isinstance(value, (dict, list)):
        return "une table de clés" if isinstance(value, dict) else "une liste"
    return str(value)
