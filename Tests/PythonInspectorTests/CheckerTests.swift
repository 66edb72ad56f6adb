import Foundation
import PythonInspector
import RelnaCore
import TestSupport
import Testing

/// The entry-point checker against a DQN-like contract (as Templates/dqn/manifest.yaml declares it).
@Suite struct CheckerTests {
    static let dqn: [EntryPointSpec] = [
        EntryPointSpec(
            name: "QNetwork", kind: .class, call: CallSpec(args: ["observation_space", "action_space"]),
            methods: [
                MethodSpec(name: "predict", call: CallSpec(args: ["observations"])),
                MethodSpec(name: "update", call: CallSpec(args: ["observations", "actions", "targets"])),
                MethodSpec(name: "get_weights", required: false),
            ]),
        EntryPointSpec(
            name: "preprocess", kind: .function, required: false, call: CallSpec(args: ["observation"])),
        EntryPointSpec(name: "HYPERPARAMS", kind: .constant, required: false),
    ]
    static let numpy = AgentLimits(allowedThirdPartyModules: ["numpy"])

    func check(
        _ source: String, specs: [EntryPointSpec] = CheckerTests.dqn, limits: AgentLimits = CheckerTests.numpy
    ) -> [Diagnostic] {
        let scan = PythonInspector.scan(Array(source.utf8), path: "agent.py")
        return scan.diagnostics + EntryPointChecker.check(scan, entryPoints: specs, limits: limits)
    }

