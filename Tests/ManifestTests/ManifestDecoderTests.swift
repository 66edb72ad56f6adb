import RelnaCore
import TestSupport
import Testing

@testable import Manifest

@Suite struct ManifestDecoderTests {
    func decode(_ text: String) throws(ManifestError) -> Manifest {
        try ManifestDecoder.decode(Array(text.utf8), file: "manifest.yaml")
    }

    func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try decode(text)
            Issue.record("the manifest was accepted")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test(arguments: ["dqn", "policy_gradient", "imitation"])
    func builtInManifestsDecode(domain: String) throws {
        let path = "Templates/\(domain)/manifest.yaml"
        guard let bytes = try? TestEnvironment.bytes(path) else { return }  // not written yet
        do {
            let manifest = try ManifestDecoder.decode(bytes, file: path, folderName: domain)
            #expect(manifest.domain == domain)
            #expect(!manifest.skeleton.isEmpty)
        } catch {
            Issue.record("\(error.diagnostics.map { $0.formatted(source: nil) })")
        }
    }

    @Test func decodesTheTestDomain() throws {
        let manifest = try ManifestDecoder.decode(
            try TestEnvironment.bytes("Fixtures/domains/mini/manifest.yaml"), file: "manifest.yaml",
            folderName: "mini")
        #expect(manifest.agent.path == "trainer/agent.py")
        #expect(manifest.agent.maxLines == 20)
        #expect(manifest.agent.entryPoints.map(\.name) == ["act", "Policy"])
        #expect(manifest.agent.entryPoints[1].methods.map(\.name) == ["reset"])
        #expect(manifest.hyperparameters.map(\.flag) == ["--episodes", "--rate", "--greedy", "--label"])
        #expect(manifest.hyperparameters[1].defaultValue == .float(0.5))
        #expect(manifest.frameworks.map(\.name) == ["plain", "numpy"])
        #expect(manifest.skeleton.map(\.render) == [false, true, false])
        #expect(manifest.job["scale_tier"] == "BASIC")
    }

    static let minimal = """
        domain: t
        title: T
        description: D
        version: 1.0.0
        agent:
          entry_points: []
        environments:
          default: E-v0
          supported: [E-v0]
        frameworks:
          plain: {}
        skeleton:
          - source: task.py.j2
            output: trainer/task.py

        """

    @Test func minimalManifestDecodesWithDefaults() throws {
        let manifest = try decode(Self.minimal)
        #expect(manifest.agent.maxLines == 100)
        #expect(manifest.environments.actionSpace == .any)
        #expect(manifest.skeleton[0].render)
    }

