/// Python's keywords (`keyword.kwlist`), held once for every check that a name can be written in
/// Python source. Soft keywords (`match`, `case`, `type`, `_`) are usable names and are not listed.
public enum PythonKeywords {
    public static let all: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
