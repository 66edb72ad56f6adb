/// A filter's implementation: one function per filter, as in Jinja2's `FILTERS` table.
typealias FilterFunction = (Renderer, FilterCall) throws(TemplateError) -> Value

extension Filter {
    /// The table of filters (`filters.py`'s `FILTERS`); the switch makes a filter without one a
    /// compile error. Aliases (`d`, `count`) resolve to their filter when parsing.
    var function: FilterFunction {
        switch self {
        case .abs: return { try $0.absFilter($1) }
        case .capitalize: return { try $0.capitalizeFilter($1) }
        case .center: return { try $0.centerFilter($1) }
        case .default: return { try $0.defaultFilter($1) }
        case .dictsort: return { try $0.dictsortFilter($1) }
        case .first, .last: return { try $0.endFilter($1) }
        case .float: return { try $0.floatFilter($1) }
        case .format: return { try $0.formatFilter($1) }
        case .indent: return { try $0.indentFilter($1) }
        case .int: return { try $0.intFilter($1) }
        case .items: return { try $0.itemsFilter($1) }
        case .join: return { try $0.joinFilter($1) }
        case .length: return { try $0.lengthFilter($1) }
        case .list: return { try $0.listFilter($1) }
        case .lower: return { try $0.lowerFilter($1) }
        case .map: return { try $0.mapFilter($1) }
        case .max, .min: return { try $0.extremeFilter($1) }
        case .pyident: return { try $0.pyidentFilter($1) }
        case .pyrepr: return { try $0.pyreprFilter($1) }
        case .reject, .rejectattr, .select, .selectattr: return { try $0.selectFilter($1) }
        case .replace: return { try $0.replaceFilter($1) }
        case .reverse: return { try $0.reverseFilter($1) }
        case .round: return { try $0.roundFilter($1) }
        case .snakeCase: return { try $0.snakeCaseFilter($1) }
        case .sort: return { try $0.sortFilter($1) }
        case .string: return { try $0.stringFilter($1) }
        case .sum: return { try $0.sumFilter($1) }
        case .title: return { try $0.titleFilter($1) }
        case .tojson: return { try $0.tojsonFilter($1) }
        case .trim: return { try $0.trimFilter($1) }
        case .truncate: return { try $0.truncateFilter($1) }
        case .unique: return { try $0.uniqueFilter($1) }
        case .upper: return { try $0.upperFilter($1) }
        case .wordcount: return { try $0.wordcountFilter($1) }
        }
    }

    /// Filters whose input may be undefined (Jinja2's StrictUndefined lets these two look at it).
    var acceptsUndefined: Bool { self == .default || self == .items }
}

extension Renderer {
    func applyFilter(
        _ filter: Filter, _ input: Value, _ positional: [Value], _ keywords: [(name: String, value: Value)],
        at offset: Int
    ) throws(TemplateError) -> Value {
        let checked = filter.acceptsUndefined ? input : try defined(input)
        return try filter.function(
            self,
            FilterCall(
                filter: filter, input: checked, positional: positional, keywords: keywords, offset: offset))
    }

    /// Binds a filter call's arguments to the filter's parameters.
    func bind(_ call: FilterCall, _ parameters: [String]) throws(TemplateError) -> Bound {
        try bind(call.name, parameters, call.positional, call.keywords, at: call.offset)
    }
}
