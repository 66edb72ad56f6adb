"""Reference results from Jinja2 for the TemplateEngine tests (one process for a whole batch).

Reads one JSON request on stdin and prints one JSON response on stdout:
  {"root": DIR,
   "render": [{"name": TEMPLATE_PATH_UNDER_ROOT, "context": JSON_PATH_OR_NULL}],
   "sources": [{"source": TEXT, "context": OBJECT}],          # inline templates (error cases)
   "repr": [VALUE, ...],                                      # values for Python's repr()
   "strings": [TEXT, ...],                                     # strings for repr() (exact text)
   "json": [JSON_TEXT, ...], "floats": [FLOAT_TEXT, ...]}      # repr() of parsed values
and answers each list in order: {"output": TEXT} or {"error": TYPE, "message": TEXT, "lineno": N},
with "free" (jinja2.meta.find_undeclared_variables) for every template that parses.
"""
import json
import keyword
import math
import re
import sys

import jinja2
import jinja2.meta


def pyrepr(value):
    def check(v):
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("non-finite float has no Python literal")
        if isinstance(v, (list, tuple)):
            for item in v:
                check(item)
        if isinstance(v, dict):
            for item in v.values():
                check(item)

    check(value)
    return repr(value)


def pyident(value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value) or keyword.iskeyword(value):
        raise ValueError(f"{value!r} is not a usable Python identifier")
    return value


def snake_case(value):
    s = str(value)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"[^A-Za-z0-9]+", "_", s)
    return s.strip("_").lower()


def make_environment(root):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root) if root else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(pyrepr=pyrepr, pyident=pyident, snake_case=snake_case)
    return env


def outcome(env, source, name, context):
    result = {}
    try:
        ast = env.parse(source, name=name)
        result["free"] = sorted(jinja2.meta.find_undeclared_variables(ast))
        template = env.get_template(name) if env.loader and name else env.from_string(source)
        result["output"] = template.render(context)
    except jinja2.TemplateSyntaxError as error:
        result.update(error="TemplateSyntaxError", message=str(error.message), lineno=error.lineno)
    except Exception as error:  # noqa: BLE001 - every rejection is a result here
        lineno = None
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in (name, "<template>"):
                lineno = tb.tb_lineno
            tb = tb.tb_next
        result.update(error=type(error).__name__, message=str(error), lineno=lineno)
    return result


def main():
    request = json.load(sys.stdin)
    root = request.get("root")
    env = make_environment(root)
    response = {"render": [], "sources": [], "repr": [], "strings": []}
    for case in request.get("render", []):
        with open(f"{root}/{case['name']}", encoding="utf-8") as handle:
            source = handle.read()
        context = {}
        if case.get("context"):
            with open(case["context"], encoding="utf-8") as handle:
                context = json.load(handle)
        response["render"].append(outcome(env, source, case["name"], context))
    inline = make_environment(root)
    for case in request.get("sources", []):
        response["sources"].append(outcome(inline, case["source"], None, case.get("context") or {}))
    for value in request.get("repr", []):
        response["repr"].append(repr(value))
    for text in request.get("strings", []):
        response["strings"].append(repr(text))
    # Values given as JSON texts (so that 1.0 stays a float) and floats given as their shortest text.
    response["json"] = [repr(json.loads(text)) for text in request.get("json", [])]
    response["floats"] = [repr(float(text)) for text in request.get("floats", [])]
    json.dump(response, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
