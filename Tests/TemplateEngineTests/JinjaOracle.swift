import Foundation
import TestSupport

/// Runs Tests/Oracles/jinja_oracle.py once for a whole batch and returns its JSON answer.
enum JinjaOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ request: [String: Any]) throws -> [String: Any] {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Oracles/jinja_oracle.py")
            .path
        let payload = try JSONSerialization.data(withJSONObject: request)
        let result = try TestEnvironment.run([TestEnvironment.python, script], stdin: [UInt8](payload))
        guard result.status == 0 else {
            throw Failure(description: "the Jinja2 oracle failed: " + result.stderr)
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any]
        else {
            throw Failure(description: "the Jinja2 oracle printed no JSON object")
        }
        return object
    }
}
