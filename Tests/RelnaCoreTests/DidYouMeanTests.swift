import RelnaCore
import Testing

@Suite struct DidYouMeanTests {
    @Test func swapOfNeighboursIsOneEdit() {
        #expect(EditDistance.optimalStringAlignment(Array("udpate"), Array("update")) == 1)
        #expect(EditDistance.optimalStringAlignment(Array("titel"), Array("title")) == 1)
        #expect(EditDistance.optimalStringAlignment(Array("kitten"), Array("sitting")) == 3)
        #expect(EditDistance.optimalStringAlignment(Array(""), Array("abc")) == 3)
        #expect(EditDistance.optimalStringAlignment(Array("same"), Array("same")) == 0)
    }

    /// Today's good suggestions, from all three places that used to have their own rule.
    @Test func suggestsLikelyTypos() {
        let cases: [(String, [String], String)] = [
            ("udpate", ["update", "act", "learn"], "update"),
            ("titel", ["title", "description"], "title"),
            ("learnig_rate", ["gamma", "learning_rate"], "learning_rate"),
            ("fro", ["for", "if", "set", "macro"], "for"),
            ("indnet", ["indent", "int", "join"], "indent"),
            ("defind", ["defined", "undefined", "divisibleby"], "defined"),
            ("hyperparams", ["hyperparameters", "domain"], "hyperparameters"),
            ("hyperparameter", ["hyperparameters", "domain"], "hyperparameters"),
            ("gama", ["gamma", "epsilon"], "gamma"),
            ("mnii", ["mini", "dqn"], "mini"),
            ("dqm", ["dqn", "ppo"], "dqn"),
            ("QNetwrk", ["QNetwork", "Agent"], "QNetwork"),
            ("build_q_network", ["build_qnetwork"], "build_qnetwork"),
            ("funtion", ["function", "class", "constant"], "function"),
        ]
        for (word, candidates, expected) in cases {
            #expect(DidYouMean.suggest(word, among: candidates) == expected, "\(word)")
        }
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(DidYouMean.suggest("zzz", among: ["gamma", "learning_rate"]) == nil)
        #expect(DidYouMean.suggest("env", among: ["environments", "hyperparameters"]) == nil)
        #expect(DidYouMean.suggest("", among: ["a"]) == nil)
        #expect(DidYouMean.suggest("x", among: ["x"]) == nil)
        #expect(DidYouMean.suggest("batch", among: ["gamma", "total_steps"]) == nil)
    }

    @Test func tiesGoToTheFirstNameAlphabetically() {
        #expect(DidYouMean.suggest("cat", among: ["cot", "bat"]) == "bat")
        #expect(DidYouMean.suggest("cat", among: ["bat", "cot"]) == "bat")
    }

    @Test func phraseReadsAsTheMessagesEnd() {
        #expect(DidYouMean.phrase("titel", among: ["title"]) == "; did you mean 'title'?")
        #expect(DidYouMean.phrase("zzz", among: ["title"]) == "")
    }
}
