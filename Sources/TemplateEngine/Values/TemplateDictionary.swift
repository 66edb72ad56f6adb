/// A String-keyed dictionary that keeps insertion order, as Python's `dict` does.
///
/// Equality ignores order (as in Python); iteration, `keys` and printing follow insertion order.
public struct TemplateDictionary: Sendable, Hashable, Sequence {
    public private(set) var keys: [String]
    public private(set) var values: [TemplateValue]
    private var index: [String: Int]

    public init() {
        keys = []
        values = []
        index = [:]
    }

    /// Later duplicates replace the value but keep the first position, like a Python dict display.
    public init(_ pairs: [(String, TemplateValue)]) {
        self.init()
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        index.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> TemplateValue? {
        get {
            // Small dictionaries are faster to scan than to hash.
            if keys.count <= 8 {
                for position in keys.indices where keys[position] == key { return values[position] }
                return nil
            }
            return index[key].map { values[$0] }
        }
        set {
            if let position = index[key] {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
                }
            } else if let newValue {
                index[key] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public func contains(key: String) -> Bool { index[key] != nil }

    public func makeIterator() -> Zip2Sequence<[String], [TemplateValue]>.Iterator {
        zip(keys, values).makeIterator()
    }

    public static func == (lhs: TemplateDictionary, rhs: TemplateDictionary) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs where rhs[key] != value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with ==.
        var sum = 0
        for (key, value) in self {
            var pair = Hasher()
            pair.combine(key)
            pair.combine(value)
            sum = sum &+ pair.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension TemplateDictionary: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }
}
