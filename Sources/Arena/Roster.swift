import Foundation

/// `roster.csv` in the submissions folder: `id,name` rows (a header row `id,...` is skipped) that
/// give the leaderboard display names. Quoted fields follow RFC 4180; other columns are ignored.
public struct Roster: Sendable, Hashable {
    public var names: [String: String]

    public init(names: [String: String] = [:]) {
        self.names = names
    }

    public static let fileName = "roster.csv"

    /// The roster of `folder`, empty when it has none or it is not UTF-8.
    public static func load(folder: String) -> Roster {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
            let text = String(data: data, encoding: .utf8)
        else { return Roster() }
        return parse(text)
    }

    public static func parse(_ text: String) -> Roster {
        var names: [String: String] = [:]
        for (index, row) in rows(text).enumerated() where row.count >= 2 {
            let id = row[0].trimmingCharacters(in: .whitespaces)
            let name = row[1].trimmingCharacters(in: .whitespaces)
            if index == 0, id.lowercased() == "id" { continue }
            if !id.isEmpty, !name.isEmpty { names[id] = name }
        }
        return Roster(names: names)
    }

    /// RFC 4180 rows: fields split at commas outside quotes, `""` inside quotes is one quote.
    static func rows(_ text: String) -> [[String]] {
        let characters = Array(text)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted, character == "\"" {
                if index < characters.count, characters[index] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else if quoted {
                field.append(character)
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character.isNewline {
                row.append(field)
                if row != [""] { rows.append(row) }
                (row, field) = ([], "")
            } else {
                field.append(character)
            }
        }
        row.append(field)
        if row != [""] { rows.append(row) }
        return rows
    }
}
