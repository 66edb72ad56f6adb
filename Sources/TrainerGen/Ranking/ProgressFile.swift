/// Reads a trainer's `progress.csv`: a header naming the columns (`episode,steps,return,wall_time_s`;
/// extra columns are ignored, order is taken from the header), then one row per training episode.
enum ProgressFile {
    static func parse(_ bytes: [UInt8], path: String) throws(SkippedRun) -> [ProgressPoint] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure(path, 0, "not valid UTF-8 text")
        }
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw failure(path, 0, "empty file; expected a header line")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingSpaces
        }
        func column(_ name: String, required: Bool) throws(SkippedRun) -> Int? {
            if let index = header.firstIndex(of: Substring(name)) { return index }
            if required {
                throw failure(
                    path, 1, "the header has no '\(name)' column (expected episode,steps,return,wall_time_s)")
            }
            return nil
        }
        let stepsColumn = try column("steps", required: true) ?? 0
        let returnColumn = try column("return", required: true) ?? 0
        let episodeColumn = try column("episode", required: false)
        let wallColumn = try column("wall_time_s", required: false)

        var points: [ProgressPoint] = []
        points.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            if line.allSatisfy({ $0 == " " }) {
                throw failure(path, lineNumber, "blank line inside the data")
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw failure(
                    path, lineNumber,
                    "expected \(header.count) fields as in the header, found \(fields.count)")
            }
            func number(_ index: Int, allowNaN: Bool = false) throws(SkippedRun) -> Double {
                let field = fields[index]
                guard let value = Double(field.trimmingSpaces), value.isFinite || allowNaN && value.isNaN
                else {
                    let columnNumber = fields[..<index].reduce(1) { $0 + $1.unicodeScalars.count + 1 }
                    throw failure(
                        path, lineNumber, columnNumber,
                        "'\(header[index])' must be a finite number, found '\(field)'")
                }
                return value
            }
            let steps = try number(stepsColumn)
            // The trainers write "nan" for an episode whose return was not a number; it has no point
            // on the curve but does not make the run unusable.
            let episodeReturn = try number(returnColumn, allowNaN: true)
            if episodeReturn.isNaN { continue }
            let episode = try episodeColumn.map { index throws(SkippedRun) in try number(index) }
            let wall = try wallColumn.map { index throws(SkippedRun) in try number(index) }
            points.append(
                ProgressPoint(
                    episode: episode.map { Int(exactly: $0.rounded()) ?? points.count + 1 } ?? points.count
                        + 1,
                    steps: steps, episodeReturn: episodeReturn, wallTimeSeconds: wall))
        }
        return points
    }

    private static func failure(_ path: String, _ line: Int, _ message: String) -> SkippedRun {
        failure(path, line, 0, message)
    }

    private static func failure(_ path: String, _ line: Int, _ column: Int, _ message: String) -> SkippedRun {
        SkippedRun(path: path, line: line, column: column, code: "rank-bad-progress", message: message)
    }
}

extension Substring {
    /// The text without leading or trailing spaces (CSV writers sometimes pad after commas).
    fileprivate var trimmingSpaces: Substring {
        var result = self
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return result
    }
}
