/// One application of a filter, as each filter function receives it.
struct FilterCall {
    let filter: Filter
    /// Checked to be defined, unless the filter accepts an undefined input (`default`, `items`).
    let input: Value
    let positional: [Value]
    let keywords: [(name: String, value: Value)]
    let offset: Int

    /// The canonical name (`length` for `count`), as error messages give it.
    var name: String { filter.rawValue }
}
