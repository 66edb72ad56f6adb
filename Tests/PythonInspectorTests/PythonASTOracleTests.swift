import Foundation
import PythonInspector
import Testing

/// The scanner against CPython's `ast` on every file of the installed standard library: functions
/// (parameters with kinds, defaults, annotations, decorators), classes with their methods and
/// assignments, assignments, imports and the other module-level statements, at the same positions.
@Suite struct PythonASTOracleTests {
    @Test func moduleStructureEqualsAST() throws {
        let corpus = try PythonOracle.corpus()
        #expect(corpus.count > 500)
        let oracle = try PythonOracle.results(mode: "ast", paths: corpus)
        var compared = 0
        // Files not compared, with the reason:
        var notUTF8 = 0  // declares another encoding: agent files are UTF-8 only (we report the cookie)
        var rejectedByAST = 0  // ast.parse rejects it (test data with deliberate syntax errors)
        var mismatches: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for path in corpus {
            guard let expected = oracle[path] else {
                mismatches.append("\(path): no oracle result")
                continue
            }
            if expected["encoding"] as? String != "utf-8" {
                notUTF8 += 1
                continue
            }
            guard expected["ok"] as? Bool == true, let view = expected["module"] else {
                rejectedByAST += 1
                continue
            }
            let reference = try JSONDecoder().decode(
                PythonModule.self, from: try JSONSerialization.data(withJSONObject: view))
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let scan = PythonInspector.scan(bytes, path: path)
            compared += 1
            if !scan.diagnostics.isEmpty {
                mismatches.append("\(path): unexpected diagnostics \(scan.diagnostics)")
                continue
            }
            if scan.module != reference {
                mismatches.append("\(path):\n" + firstDifference(scan.module, reference, encoder))
            }
        }
        print(
            "ast oracle: \(compared) of \(corpus.count) stdlib files compared with ast.parse; "
                + "not compared: \(notUTF8) not UTF-8, \(rejectedByAST) rejected by ast.parse")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")
        #expect(compared * 10 >= corpus.count * 9)
    }

    func firstDifference(_ ours: PythonModule, _ theirs: PythonModule, _ encoder: JSONEncoder) -> String {
        func json<T: Encodable>(_ value: T) -> String {
            (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
        func pair<T: Encodable & Equatable>(_ name: String, _ a: [T], _ b: [T]) -> String? {
            guard a != b else { return nil }
            for (x, y) in zip(a, b) where x != y {
                return "\(name): ours \(json(x))\n   ast  \(json(y))"
            }
            return "\(name): ours has \(a.count), ast has \(b.count)"
        }
        return pair("functions", ours.functions, theirs.functions) ?? pair(
            "classes", ours.classes, theirs.classes)
            ?? pair("assignments", ours.assignments, theirs.assignments)
            ?? pair("imports", ours.imports, theirs.imports)
            ?? pair("statements", ours.statements, theirs.statements) ?? "?"
    }
}
