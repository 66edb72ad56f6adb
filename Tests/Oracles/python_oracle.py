"""CPython as the reference for relna-pack's Python inspector (run by the Swift oracle tests).

Usage:
  python_oracle.py list              the stdlib corpus: one .py path per line (sorted, no site-packages)
  python_oracle.py tokens < paths    one JSON line per path: CPython tokenize's stream
  python_oracle.py ast < paths       one JSON line per path: the module-level view from ast.parse
  python_oracle.py compile < paths   one JSON line per path: compile()'s SyntaxError location, if any

Paths are read from stdin (one per line) and results are written as they are produced, so the caller
can stream them. Nothing is imported or executed from the files: only tokenize, ast and compile.
"""

import ast
import json
import os
import sys
import sysconfig
import tokenize


def corpus():
    root = sysconfig.get_paths()["stdlib"]
    paths = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        paths.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(paths)


def encoding_of(data):
    import io

    try:
        enc, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return None
    return "utf-8" if enc in ("utf-8", "utf-8-sig") else enc


def tokens(path):
    with open(path, "rb") as f:
        data = f.read()
    result = {"path": path, "encoding": encoding_of(data)}
    try:
        import io

        toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError) as e:
        result["ok"] = False
        result["error"] = type(e).__name__
        result["compiles"] = compiles(data)
        return result
    out = []
    ok = True
    for t in toks:
        if t.type == tokenize.ENCODING:
            continue
        if t.type == tokenize.ERRORTOKEN:
            ok = False
        out.append([tokenize.tok_name[t.type], t.string, t.start[0], t.start[1], t.end[0], t.end[1]])
    result["ok"] = ok
    result["tokens"] = out
    result["compiles"] = compiles(data)
    return result


