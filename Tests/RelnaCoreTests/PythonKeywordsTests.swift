import RelnaCore
import Testing

@Suite struct PythonKeywordsTests {
    /// `keyword.kwlist` of Python 3.9 to 3.13: 35 hard keywords; soft keywords stay usable names.
    @Test func holdsTheHardKeywordsOnly() {
        #expect(PythonKeywords.all.count == 35)
        #expect(PythonKeywords.all.isSuperset(of: ["None", "lambda", "nonlocal", "async", "await"]))
        #expect(PythonKeywords.all.isDisjoint(with: ["match", "case", "type", "_", "print"]))
    }
}
