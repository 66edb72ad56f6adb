/// Reads a trainer's `progress.csv`: a header naming the columns (`episode,steps,return,wall_time_s`;
/// extra columns are ignored, order is taken from the header), then one row per training episode.
///
/// Works on the UTF-8 bytes (lines end in `\n` or `\r\n`): a long run has tens of thousands of rows,
/// and rank reads hundreds of runs.
enum ProgressFile {
    static func parse(_ bytes: [UInt8], path: String) throws(SkippedRun) -> [ProgressPoint] {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw failure(path, 0, "not valid UTF-8 text")
        }
        let lines = lineRanges(bytes)
        guard let headerRange = lines.first else {
            throw failure(path, 0, "empty file; expected a header line")
        }
        let header = String(decoding: bytes[headerRange], as: UTF8.self)
            .split(separator: ",", omittingEmptySubsequences: false).map {
                String(decoding: trimmed($0.utf8), as: UTF8.self)
            }
        func column(_ name: String, required: Bool) throws(SkippedRun) -> Int? {
            if let index = header.firstIndex(of: name) { return index }
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
        var fields: [Range<Int>] = []
        for (offset, range) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            if bytes[range].allSatisfy({ $0 == UInt8(ascii: " ") }) {
                throw failure(path, lineNumber, "blank line inside the data")
            }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = range.lowerBound
            for index in range where bytes[index] == UInt8(ascii: ",") {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            fields.append(fieldStart..<range.upperBound)
            guard fields.count == header.count else {
                throw failure(
                    path, lineNumber,
                    "expected \(header.count) fields as in the header, found \(fields.count)")
            }
            func number(_ index: Int, allowNaN: Bool = false) throws(SkippedRun) -> Double {
                let field = bytes[fields[index]]
                let text = String(decoding: trimmed(field), as: UTF8.self)
                guard let value = Double(text), value.isFinite || allowNaN && value.isNaN else {
                    // Columns count Unicode scalars: skip UTF-8 continuation bytes before the field.
                    let column = bytes[range.lowerBound..<fields[index].lowerBound].reduce(1) {
                        $1 & 0xC0 == 0x80 ? $0 : $0 + 1
                    }
                    throw failure(
                        path, lineNumber, column,
                        "'\(header[index])' must be a finite number, found '\(String(decoding: field, as: UTF8.self))'"
                    )
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
                    episode: episode.flatMap { Int(exactly: $0.rounded()) } ?? points.count,
                    steps: steps, episodeReturn: episodeReturn, wallTimeSeconds: wall))
        }
        return points
    }

    /// The byte ranges of the lines, without their `\n` or `\r\n`; a final line needs no terminator.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        func close(_ end: Int) {
            let stop = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            ranges.append(start..<stop)
        }
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            close(index)
            start = index + 1
        }
        if start < bytes.count { close(bytes.count) }
        return ranges
    }

    /// The bytes without leading or trailing spaces (CSV writers sometimes pad after commas).
    private static func trimmed<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Bytes.SubSequence
    where Bytes.Element == UInt8 {
        var slice = bytes[...]
        while slice.first == UInt8(ascii: " ") { slice.removeFirst() }
        while slice.last == UInt8(ascii: " ") { slice.removeLast() }
        return slice
    }

    private static func failure(_ path: String, _ line: Int, _ message: String) -> SkippedRun {
        failure(path, line, 0, message)
    }

    private static func failure(_ path: String, _ line: Int, _ column: Int, _ message: String) -> SkippedRun {
        SkippedRun(path: path, line: line, column: column, code: "rank-bad-progress", message: message)
    }
}
