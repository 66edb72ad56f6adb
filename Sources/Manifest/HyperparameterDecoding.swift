import RelnaYAML

extension ManifestDecoder {
    static func decodeHyperparameters(_ node: YAMLNode, _ reader: inout NodeReader) -> [Hyperparameter] {
        guard let items = reader.sequence(node, "hyperparameters") else { return [] }
        // The ones read, even when others are not: environments' defaults are still checked against them.
        var complete = true
        return decodeNamed(
            items, "hyperparameters", "hyperparameter", name: \.name, &reader, complete: &complete,
            decodeHyperparameter)
    }

    private static func decodeHyperparameter(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader)
        -> Hyperparameter?
    {
        guard
            let map = reader.mapping(
                node, path,
                known: ["name", "type", "default", "min", "max", "scale", "choices", "help", "budget"],
                required: ["name", "type", "default"])
        else { return nil }
        let name = identifier(map["name"], "\(path).name", &reader)
        guard
            let type = map["type"].flatMap({
                reader.choice($0, "\(path).type", Hyperparameter.ValueType.self)
            })
        else { return nil }
        var ok = true
        let defaultValue = map["default"].flatMap { value(of: type, $0, "\(path).default", &reader) }
        let numeric = type == .float || type == .int
        var bounds: [String: Double] = [:]
        for key in ["min", "max"] {
            guard let boundNode = map[key] else { continue }
            guard numeric else {
                reader.error(
                    "manifest-value", boundNode, "\(path).\(key)",
                    "only int and float hyperparameters have bounds")
                ok = false
                continue
            }
            if type == .int, reader.int(boundNode, "\(path).\(key)") == nil {
                ok = false
            } else if let number = reader.number(boundNode, "\(path).\(key)") {
                bounds[key] = number
            } else {
                ok = false
            }
        }
        if let low = bounds["min"], let high = bounds["max"], low > high, let maxNode = map["max"] {
            reader.error(
                "manifest-out-of-bounds", maxNode, "\(path).max",
                "max \(format(high)) is below min \(format(low))")
            ok = false
        }
        var scale: Hyperparameter.Scale?
        if let scaleNode = map["scale"] {
            if !numeric {
                reader.error(
                    "manifest-value", scaleNode, "\(path).scale",
                    "only int and float hyperparameters have a scale")
                ok = false
            } else if let value = reader.choice(scaleNode, "\(path).scale", Hyperparameter.Scale.self) {
                scale = value
            } else {
                ok = false
            }
        }
        var choices: [HyperValue] = []
        if let choicesNode = map["choices"], let items = reader.sequence(choicesNode, "\(path).choices") {
            for (index, item) in items.enumerated() {
                if let choice = value(of: type, item, "\(path).choices[\(index)]", &reader) {
                    choices.append(choice)
                } else {
                    ok = false
                }
            }
        }
        let help = map["help"].map { reader.string($0, "\(path).help", allowEmpty: true) } ?? ""
        var budget = false
        if let budgetNode = map["budget"] {
            if let flag = reader.bool(budgetNode, "\(path).budget") { budget = flag } else { ok = false }
        }
        guard ok, let name, let defaultValue, let help, let defaultNode = map["default"] else { return nil }
        if let problem = Hyperparameter.boundsProblem(
            defaultValue, min: bounds["min"], max: bounds["max"], choices: choices)
        {
            reader.error("manifest-out-of-bounds", defaultNode, "\(path).default", "default \(problem)")
            return nil
        }
        return Hyperparameter(
            name: name, type: type, defaultValue: defaultValue, min: bounds["min"], max: bounds["max"],
            scale: scale,
            choices: choices, help: help, budget: budget)
    }

    /// A scalar of the hyperparameter's type; an integer is accepted where a float is expected.
    static func value(
        of type: Hyperparameter.ValueType, _ node: YAMLNode, _ path: String, _ reader: inout NodeReader
    )
        -> HyperValue?
    {
        guard case .scalar(let text, let style) = node.content else {
            reader.error(
                "manifest-wrong-type", node, path,
                "expected \(type.phrase), found \(node.kindDescription)")
            return nil
        }
        switch (type, YAMLScalar.resolve(text, style: style)) {
        case (.float, .double(let value)) where value.isFinite: return .float(value)
        case (.float, .int(let value)): return .float(Double(value))
        case (.int, .int(let value)): return .int(value)
        case (.bool, .bool(let value)): return .bool(value)
        case (.str, .string), (.str, .int), (.str, .double):
            return reader.string(node, path, allowEmpty: true).map(HyperValue.str)
        default:
            reader.error(
                "manifest-wrong-type", node, path,
                "expected \(type.phrase), found \(node.kindDescription)")
            return nil
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
    }
}

extension Hyperparameter.ValueType {
    /// `a float`, `an int`, … for messages.
    public var phrase: String { self == .int ? "an int" : "a \(rawValue)" }
}

extension Hyperparameter {
    /// Why `value` breaks this hyperparameter's bounds or choices, or nil when it is allowed.
    public func problem(with value: HyperValue) -> String? {
        Self.boundsProblem(value, min: min, max: max, choices: choices)
    }

    static func boundsProblem(_ value: HyperValue, min: Double?, max: Double?, choices: [HyperValue])
        -> String?
    {
        if let number = value.number {
            if let min, number < min { return "\(value) is below the minimum \(ManifestDecoder.format(min))" }
            if let max, number > max { return "\(value) is above the maximum \(ManifestDecoder.format(max))" }
        }
        if !choices.isEmpty, !choices.contains(value) {
            return "\(value) is not one of the choices " + choices.map(\.description).joined(separator: ", ")
        }
        return nil
    }
}