def compiles(data):
    try:
        compile(data, "<oracle>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def compile_error(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        compile(data, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        return {"path": path, "error": type(e).__name__, "msg": e.msg, "line": e.lineno, "column": e.offset}
    except ValueError as e:
        return {"path": path, "error": "ValueError", "msg": str(e), "line": None, "column": None}
    return {"path": path, "error": None}


STATEMENT_KINDS = {
    ast.If: "if", ast.Try: "try", ast.For: "for", ast.AsyncFor: "for", ast.While: "while",
    ast.With: "with", ast.AsyncWith: "with", ast.Match: "match", ast.Expr: "expression",
    ast.AugAssign: "augassign", ast.Delete: "del", ast.Pass: "pass", ast.Assert: "assert",
    ast.Raise: "raise", ast.Global: "global", ast.Nonlocal: "nonlocal", ast.Return: "return",
    ast.Break: "break", ast.Continue: "continue",
}
if hasattr(ast, "TryStar"):
    STATEMENT_KINDS[ast.TryStar] = "try"


class View:
    """The scanner's view of one module, built from the ast (see PythonModule.swift)."""

    def __init__(self, data):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        self.source = data.decode("utf-8")
        self.lines = data.splitlines(keepends=True)
        # ast.get_source_segment splits the whole source on every call; split once instead.
        self.segment_lines = [line.encode("utf-8") for line in ast._splitlines_no_ff(self.source)]
        self.tree = ast.parse(data)

    def column(self, lineno, col_offset):
        return len(self.lines[lineno - 1][:col_offset].decode("utf-8", "replace")) + 1

    def seg(self, node):
        """ast.get_source_segment(self.source, node), in linear time over a module."""
        if node is None:
            return None
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.segment_lines[first][node.col_offset:node.end_col_offset].decode("utf-8")
        parts = [self.segment_lines[first][node.col_offset:]]
        parts.extend(self.segment_lines[first + 1:last])
        parts.append(self.segment_lines[last][:node.end_col_offset])
        return b"".join(parts).decode("utf-8")

    def params(self, a):
        out = []
        positional = a.posonlyargs + a.args
        first_default = len(positional) - len(a.defaults)
        for i, arg in enumerate(positional):
            kind = "positional_only" if i < len(a.posonlyargs) else "positional_or_keyword"
            out.append(self.param(arg, kind, i >= first_default))
        if a.vararg:
            out.append(self.param(a.vararg, "var_positional", False))
        for arg, default in zip(a.kwonlyargs, a.kw_defaults):
            out.append(self.param(arg, "keyword_only", default is not None))
        if a.kwarg:
            out.append(self.param(a.kwarg, "var_keyword", False))
        return out

    def param(self, arg, kind, default):
        return {"name": arg.arg, "kind": kind, "default": default, "annotation": self.seg(arg.annotation)}

    def function(self, node, conditional):
        return {
            "name": node.name, "line": node.lineno, "column": self.column(node.lineno, node.col_offset),
            "async": isinstance(node, ast.AsyncFunctionDef),
            "decorators": [self.seg(d) for d in node.decorator_list],
            "params": self.params(node.args), "returns": self.seg(node.returns),
            "conditional": conditional,
        }

    def names(self, target):
        if isinstance(target, (ast.Tuple, ast.List)):
            return [n for e in target.elts for n in self.names(e)]
        if isinstance(target, ast.Starred):
            return self.names(target.value)
        if isinstance(target, ast.Name):
            return [target.id]
        return [self.seg(target)]

    def assignment(self, node, conditional):
        if isinstance(node, ast.Assign):
            names = [n for t in node.targets for n in self.names(t)]
            annotated, value = False, True
        else:
            names = self.names(node.target)
            annotated, value = True, node.value is not None
        return {
            "names": names, "line": node.lineno, "column": self.column(node.lineno, node.col_offset),
            "annotated": annotated, "value": value, "conditional": conditional,
        }

    def view(self):
        out = {"functions": [], "classes": [], "assignments": [], "imports": [], "statements": []}
        self.walk(self.tree.body, "module", out, conditional=False, top=True)
        return out

    def walk(self, body, target, out, conditional, top):
        for st in body:
            line, column = st.lineno, self.column(st.lineno, st.col_offset)
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if target in ("module", "class"):
                    out["functions"].append(self.function(st, conditional))
            elif isinstance(st, ast.ClassDef):
                if target == "module":
                    inner = {"functions": [], "assignments": []}
                    self.walk(st.body, "class", inner, conditional=False, top=False)
                    keywords = sorted(st.bases + st.keywords, key=lambda n: (n.lineno, n.col_offset))
                    out["classes"].append({
                        "name": st.name, "line": line, "column": column,
                        "bases": [self.seg(b) for b in keywords],
                        "decorators": [self.seg(d) for d in st.decorator_list],
                        "methods": inner["functions"], "assignments": inner["assignments"],
                        "conditional": conditional,
                    })
            elif isinstance(st, (ast.Assign, ast.AnnAssign)):
                if target in ("module", "class"):
                    out["assignments"].append(self.assignment(st, conditional))
            elif isinstance(st, (ast.Import, ast.ImportFrom)):
                if target == "module":
                    out["imports"].append({
                        "module": st.module if isinstance(st, ast.ImportFrom) else None,
                        "names": [{"name": a.name, "asname": a.asname} for a in st.names],
                        "level": st.level if isinstance(st, ast.ImportFrom) else 0,
                        "line": line, "column": column, "conditional": conditional,
                    })
            else:
                kind = STATEMENT_KINDS.get(type(st), type(st).__name__.lower())
                if top:
                    out["statements"].append({
                        "kind": kind, "line": line, "column": column,
                        "main_guard": kind == "if" and is_main_guard(st.test),
                    })
                if target == "module" and kind in ("if", "try"):
                    inner_bodies = [st.body, st.orelse]
                    if kind == "try":
                        inner_bodies = [st.body] + [h.body for h in st.handlers] + [st.orelse, st.finalbody]
                    for inner in inner_bodies:
                        self.walk(inner, "module", out, conditional=True, top=False)


def is_main_guard(test):
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    a, b = test.left, test.comparators[0]

    def name(n):
        return isinstance(n, ast.Name) and n.id == "__name__"

    def main(n):
        return isinstance(n, ast.Constant) and n.value == "__main__"

    return (name(a) and main(b)) or (main(a) and name(b))


def ast_view(path):
    with open(path, "rb") as f:
        data = f.read()
    result = {"path": path, "encoding": encoding_of(data)}
    try:
        result["module"] = View(data).view()
        result["ok"] = True
    except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError) as e:
        result["ok"] = False
        result["error"] = type(e).__name__
    return result


def main():
    mode = sys.argv[1]
    if mode == "list":
        for path in corpus():
            print(path)
        return
    handler = {"tokens": tokens, "ast": ast_view, "compile": compile_error}[mode]
    out = sys.stdout
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        out.write(json.dumps(handler(path), ensure_ascii=False) + "\n")
        out.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
