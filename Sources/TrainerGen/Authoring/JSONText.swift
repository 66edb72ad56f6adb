import Foundation

/// The one JSON document an authoring command prints with `--json`: keys sorted, so the output is
/// the same bytes for the same input, and slashes left alone, so paths stay readable.
enum JSONText {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail; an empty object keeps stdout valid JSON if it did.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
