import Foundation
import Testing

@testable import PythonInspector

/// The module scanner on hand-written agents, and its cost as inputs grow.
@Suite struct ScannerTests {
    func scan(_ source: String) -> PythonScanResult {
        PythonInspector.scan(Array(source.utf8), path: "agent.py")
    }

    @Test func parameterKindsDefaultsAndAnnotations() throws {
        let result = scan(
            "def f(a, b: int = 1, /, c=2, *args: str, d, e: 'E' = 3, **kw) -> dict[str, int]: ...\n")
        let function = try #require(result.module.functions.first)
        #expect(function.params.map(\.name) == ["a", "b", "c", "args", "d", "e", "kw"])
        #expect(
            function.params.map(\.kind) == [
                .positionalOnly, .positionalOnly, .positionalOrKeyword, .varPositional, .keywordOnly,
                .keywordOnly,
                .varKeyword,
            ])
        #expect(function.params.map(\.hasDefault) == [false, true, true, false, false, true, false])
        #expect(function.params.map(\.annotation) == [nil, "int", nil, "str", nil, "'E'", nil])
        #expect(function.returns == "dict[str, int]")
    }

    @Test func lambdaDefaultsKeepTheirCommas() throws {
        let result = scan("def g(x=lambda a, b: a, *, y=(1, 2)): pass\nh = lambda p=1: p\n")
        #expect(result.module.functions.first?.params.map(\.name) == ["x", "y"])
        #expect(result.module.assignments.map(\.names) == [["h"]])
    }

    @Test func classesDecoratorsAndMethods() throws {
        let result = scan(
            """
            import abc
            @dataclass(frozen=True)
            class QNetwork(nn.Module, metaclass=abc.ABCMeta):
                gamma: float = 0.99
                def __init__(self, observation_space, action_space):
                    self.q = None
                @staticmethod
                def predict(observations):
                    def inner(): pass
                    return inner
                if True:
                    def hidden(self): pass

            """)
        let type = try #require(result.module.classes.first)
        #expect(type.decorators == ["dataclass(frozen=True)"])
        #expect(type.bases == ["nn.Module", "metaclass=abc.ABCMeta"])
        #expect(type.methods.map(\.name) == ["__init__", "predict"])
        #expect(type.methods.map(\.decorators) == [[], ["staticmethod"]])
        #expect(type.assignments.map(\.names) == [["gamma"]])
        #expect(result.module.functions.isEmpty)
    }

    @Test func conditionalDefinitionsAndImports() {
        let result = scan(
            """
            try:
                import torch
            except ImportError:
                torch = None
            else:
                from torch import nn as tnn, optim
            if torch:
                def build(): pass
            elif False:
                class Alt: pass
            for i in range(3):
                def ignored(): pass
            from . import sibling
            from ..pkg.mod import *
            import os.path as osp, sys
            if __name__ == "__main__":
                build()

            """)
        #expect(result.module.functions.map(\.name) == ["build"])
        #expect(result.module.functions.map(\.conditional) == [true])
        #expect(result.module.classes.map(\.conditional) == [true])
        #expect(result.module.assignments.map(\.names) == [["torch"]])
        #expect(result.module.imports.map(\.module) == [nil, "torch", nil, "pkg.mod", nil])
        #expect(result.module.imports.map(\.level) == [0, 0, 1, 2, 0])
        #expect(result.module.imports.map(\.conditional) == [true, true, false, false, false])
        #expect(result.module.imports[1].names == [.init(name: "nn", asname: "tnn"), .init(name: "optim")])
        #expect(
            result.module.imports[4].names == [.init(name: "os.path", asname: "osp"), .init(name: "sys")])
        #expect(result.module.statements.map(\.kind) == ["try", "if", "for", "if"])
        #expect(result.module.statements.map(\.mainGuard) == [false, false, false, true])
    }

    @Test func assignmentTargetsAreFlattened() {
        let result = scan("a = b = 1\n(c, [d, *e]), f.g = x\nh: int\ni += 1\nmatch = 3\nk[0] = 1\n")
        #expect(
            result.module.assignments.map(\.names) == [
                ["a", "b"], ["c", "d", "e", "f.g"], ["h"], ["match"], ["k[0]"],
            ])
        #expect(result.module.assignments.map(\.hasValue) == [true, true, false, true, true])
        #expect(result.module.statements.map(\.kind) == ["augassign"])
    }

    @Test func softKeywordMatchIsAStatementOnlyWithABlock() {
        let result = scan(
            "match command:\n    case [x, *rest]:\n        y = 1\n    case _:\n        pass\nmatch(a)\n")
        #expect(result.module.statements.map(\.kind) == ["match", "expression"])
        #expect(result.module.assignments.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func scanJSONHasTheIssueShape() throws {
        let result = scan("import a.b as c\nfrom .x import y\nasync def f(p=1): pass\n")
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "functions", "classes", "assignments", "imports", "statements", "diagnostics",
            ])
        let imports = try #require(object["imports"] as? [[String: Any]])
        #expect(imports[0]["module"] is NSNull)
        #expect((imports[0]["names"] as? [[String: Any]])?.first?["asname"] as? String == "c")
        #expect((imports[1]["names"] as? [[String: Any]])?.first?["asname"] is NSNull)
        #expect(imports[1]["level"] as? Int == 1)
        let function = try #require((object["functions"] as? [[String: Any]])?.first)
        #expect(function["async"] as? Bool == true)
        let param = try #require((function["params"] as? [[String: Any]])?.first)
        #expect(param["kind"] as? String == "positional_or_keyword" && param["default"] as? Bool == true)
        let decoded = try JSONDecoder().decode(PythonScanResult.self, from: data)
        #expect(decoded.module == result.module)
    }

    /// Large inputs of the shapes that would expose quadratic scanning (deep brackets, many lines, one
    /// long string) scan cleanly; how their time grows is measured by `relna-bench scan`, not here.
    @Test(arguments: ["brackets", "lines", "string"])
    func largeInputsScanCleanly(shape: String) {
        let line: String
        switch shape {
        case "brackets":
            line =
                "x = " + String(repeating: "([{", count: 60) + "1" + String(repeating: "}])", count: 60)
                + "\n"
        case "lines":
            line = "v = f(a)\n"  // 1 MiB is over 100,000 lines
        default:
            line = "s = '" + String(repeating: "ab\\'c ", count: 1024 * 1024 / 6) + "'\n"
        }
        let source = Array(String(repeating: line, count: 1024 * 1024 / line.utf8.count + 1).utf8)
        #expect(PythonInspector.scan(source, path: "big.py").diagnostics.isEmpty)
    }
}
