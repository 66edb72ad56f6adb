/// The filters the template language knows; unknown names are rejected when parsing.
enum Filter: String, Sendable, CaseIterable {
    case abs, capitalize, center, `default`, dictsort, first, float, format, indent, int, join, last,
        length, list, lower, map, max, min, reject, rejectattr, replace, reverse, round, select, selectattr,
        sort, string, sum, title, tojson, trim, truncate, unique, upper, wordcount, items
    case pyrepr, pyident
    case snakeCase = "snake_case"

    static let aliases: [String: Filter] = ["d": .default, "count": .length]

    static func named(_ name: String) -> Filter? {
        Filter(rawValue: name) ?? aliases[name]
    }

    static var allNames: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }
}
