import Foundation
import RelnaYAML

/// The Vertex AI executor images per framework: data (`Templates/_shared/executor-images.yaml`), so
/// that a new image or an expiry date is a one-line change and no code names an image. The table
/// compiled into relna-pack is `ExecutorImageTable.builtIn` (Build, beside the embedded templates).
public struct ExecutorImageTable: Sendable, Hashable {
    public static let fileName = "_shared/executor-images.yaml"

    public var source: String
    public var read: String
    /// Frameworks the table does not list use this one's images.
    public var fallback: String?
    public var frameworks: [String: [ExecutorImage]]

    public init(source: String, read: String, fallback: String?, frameworks: [String: [ExecutorImage]]) {
        self.source = source
        self.read = read
        self.fallback = fallback
        self.frameworks = frameworks
    }

    /// Reads the table through the project's YAML reader; each row may override `source` and `read`.
    public init(yaml text: String) throws(YAMLError) {
        let root = try YAMLReader().parse(text)
        guard case .mapping(let entries)? = root["frameworks"]?.content else {
            throw YAMLError(line: 0, column: 0, message: "expected a `frameworks:` mapping")
        }
        source = root["source"]?.stringValue ?? ""
        read = root["read"]?.stringValue ?? ""
        fallback = root["fallback"]?.stringValue
        var frameworks: [String: [ExecutorImage]] = [:]
        for entry in entries {
            let name = entry.key.scalarText ?? ""
            var images: [ExecutorImage] = []
            for row in entry.value.sequenceValue ?? [] {
                guard let uri = row["uri"]?.stringValue, let python = row["python"]?.stringValue,
                    let end = row["end_of_availability"]?.stringValue, Self.isDay(end)
                else {
                    throw YAMLError(
                        line: row.line, column: row.column,
                        message: "frameworks.\(name): each image needs uri, python (a string) and "
                            + "end_of_availability (yyyy-MM-dd)")
                }
                images.append(
                    ExecutorImage(
                        uri: uri, python: python, endOfAvailability: end,
                        source: row["source"]?.stringValue ?? source, read: row["read"]?.stringValue ?? read))
            }
            frameworks[name] = images
        }
        self.frameworks = frameworks
    }

    /// The framework's images, else the fallback framework's.
    public func images(for framework: String) -> [ExecutorImage] {
        frameworks[framework] ?? fallback.flatMap { frameworks[$0] } ?? []
    }

    /// The image a build uses: the latest end of availability among those whose Python is at least
    /// the package's `requiresPython`, ties in table order; nil when none qualifies.
    public func choose(framework: String, requiresPython: String) -> ExecutorImage? {
        let usable = images(for: framework).filter { !RuntimePython.isOlder($0.python, than: requiresPython) }
        return usable.enumerated().max { a, b in
            a.element.endOfAvailability != b.element.endOfAvailability
                ? a.element.endOfAvailability < b.element.endOfAvailability : a.offset > b.offset
        }?.element
    }

    /// The row for `uri` in any framework.
    public func image(uri: String) -> ExecutorImage? {
        for key in frameworks.keys.sorted() {
            if let image = frameworks[key]?.first(where: { $0.uri == uri }) { return image }
        }
        return nil
    }

    /// A warning when `uri` is a listed image past its end of availability on `today`: it names a
    /// current image of the framework, or says plainly that the table knows none.
    public func expiryWarning(uri: String, framework: String, requiresPython: String, today: String)
        -> String?
    {
        guard let image = image(uri: uri), image.isExpired(on: today) else { return nil }
        let reached =
            "the Vertex image \(uri) reached its end of availability on \(image.endOfAvailability) "
            + "(read \(image.read) from \(image.source)); Vertex may refuse jobs that use it. "
        let current = images(for: framework).filter {
            !$0.isExpired(on: today) && !RuntimePython.isOlder($0.python, than: requiresPython)
        }
        if let replacement = current.max(by: { $0.endOfAvailability < $1.endOfAvailability }) {
            return reached + "A current one: --image \(replacement.uri) "
                + "(available until \(replacement.endOfAvailability))"
        }
        return reached
            + "No image in relna-pack's table is current on \(today): look up a current one on that page, "
            + "pass it with --image URI, and update Templates/_shared/executor-images.yaml"
    }

    /// `yyyy-MM-dd` for `date` in UTC: what "today" means for end-of-availability dates.
    ///
    /// Arithmetic on the proleptic Gregorian calendar (Hinnant's `civil_from_days`) instead of
    /// Foundation's `Calendar`, whose first use cost every `build` close to a millisecond.
    public static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// `2026-07-11`: four digits, two, two, dash-separated.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2]
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
