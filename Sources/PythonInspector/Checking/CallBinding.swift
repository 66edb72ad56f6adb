/// Whether a call the trainer makes can bind to a function's parameters, decided the way Python binds
/// arguments (positional-only, defaults, `*args`, keyword-only, `**kwargs`), with the reason in words.
enum CallBinding {
    /// The first reason the call cannot bind, or nil when it binds.
    ///
    /// `params` are the parameters left after an implicit first argument (`self`, `cls`) is bound.
    static func problem(call: CallSpec, params: [PythonParameter], callee: String) -> String? {
        let positional = params.filter { $0.kind == .positionalOnly || $0.kind == .positionalOrKeyword }
        let hasVarPositional = params.contains { $0.kind == .varPositional }
        let hasVarKeyword = params.contains { $0.kind == .varKeyword }
        let args = call.args
        if args.count > positional.count && !hasVarPositional {
            return "`\(callee)` is called with \(count(args.count, "positional argument"))"
                + "\(list(args)) but accepts \(positional.count)"
        }
        var bound = Set(positional.prefix(args.count).map(\.name))
        for keyword in call.kwargs {
            if bound.contains(keyword) {
                return "`\(callee)` gets `\(keyword)` twice: as a positional argument and as a keyword"
            }
            if let param = params.first(where: { $0.name == keyword && $0.kind != .varPositional }),
                param.kind != .varKeyword
            {
                if param.kind == .positionalOnly && !hasVarKeyword {
                    return
                        "`\(callee)` is called with the keyword argument `\(keyword)`, but `\(keyword)` is "
                        + "positional-only (it comes before `/`)"
                }
                if param.kind != .positionalOnly { bound.insert(keyword) }
                continue
            }
            if !hasVarKeyword {
                return "`\(callee)` is called with the keyword argument `\(keyword)` but has no parameter "
                    + "`\(keyword)` (and no `**kwargs`)"
            }
        }
        let missing = params.filter {
            ($0.kind == .positionalOnly || $0.kind == .positionalOrKeyword || $0.kind == .keywordOnly)
                && !$0.hasDefault && !bound.contains($0.name)
        }
        if !missing.isEmpty {
            let names = missing.map { "`\($0.name)`" }.joined(separator: ", ")
            let passed = args.count + call.kwargs.count
            return "`\(callee)` requires \(names), which the trainer does not pass (it passes "
                + "\(count(passed, "argument"))\(list(args + call.kwargs)))"
        }
        return nil
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "" : " (\(names.joined(separator: ", ")))"
    }

    /// `def name(self, a, b, *, k=None):` — a signature that accepts the call.
    static func suggestedSignature(name: String, call: CallSpec, implicit: String?) -> String {
        var parts: [String] = []
        if let implicit { parts.append(implicit) }
        parts += call.args
        if !call.kwargs.isEmpty {
            parts.append("*")
            parts += call.kwargs.map { "\($0)=None" }
        }
        return "def \(name)(\(parts.joined(separator: ", "))):"
    }
}