    func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code) }

    @Test func goodAgentPasses() throws {
        let bytes = [UInt8](try Data(contentsOf: PythonOracle.fixture("checker/good_agent.py")))
        let scan = PythonInspector.scan(bytes, path: "good_agent.py")
        #expect(scan.diagnostics.isEmpty)
        #expect(EntryPointChecker.check(scan, entryPoints: Self.dqn, limits: Self.numpy).isEmpty)
    }

    @Test func misspelledNamesGetDidYouMeanAtTheirDefinition() throws {
        let bytes = [UInt8](try Data(contentsOf: PythonOracle.fixture("checker/misspelled_agent.py")))
        let scan = PythonInspector.scan(bytes, path: "misspelled_agent.py")
        let found = EntryPointChecker.check(scan, entryPoints: Self.dqn, limits: Self.numpy)
        #expect(codes(found) == ["missing-entry-point", "misspelled-entry-point"])
        #expect(found.map(\.line) == [4, 15] && found.map(\.column) == [1, 1])
        #expect(found[0].hint == "rename `QNetwrk` to `QNetwork`")
        #expect(found[0].severity == .error && found[1].severity == .warning)
        let function = EntryPointSpec(name: "build_q_network", kind: .function)
        let near = check("def build_qnetwork():\n    pass\n", specs: [function])
        #expect(near.first?.message.contains("did you mean `build_qnetwork`?") == true)
        // A swap of neighbouring letters is one edit (it used to be two, and too far for a suggestion).
        let swapped = check(
            """
            class QNetwork:
                def __init__(self, observation_space, action_space):
                    pass
                def predict(self, observations):
                    pass
                def udpate(self, observations, actions, targets):
                    pass

            """)
        #expect(
            swapped.contains {
                $0.message.contains("did you mean `update`?") || ($0.hint ?? "").contains("`update`")
            })
        // At the misspelled method's own `def` line, not at the class.
        #expect(
            swapped.first { $0.code == "missing-method" }.map { ($0.line, $0.column) } ?? (0, 0) == (6, 5))
    }

    /// A declared method is never offered as another declared method's misspelling (issue 14 §7).
    @Test func aDeclaredNameIsNotAnotherOnesTypo() {
        let params = [
            EntryPointSpec(
                name: "Model", kind: .class,
                methods: [
                    MethodSpec(name: "get_params"),
                    MethodSpec(name: "set_params", call: CallSpec(args: ["p"])),
                ]),
            EntryPointSpec(name: "Model2", kind: .class, required: true),
        ]
        let found = check("class Model:\n    def get_params(self):\n        return 1\n", specs: params)
        let method = found.first { $0.code == "missing-method" }
        #expect(method?.line == 1 && method?.hint == "define `def set_params(self, p):`")
        #expect(found.first { $0.code == "missing-entry-point" }?.message.contains("did you mean") == false)
    }

    /// A method whose contract has `returns:` but whose body only gives back None (issue 14 §4).
    @Test func missingReturnIsAnErrorAtTheDefLine() {
        let policy = [
            EntryPointSpec(
                name: "Policy", kind: .class,
                methods: [
                    MethodSpec(name: "act", call: CallSpec(args: ["observation"]), returns: "action"),
                    MethodSpec(name: "update", call: CallSpec(args: ["batch"])),
                ])
        ]
        let found = check(
            """
            class Policy:
                def act(self, observation):
                    action = 0
                    def helper():
                        return 1
                    if observation is None:
                        return
                    return None
                def update(self, batch):
                    pass

            """, specs: policy)
        #expect(codes(found) == ["missing-return"])
        #expect(found.first.map { ($0.line, $0.column) } ?? (0, 0) == (2, 5))
        #expect(
            found.first?.message
                == "`Policy.act` never returns a value, but the trainer expects it to return `action`; every call returns None"
        )
        #expect(found.first?.hint == "end it with `return action`")
        for body in [
            "return action", "yield 1", "raise NotImplementedError", "if x: return 1", "return (\n 1)",
        ] {
            let source =
                "class Policy:\n    def act(self, observation):\n        \(body)\n    def update(self, b):\n        pass\n"
            #expect(check(source, specs: policy).isEmpty, "\(body)")
        }
    }

    @Test func missingWithoutNearNameShowsWhatToWrite() {
        let found = check("x = 1\n")
        #expect(codes(found) == ["missing-entry-point"])
        #expect(found.first?.line == 0)
        #expect(found.first?.hint?.contains("def __init__(self, observation_space, action_space):") == true)
    }

    @Test func signatureThatCannotAcceptTheCall() {
        let found = check(
            """
            class QNetwork:
                def __init__(self, observation_space, action_space): pass
                def predict(self, observations): pass
                def update(self, observations, actions): pass

            """)
        #expect(codes(found) == ["signature-mismatch"])
        #expect(
            found.first?.message
                == "`update` is called with 3 positional arguments (observations, actions, targets) but accepts 2"
        )
        #expect(found.first?.line == 4 && found.first?.column == 5)
        #expect(found.first?.hint == "define it as `def update(self, observations, actions, targets):`")
    }

    @Test func bindingFollowsPython() {
        let accepting = [
            "def f(a, b=1, *args, c=2, **kw): pass", "def f(*args): pass", "def f(a, /, b=0, *, k=3): pass",
            "def f(observation, extra=None): pass",
        ]
        let spec = EntryPointSpec(name: "f", kind: .function, call: CallSpec(args: ["observation"]))
        for source in accepting { #expect(check(source + "\n", specs: [spec]).isEmpty, "\(source)") }
        let keywords = EntryPointSpec(
            name: "f", kind: .function, call: CallSpec(args: ["x"], kwargs: ["seed"]))
        #expect(check("def f(x, *, seed): pass\n", specs: [keywords]).isEmpty)
        #expect(check("def f(x, **options): pass\n", specs: [keywords]).isEmpty)
        #expect(codes(check("def f(x): pass\n", specs: [keywords])) == ["signature-mismatch"])
        #expect(codes(check("def f(x, seed, /): pass\n", specs: [keywords])) == ["signature-mismatch"])
        let missing = check("def f(x, y, *, seed, z): pass\n", specs: [keywords])
        #expect(missing.first?.message.contains("requires `y`, `z`") == true)
    }

    @Test func methodsForgettingSelfAsyncAndDecorators() {
        let found = check(
            """
            class QNetwork:
                def __init__(self, observation_space, action_space): pass
                def predict(observations): pass
                async def update(self, observations, actions, targets): pass

            """)
        #expect(codes(found) == ["missing-self", "async-entry-point"])
        #expect(found.first?.hint == "add `self` as the first parameter: `def predict(self, observations):`")
        let decorated = check(
            """
            class QNetwork:
                def __init__(self, observation_space, action_space): pass
                @staticmethod
                def predict(observations): pass
                @classmethod
                def update(cls, observations, actions, targets): pass
                @property
                def get_weights(self): return []

            """)
        #expect(codes(decorated) == ["property-entry-point"])
    }

    @Test func constructorAndInheritance() {
        let noInit = check(
            "class QNetwork:\n    def predict(self, o): pass\n    def update(self, o, a, t): pass\n")
        #expect(codes(noInit) == ["signature-mismatch"])
        let inherited = check(
            """
            class Base:
                def __init__(self, observation_space, action_space): pass
                def predict(self, observations): pass
            class QNetwork(Base):
                def update(self, observations, actions, targets): pass

            """)
        #expect(inherited.isEmpty)
        let external = check(
            "import numpy\nclass QNetwork(keras.Model):\n    def update(self, o, a, t): pass\n")
        #expect(codes(external) == ["inherited-method"])
    }

    @Test func wrongKindRepeatedAndConditionalDefinitions() {
        let wrongKind = check("def QNetwork(observation_space, action_space): pass\n")
        #expect(codes(wrongKind) == ["wrong-kind"])
        #expect(wrongKind.first?.message == "`QNetwork` is a function, but the trainer expects a class")
        let repeated = check("def preprocess(o): pass\ndef preprocess(o): pass\n", specs: [Self.dqn[1]])
        #expect(codes(repeated) == ["duplicate-definition"] && repeated.first?.line == 2)
        let conditional = check(
            "import sys\nif sys.platform:\n    def preprocess(o): pass\n", specs: [Self.dqn[1]])
        #expect(codes(conditional) == ["conditional-definition"] && conditional.first?.line == 3)
    }

    @Test func importsOutsideStdlibAndFrameworks() {
        let found = check(
            "import os, numpy.linalg\nimport torch\ntry:\n    import gym\nexcept ImportError:\n    pass\n",
            specs: [])
        #expect(codes(found) == ["undeclared-import", "undeclared-import"])
        #expect(found.map(\.severity) == [.error, .warning])
        #expect(found.first?.hint == "this domain provides `numpy` besides the standard library")
        #expect(check("from . import x\nfrom __future__ import annotations\n", specs: []).isEmpty)
    }

    @Test func lineLimitCountsCodeLinesOnly() {
        let code = (1...101).map { "x\($0) = \($0)" }.joined(separator: "\n\n# comment\n") + "\n"
        let found = check(code, specs: [])
        #expect(codes(found) == ["too-many-lines"])
        #expect(found.first?.line == 301)
        let docstring =
            "\"\"\"\nline\n\nline\n\"\"\"\n" + (1...96).map { "y\($0) = 0" }.joined(separator: "\n") + "\n"
        #expect(check(docstring, specs: []).isEmpty, "a docstring's blank line does not count")
        #expect(codes(check(docstring + "z = 1\n", specs: [])) == ["too-many-lines"])
    }

    @Test func fileLevelLimits() {
        let large = check("x = 1\n" + String(repeating: "# padding\n", count: 30_000), specs: [])
        #expect(codes(large) == ["file-too-large"])
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
        png += [UInt8](repeating: 0x01, count: 100)
        let scan = PythonInspector.scan(png, path: "agent.png")
        let binary =
            scan.diagnostics + EntryPointChecker.check(scan, entryPoints: Self.dqn, limits: Self.numpy)
        #expect(codes(binary) == ["invalid-utf8", "binary-file"])
        let guarded = check(
            "def preprocess(o): pass\nif __name__ == '__main__':\n    preprocess(1)\n", specs: [])
        #expect(codes(guarded) == ["main-guard"] && guarded.first?.severity == .warning)
    }

    @Test func syntaxErrorsStopEntryPointChecks() {
        let found = check("class QNetwork:\n    def predict(self, x:\n")
        #expect(codes(found) == ["unclosed-bracket"])
    }

    @Test func stdlibListEqualsInstalledPython() throws {
        let result = try TestEnvironment.run([
            PythonOracle.python, "-c", "import sys; print('\\n'.join(sorted(sys.stdlib_module_names)))",
        ])
        try #require(result.status == 0, "\(result.stderr)")
        let names = Set(result.stdout.split(separator: "\n").map(String.init))
        #expect(names == PythonStdlibModules.names)
    }
}
