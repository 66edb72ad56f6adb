import Foundation
import TemplateEngine

// libFuzzer entry point: parse, analyse and render arbitrary bytes as a template, and decode them
// as JSON.
// Built by scripts/fuzz-templates against the TemplateEngine module (outside SwiftPM's targets).

private let fuzzContext: TemplateDictionary = [
    "name": "relna", "n": 7, "x": 2.5, "flag": true, "nothing": nil, "items": ["b", "a", "C"],
    "nums": [3, 1, -2], "d": ["b": 2, "a": ["k": "v"]], "s": "it's \"q\" \\ \n",
]

private let fuzzLimits = TemplateLimits(
    includeDepth: 8, recursionDepth: 16, loopIterations: 20_000, outputBytes: 1 << 18)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    // The template can include itself and a helper, to exercise include depth and chains.
    let environment = TemplateEnvironment(
        loader: DictionaryLoader(["self.j2": text, "helper.j2": "{{ name }}{% include 'self.j2' %}"]),
        limits: fuzzLimits)
    do {
        let template = try environment.template(named: "self.j2")
        _ = template.freeVariables
        // The analysis locates inside the template and finds every free variable.
        let analysis = template.analysis()
        for use in analysis.freeVariables + analysis.variables + analysis.attributes + analysis.filters
        where use.line < 0 || use.column < 0 {
            fatalError("a use without a location: \(use)")
        }
        if Set(analysis.freeVariables.map(\.name)) != template.freeVariables {
            fatalError("the analysis and freeVariables disagree")
        }
        _ = try environment.render(template, context: fuzzContext)
    } catch {
        // Every error must be located inside the template (or name it as a whole).
        if error.line < 0 || error.column < 0 { fatalError("error without a location: \(error)") }
        _ = error.description
    }
    _ = try? TemplateValue(jsonData: Data(bytes))
    return 0
}