    @Test func reportsEveryErrorAtOnceWithKeyPaths() {
        let text = """
            domain: Bad-Name
            titel: T
            description: D
            version: 1.0.0
            agent:
              max_lines: many
              entry_points:
                - name: f
                  kind: method
            hyperparameters:
              - name: lr
                type: float
                default: 2.0
                max: 1.0
            environments:
              default: X-v0
              supported: [E-v0]
            frameworks:
              plain: {}
            skeleton:
              - source: ../outside.j2
                output: trainer/task.py
              - source: b.py
                output: trainer/task.py
            """
        let found = errors(text).map { "\($0.line):\($0.column) \($0.code) \($0.message)" }
        #expect(
            found == [
                "2:1 manifest-unknown-key titel: unknown key; did you mean 'title'?",
                "1:1 manifest-missing-key title: required key is missing",
                "1:9 manifest-value domain: 'Bad-Name' is not a domain name ([a-z][a-z0-9_]*)",
                "6:14 manifest-wrong-type agent.max_lines: expected an integer, found a string",
                "9:13 manifest-value agent.entry_points[0].kind: expected one of function, class, constant, found 'method'",
                "13:14 manifest-out-of-bounds hyperparameters[0].default: default 2.0 is above the maximum 1",
                "16:12 manifest-value environments.default: 'X-v0' is not in environments.supported",
                "21:13 manifest-bad-path skeleton[0].source: '../outside.j2' must be a relative path that stays inside its folder (no leading '/', no '..')",
                "24:13 manifest-duplicate-output skeleton[1].output: 'trainer/task.py' is already the output of skeleton[0]",
            ])
    }

    @Test func rejectsReservedAndOutsideOutputs() {
        let reserved = Self.minimal.replacingOccurrences(
            of: "output: trainer/task.py", with: "output: setup.py")
        #expect(errors(reserved).first?.message.contains("written by relna-pack itself") == true)
        let agent = Self.minimal.replacingOccurrences(
            of: "output: trainer/task.py", with: "output: trainer/agent.py")
        #expect(errors(agent).first?.code == "manifest-duplicate-output")
        let absolute = Self.minimal.replacingOccurrences(
            of: "output: trainer/task.py", with: "output: /tmp/x.py")
        #expect(errors(absolute).first?.code == "manifest-bad-path")
    }

    @Test func checksHyperparameterTypesChoicesAndBounds() {
        func with(_ block: String) -> [String] {
            errors(Self.minimal + "hyperparameters:\n" + block).map(\.message)
        }
        #expect(
            with("  - {name: n, type: int, default: 1.5}\n") == [
                "hyperparameters[0].default: expected an int, found a number"
            ])
        #expect(
            with("  - {name: n, type: int, default: 1, min: 5, max: 2}\n") == [
                "hyperparameters[0].max: max 2 is below min 5"
            ])
        #expect(
            with("  - {name: s, type: str, default: c, choices: [a, b]}\n") == [
                "hyperparameters[0].default: default c is not one of the choices a, b"
            ])
        #expect(
            with("  - {name: s, type: str, default: a, min: 1}\n") == [
                "hyperparameters[0].min: only int and float hyperparameters have bounds"
            ])
        #expect(
            with("  - {name: class, type: int, default: 1}\n") == [
                "hyperparameters[0].name: 'class' is not a Python identifier"
            ])
    }

    @Test func rejectsYAMLThatIsNotAManifest() {
        #expect(errors("- a\n- b\n").first?.message == "expected a mapping, found a list")
        #expect(errors("a: [\n").first?.code == "manifest-yaml")
        #expect(errors("").first?.code == "manifest-wrong-type")
    }

    @Test func checksDomainAgainstFolder() {
        do {
            _ = try ManifestDecoder.decode(Array(Self.minimal.utf8), file: "m.yaml", folderName: "other")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["manifest-domain-mismatch"])
        }
    }

    @Test func suggestsNamesForTypos() {
        #expect(DidYouMean.suggest("learnig_rate", among: ["gamma", "learning_rate"]) == "learning_rate")
        #expect(DidYouMean.suggest("zzz", among: ["gamma", "learning_rate"]) == nil)
    }

    /// `budget: true` marks a hyperparameter the agent's HYPERPARAMS may not set; anything but a bool
    /// is an error at its place.
    @Test func budgetIsABoolean() throws {
        let text = try String(
            decoding: TestEnvironment.bytes("Fixtures/domains/mini/manifest.yaml"), as: UTF8.self)
        let marked = text.replacingOccurrences(
            of: "    help: Episodes to run.\n", with: "    help: Episodes to run.\n    budget: true\n")
        #expect(try decode(marked).hyperparameters.filter(\.budget).map(\.name) == ["episodes"])
        let wrong = text.replacingOccurrences(
            of: "    help: Episodes to run.\n", with: "    help: Episodes to run.\n    budget: maybe\n")
        #expect(errors(wrong).map { "\($0.line):\($0.column) \($0.code)" } == ["31:13 manifest-wrong-type"])
    }

    /// `environments.settings` gives a listed environment its own defaults and requirements; the others
    /// keep the manifest's.
    @Test func environmentsCarryTheirOwnDefaults() throws {
        let text = try String(
            decoding: TestEnvironment.bytes("Fixtures/domains/mini/manifest.yaml"), as: UTF8.self)
        let settings = """
              settings:
                Acrobot-v1:
                  hyperparameters: {episodes: 40}
                  requirements: [box2d==2.3.10]

            """
        let marked = text.replacingOccurrences(of: "\nrequirements:", with: "\n" + settings + "requirements:")
        let environments = try decode(marked).environments
        #expect(environments.defaults(for: "Acrobot-v1") == ["episodes": .int(40)])
        #expect(environments.defaults(for: "CartPole-v1").isEmpty)
        #expect(environments.requirements(for: "Acrobot-v1") == ["box2d==2.3.10"])
        #expect(environments.requirements(for: "CartPole-v1").isEmpty)
        #expect(environments.perEnvironmentNames(in: ["rate", "episodes"]) == ["episodes"])
    }
}
