import PythonInspector
import Testing

@testable import Authoring

/// The unused-hyperparameter check reads code, not prose: names and literal keys count, docstrings
/// and comments do not.
@Suite struct SkeletonReadsTests {
    @Test func pythonCodeNamesSkipDocstringsAndComments() {
        let source = """
            \"\"\"Reads momentum (a docstring).\"\"\"
            # gamma in a comment
            def train(hp):
                \"\"\"beta, also prose.\"\"\"
                rate = hp["learning_rate"] + HYPERPARAMS.get('decay', 0)
                print(f"{hp['epsilon']} steps {{tau}}")
                return args.batch_size, "two words"
            """
        let names = PythonCodeNames.of(Array(source.utf8))
        for used in ["train", "hp", "learning_rate", "decay", "epsilon", "batch_size", "args"] {
            #expect(names.contains(used), "\(used)")
        }
        for prose in ["momentum", "gamma", "beta", "tau", "two", "words", "docstring"] {
            #expect(!names.contains(prose), "\(prose)")
        }
    }

    @Test func pastATokenizerErrorEveryWordCounts() {
        let names = PythonCodeNames.of(Array("x = 1\n  y = 'unterminated\n# momentum\n".utf8))
        #expect(names.contains("x"))
        #expect(names.contains("momentum"))
    }

    @Test func unusedHyperparameterIsAWordNotASubstring() {
        let words = SkeletonUsageCheck.words(in: ["hp['learning_rate_decay'] + args.gamma"])
        #expect(words.contains("learning_rate_decay"))
        #expect(!words.contains("learning_rate"))
        #expect(words.contains("gamma"))
    }
}
