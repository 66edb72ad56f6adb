import Manifest
import TestSupport
import Testing

@testable import Build

/// The keys an agent's HYPERPARAMS sets, read from its tokens, and what check says about them.
@Suite struct AgentHyperparamsTests {
    private static func keys(_ source: String) -> [String] {
        AgentHyperparams.of(Array(source.utf8)).keys.map { "\($0.name)@\($0.line):\($0.column)" }
    }

    @Test func literalKeysAndSubscriptAssignmentsAreFound() {
        let source = """
            import numpy as np
            HYPERPARAMS = {
                "learning_rate": 0.05, 'gamma': {"nested": 1},
                "total_steps": int(5e6),  # a budget
            }
            HYPERPARAMS["batch_size"] = 32
            def f():
                HYPERPARAMS["ignored"] = 1
            """
        #expect(
            Self.keys(source) == [
                "learning_rate@3:5", "gamma@3:28", "total_steps@4:5", "batch_size@6:13",
            ])
    }

    @Test func otherAssignmentsAndNonLiteralKeysAreNotKeys() {
        #expect(Self.keys("HYPERPARAMS = dict(total_steps=5)\nX = {\"total_steps\": 1}\n").isEmpty)
        #expect(Self.keys("HYPERPARAMS = {KEY: 1, f\"total_steps\": 2}\n").isEmpty)
    }

    @Test func aBudgetIsAWarningAndASetValueANote() throws {
        let manifest = try ManifestDecoder.decode(
            try TestEnvironment.bytes("Templates/dqn/manifest.yaml"), file: "manifest.yaml", folderName: "dqn"
        )
        let found = AgentHyperparams.of(Array(#"HYPERPARAMS = {"total_steps": 1, "gamma": 0.9}"#.utf8))
        let diagnostics = found.diagnostics(manifest: manifest, setByBuild: ["gamma"], path: "agent.py")
        #expect(
            diagnostics.map { "\($0.severity) \($0.code) \($0.line):\($0.column)" } == [
                "warning budget-hyperparameter 1:16", "note hyperparameter-overridden 1:34",
            ])
        #expect(manifest.hyperparameters.filter(\.budget).map(\.name) == ["total_steps"])
    }

    /// Without --set, check still says which value wins: the agent's, over the default (issue 14 §6).
    @Test func anAgentValueSaysThatItWinsOverTheDefault() throws {
        let manifest = try ManifestDecoder.decode(
            try TestEnvironment.bytes("Templates/dqn/manifest.yaml"), file: "manifest.yaml", folderName: "dqn"
        )
        let found = AgentHyperparams.of(Array(#"HYPERPARAMS = {"gamma": 0.9, "hidden": 3}"#.utf8))
        let diagnostics = found.diagnostics(manifest: manifest, setByBuild: [], path: "agent.py")
        #expect(
            diagnostics.map { "\($0.severity) \($0.code) \($0.line):\($0.column)" } == [
                "note hyperparameter-from-agent 1:16"
            ])
        #expect(
            diagnostics.first?.message
                == "HYPERPARAMS sets gamma: the trainer uses this value, not the manifest default 0.99; "
                + "build --set gamma=… or the trainer flag --gamma would win over it")
    }
}
