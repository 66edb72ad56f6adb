// libFuzzer entry point over the Python inspector: tokenizer, scanner and entry-point checker on
// arbitrary bytes. Built outside SwiftPM by scripts/fuzz-inspector (swiftc -sanitize=fuzzer,address)
// against the PythonInspector module it exercises. A crash, a failed invariant below, or a slow
// input (libFuzzer's -timeout) is a finding.

import PythonInspector

let specs: [EntryPointSpec] = [
    EntryPointSpec(
        name: "QNetwork", kind: .class, call: CallSpec(args: ["observation_space", "action_space"]),
        methods: [
            MethodSpec(name: "predict", call: CallSpec(args: ["observations"])),
            MethodSpec(
                name: "update", call: CallSpec(args: ["observations", "actions", "targets"], kwargs: ["w"])),
        ]),
    EntryPointSpec(
        name: "preprocess", kind: .function, required: false, call: CallSpec(args: ["observation"])),
    EntryPointSpec(name: "HYPERPARAMS", kind: .constant, required: false),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInspector(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if case .success(let stream) = PythonInspector.tokenize(bytes) {
        // Tokens stay inside the input and come in order.
        var previous = 0
        for token in stream.tokens {
            precondition(
                token.start >= previous && token.start <= token.end && token.end <= stream.bytes.count)
            precondition(token.startLine >= 1 && token.endLine >= token.startLine && token.startColumn >= 0)
            previous = token.start
        }
        precondition(stream.tokens.last?.kind == .endmarker)
    }
    let scan = PythonInspector.scan(bytes, path: "fuzz.py")
    let limits = AgentLimits(maxLines: 20, allowedThirdPartyModules: ["numpy"])
    let diagnostics = scan.diagnostics + EntryPointChecker.check(scan, entryPoints: specs, limits: limits)
    precondition(scan.diagnostics.filter { $0.severity == .error }.count <= 2)
    for diagnostic in diagnostics {
        precondition(diagnostic.line >= 0 && diagnostic.column >= 0)
        _ = diagnostic.formatted(source: scan.source)
    }
    return 0
}
