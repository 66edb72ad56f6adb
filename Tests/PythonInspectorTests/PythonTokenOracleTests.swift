import Foundation
import PythonInspector
import Testing

/// The tokenizer against CPython's `tokenize` on the standard library of the installed Python.
///
/// The default run compares a deterministic sample (every 6th file of the sorted corpus) to keep CI
/// fast in a debug build; `RELNA_FULL_TOKEN_ORACLE=1` compares every file.
@Suite struct PythonTokenOracleTests {
    @Test func tokenStreamsEqualCPythonTokenize() throws {
        let corpus = try PythonOracle.corpus()
        #expect(corpus.count > 500, "the stdlib corpus should have hundreds of files")
        let full = ProcessInfo.processInfo.environment["RELNA_FULL_TOKEN_ORACLE"] == "1"
        let paths = full ? corpus : corpus.enumerated().filter { $0.offset % 6 == 0 }.map(\.element)
        let oracle = try PythonOracle.results(mode: "tokens", paths: paths)
        var compared = 0
        var bytesCompared = 0
        // Reasons a file is not compared token by token, each counted:
        var notUTF8 = 0  // declares another encoding: agent files are UTF-8 only (we report the cookie)
        var rejectedByTokenize = 0  // tokenize raised or produced ERRORTOKEN: nothing to compare
        var rejectedByBoth = 0  // we stop at an error and CPython's compile() rejects the file too
        var mismatches: [String] = []
        for path in paths {
            guard let expected = oracle[path] else {
                mismatches.append("\(path): no oracle result")
                continue
            }
            if expected["encoding"] as? String != "utf-8" {
                notUTF8 += 1
                continue
            }
            guard expected["ok"] as? Bool == true, let tokens = expected["tokens"] as? [[Any]] else {
                rejectedByTokenize += 1
                continue
            }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            guard case .success(let stream) = PythonInspector.tokenize(bytes) else {
                mismatches.append("\(path): we found bytes that are not UTF-8")
                continue
            }
            var count = tokens.count
            if let error = stream.error {
                // `tokenize` is laxer than CPython's compiler (e.g. `0777`); where we stop, compile()
                // must reject the file too, and the tokens before the error must agree.
                guard expected["compiles"] as? Bool == false else {
                    mismatches.append("\(path): we report \(error) but CPython compiles the file")
                    continue
                }
                rejectedByBoth += 1
                count = min(count, max(0, stream.tokens.count - 2))
            } else if stream.tokens.count != tokens.count {
                mismatches.append("\(path): \(stream.tokens.count) tokens, CPython has \(tokens.count)")
            }
            for index in 0..<min(count, stream.tokens.count) {
                let token = stream.tokens[index]
                let reference = tokens[index]
                let ours: [String] = [
                    token.kind.tokName, stream.text(token), "\(token.startLine)", "\(token.startColumn)",
                    "\(token.endLine)", "\(token.endColumn)",
                ]
                let theirs = reference.map { "\($0)" }
                if ours != theirs {
                    mismatches.append("\(path): token \(index): ours \(ours), CPython \(theirs)")
                    break
                }
            }
            compared += 1
            bytesCompared += bytes.count
        }
        print(
            "token oracle: \(compared) files (\(bytesCompared / 1024) KiB) equal CPython tokenize"
                + "\(full ? "" : " (sample of \(paths.count) of \(corpus.count) files)"); not compared: "
                + "\(notUTF8) not UTF-8, \(rejectedByTokenize) rejected by tokenize, \(rejectedByBoth) rejected "
                + "by both us and compile()")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
        #expect(compared * 10 >= paths.count * 9)
    }
}
