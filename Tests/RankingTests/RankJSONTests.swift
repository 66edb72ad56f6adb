import Foundation
import RelnaCore
import Testing

@testable import Ranking

/// The located JSON reader on every `metrics.json` fixture, held against CPython's `json` module.
@Suite struct RankJSONTests {
    /// Every fixture metrics.json: accepted exactly when CPython accepts it, with the same value (compared
    /// through a canonical form), and a missing-comma error at the line and column CPython reports.
    @Test func agreesWithCPythonOnEveryFixture() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: RankTestSupport.runs)
            .filter { $0.hasSuffix("metrics.json") }.sorted().map { RankTestSupport.runs + "/" + $0 }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                    && !isFolder.boolValue
            }
        #expect(files.count >= 10)
        let oracle = """
            import json, sys
            for path in sys.argv[1:]:
                try:
                    value = json.load(open(path, encoding="utf-8"))
                    print("ok", json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
                except json.JSONDecodeError as error:
                    print("error", error.lineno, error.colno)
            """
        let lines = try RankTestSupport.runPython(oracle, arguments: files).split(separator: "\n")
        #expect(lines.count == files.count)
        for (path, expected) in zip(files, lines) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            do {
                let value = try LocatedJSON.parse(bytes)
                #expect(expected == "ok " + value.canonical, "\(path)")
            } catch {
                #expect(expected.hasPrefix("error"), "\(path): we reject, CPython accepts")
                if path.contains("malformed-json") {
                    #expect(expected == "error \(error.line) \(error.column)", "\(path)")
                }
            }
        }
    }
}
