import RelnaCore

/// Signatures: how each entry point's functions, classes and methods are called, and what they return.
extension CheckContext {
    /// `implicit` is the parameter Python fills itself (`self` or `cls`), if any.
    mutating func checkFunction(_ function: PythonFunction, call: CallSpec, callee: String, implicit: String?)
    {
        if function.isAsync {
            add(
                .error, "async-entry-point", line: function.line, column: function.column,
                "the trainer calls `\(callee)` synchronously, but `async def` makes it return a coroutine",
                hint: "remove `async`")
        }
        var params = function.params
        if let implicit {
            guard let first = params.first, first.kind != .keywordOnly, first.kind != .varKeyword else {
                missingSelf(
                    function, call: call, implicit: implicit,
                    "method `\(callee)` has no parameter for the instance (`\(implicit)`)")
                return
            }
            if first.kind != .varPositional { params.removeFirst() }
        }
        guard let reason = CallBinding.problem(call: call, params: params, callee: callee) else { return }
        // A method that forgot `self`: the call would bind if Python did not pass the instance.
        if let implicit, let first = function.params.first, first.name != "self", first.name != "cls",
            CallBinding.problem(call: call, params: function.params, callee: callee) == nil
        {
            missingSelf(
                function, call: call, implicit: implicit,
                "method `\(callee)` takes `\(first.name)` first, but Python passes the instance there")
            return
        }
        add(
            .error, "signature-mismatch", line: function.line, column: function.column, reason,
            hint:
                "define it as `\(CallBinding.suggestedSignature(name: function.name, call: call, implicit: implicit))`"
        )
    }

    /// A method without a parameter for the instance Python passes (`self` or `cls`, `implicit`).
    private mutating func missingSelf(
        _ function: PythonFunction, call: CallSpec, implicit: String, _ message: String
    ) {
        add(
            .error, "missing-self", line: function.line, column: function.column, message,
            hint: "add `\(implicit)` as the first parameter: "
                + "`\(CallBinding.suggestedSignature(name: function.name, call: call, implicit: implicit))`")
    }

    mutating func checkClass(_ type: PythonClass, _ spec: EntryPointSpec) {
        let externalBases = type.bases.filter { base in
            base != "object" && !base.contains("=") && !scan.module.classes.contains { $0.name == base }
        }
        // The constructor: `__init__` here or in a base defined in this file.
        if let initializer = method("__init__", of: type) {
            checkMethod(initializer, call: spec.call, callee: "\(spec.name)()")
        } else if externalBases.isEmpty && method("__new__", of: type) == nil
            && !(spec.call.args.isEmpty && spec.call.kwargs.isEmpty)
        {
            add(
                .error, "signature-mismatch", line: type.line, column: type.column,
                "`\(spec.name)()` is called with "
                    + "\(CallBinding.count(spec.call.args.count + spec.call.kwargs.count, "argument"))"
                    + "\(CallBinding.list(spec.call.args + spec.call.kwargs)) but the class defines no `__init__`",
                hint:
                    "define `\(CallBinding.suggestedSignature(name: "__init__", call: spec.call, implicit: "self"))`"
            )
        }
        for methodSpec in spec.methods {
            guard let function = method(methodSpec.name, of: type) else {
                missingMethod(methodSpec, of: type, spec: spec, externalBases: externalBases)
                continue
            }
            checkMethod(function, call: methodSpec.call, callee: methodSpec.name)
            checkReturn(function, methodSpec, of: spec)
        }
    }

    /// A method whose contract has `returns:` but whose body only ever gives back `None`.
    mutating func checkReturn(_ function: PythonFunction, _ methodSpec: MethodSpec, of spec: EntryPointSpec) {
        guard let returns = methodSpec.returns, !function.givesValue else { return }
        let word = returns.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? returns : "result"
        add(
            .error, "missing-return", line: function.line, column: function.column,
            "`\(spec.name).\(methodSpec.name)` never returns a value, but the trainer expects it to return `\(returns)`; "
                + "every call returns None",
            hint: "end it with `return \(word)`")
    }

    mutating func missingMethod(
        _ methodSpec: MethodSpec, of type: PythonClass, spec: EntryPointSpec, externalBases: [String]
    ) {
        guard methodSpec.required else { return }
        let signature = CallBinding.suggestedSignature(
            name: methodSpec.name, call: methodSpec.call, implicit: "self")
        // A method the contract declares itself (get_params beside a missing set_params) is not a typo.
        let declared = Set(spec.methods.map(\.name))
        if let near = DidYouMean.suggest(
            methodSpec.name, among: type.methods.map(\.name).filter { !declared.contains($0) }),
            let function = type.methods.last(where: { $0.name == near })
        {
            add(
                .error, "missing-method", line: function.line, column: function.column,
                "class `\(spec.name)` has no method `\(methodSpec.name)`; did you mean `\(near)`?",
                hint: "rename `\(near)` to `\(methodSpec.name)`")
            return
        }
        if !externalBases.isEmpty {
            add(
                .warning, "inherited-method", line: type.line, column: type.column,
                "class `\(spec.name)` does not define `\(methodSpec.name)`; it must come from "
                    + externalBases.map { "`\($0)`" }.joined(separator: ", "),
                hint: "define `\(signature)` in the class to be sure")
            return
        }
        add(
            .error, "missing-method", line: type.line, column: type.column,
            "class `\(spec.name)` has no method `\(methodSpec.name)`"
                + (methodSpec.doc.isEmpty ? "" : ": \(methodSpec.doc)"),
            hint: "define `\(signature)`")
    }

    /// A method as Python finds it on the class: the last definition in its body, else in a base
    /// class defined in this file (depth first, each class looked at once, so base cycles end).
    func method(_ name: String, of type: PythonClass) -> PythonFunction? {
        var visited: Set<String> = []
        var pending = [type]
        while let current = pending.popLast() {
            guard visited.insert(current.name).inserted else { continue }
            if let found = current.methods.last(where: { $0.name == name }) { return found }
            for base in current.bases.reversed() where !visited.contains(base) {
                if let parent = scan.module.classes.last(where: { $0.name == base }) {
                    pending.append(parent)
                }
            }
        }
        return nil
    }

    /// Binds a method call, taking `@staticmethod`, `@classmethod` and `@property` into account.
    mutating func checkMethod(_ function: PythonFunction, call: CallSpec, callee: String) {
        let decorators = Set(function.decorators.map { $0.split(separator: ".").last.map(String.init) ?? $0 })
        if decorators.contains("property") || decorators.contains("cached_property") {
            add(
                .error, "property-entry-point", line: function.line, column: function.column,
                "`\(callee)` is a property, but the trainer calls it as a method",
                hint: "remove `@\(decorators.contains("property") ? "property" : "cached_property")`")
            return
        }
        let implicit: String?
        if decorators.contains("staticmethod") {
            implicit = nil
        } else if decorators.contains("classmethod") {
            implicit = "cls"
        } else {
            implicit = "self"
        }
        checkFunction(function, call: call, callee: callee, implicit: implicit)
    }
}
