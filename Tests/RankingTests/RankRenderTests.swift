import Foundation
import RelnaCore
import Testing

@testable import Ranking

/// The leaderboard's outputs: text table, JSON, CSV and the self-contained HTML page with SVG curves.
@Suite struct RankRenderTests {
    private var sampleBoard: Leaderboard {
        Leaderboard(runs: [
            RankTestSupport.run("ada", seed: 0, mean: 480, std: 20, steps: 15000),
            RankTestSupport.run("ada", seed: 1, mean: 500, std: 0, steps: 14000),
            RankTestSupport.run("bob", seed: 3, mean: 120.125, std: 3.5, steps: 9000),
            RankTestSupport.run("cy", env: "Acrobot-v1", seed: 0, mean: -88.4, std: 12.9, steps: 4000),
        ])
    }

    @Test func tableIsAlignedPerGroup() {
        #expect(
            LeaderboardTable.render(sampleBoard) == """
                dqn on Acrobot-v1: 1 package, 1 run
                rank  agent           domain  env         eval mean ± std     iqm            95% CI  eval eps  train steps  wall s  seeds
                   1  cy.py ab000000  dqn     Acrobot-v1   -88.40 ± 12.90  -88.40  [-88.40, -88.40]        10         4000     1.5  0

                dqn on CartPole-v1: 2 packages, 3 runs
                rank  agent            domain  env          eval mean ± std     iqm            95% CI  eval eps  train steps  wall s  seeds
                   1  ada.py ab000000  dqn     CartPole-v1   490.00 ± 17.32  490.00  [480.00, 500.00]        20        14500     1.5  0,1
                   2  bob.py ab000000  dqn     CartPole-v1    120.12 ± 3.50  120.12  [120.12, 120.12]        10         9000     1.5  3

                """)
    }

    @Test func seedsReadPlainlyAndStepsAreWhole() {
        #expect(LeaderboardTable.seedList([1, 2, 3, 4, 5, 6, 7, 8]) == "1,2,3,4,5,6,… (8 seeds)")
        #expect(LeaderboardTable.seedList([9]) == "9")
        #expect(LeaderboardTable.seedList([0, 1, 2]) == "0,1,2")
        #expect(RankNumberFormat.steps(4500.5) == "4501")
        #expect(RankNumberFormat.steps(1234.4) == "1234")
    }

    @Test func terminalOutputNeutralisesControlCharacters() {
        var run = RankTestSupport.run("x", mean: 1)
        run.agentFilename = "evil\u{1B}[2J.py"
        let table = LeaderboardTable.render(Leaderboard(runs: [run]))
        #expect(!table.contains("\u{1B}"))
        #expect(table.contains("evil?[2J.py"))
    }

    /// CPython computes the expected leaderboard on its own from the fixture files (group by domain
    /// and env, aggregate runs with equal provenance and hyperparameters, sort by the documented keys)
    /// and checks our JSON document against it.
    @Test func jsonAgreesWithAnIndependentCPythonRanking() throws {
        let roots = [RankTestSupport.runs + "/good", RankTestSupport.runs + "/real"]
        let collection = RunCollection.collect(under: roots)
        #expect(collection.warnings.isEmpty)
        let document = LeaderboardJSON.render(
            Leaderboard(runs: collection.runs), skipped: collection.warnings)
        let oracle = """
            import collections, glob, hashlib, json, math, sys
            ours = json.loads(sys.stdin.read())
            runs = [json.load(open(p)) for root in sys.argv[1:]
                    for p in glob.glob(root + "/**/metrics.json", recursive=True)]
            canon = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digest = lambda text: hashlib.sha256(text.encode()).hexdigest()
            groups = collections.defaultdict(lambda: collections.defaultdict(list))
            for m in runs:
                config = canon(m["provenance"]) + ("\\n" + canon(m["hyperparameters"]) if "hyperparameters" in m else "")
                groups[(m["domain"], m["env"])][config].append(m)
            expected = []
            for key in sorted(groups):
                entries = []
                for config, ms in groups[key].items():
                    mean = sum(m["eval_mean_return"] for m in ms) / len(ms)
                    var = sum(m["eval_std_return"] ** 2 + (m["eval_mean_return"] - mean) ** 2 for m in ms) / len(ms)
                    steps = sum(m["train_steps"] for m in ms) / len(ms)
                    entries.append((-mean, math.sqrt(var) if len(ms) > 1 else ms[0]["eval_std_return"], steps,
                                    digest(canon(ms[0]["provenance"])), digest(config),
                                    sorted(m["seed"] for m in ms), sum(m["eval_episodes"] for m in ms)))
                entries.sort(key=lambda e: e[:5])
                expected.append({"domain": key[0], "env": key[1], "entries": entries})
            assert [(g["domain"], g["env"]) for g in ours["groups"]] == [(g["domain"], g["env"]) for g in expected]
            for g, e in zip(ours["groups"], expected):
                assert [x["rank"] for x in g["entries"]] == list(range(1, len(e["entries"]) + 1))
                for x, (neg, std, steps, package, config, seeds, episodes) in zip(g["entries"], e["entries"]):
                    assert math.isclose(x["eval_mean_return"], -neg, rel_tol=1e-12), (x, neg)
                    assert math.isclose(x["eval_std_return"], std, rel_tol=1e-12, abs_tol=1e-12), (x, std)
                    assert x["train_steps"] == steps and x["seeds"] == seeds and x["eval_episodes"] == episodes
                    assert x["package_digest"] == package and x["configuration_digest"] == config, x
            assert ours["skipped"] == []
            print(sum(len(g["entries"]) for g in ours["groups"]))
            """
        let output = try RankTestSupport.runPython(oracle, arguments: roots, input: document)
        #expect(output == "9\n")
    }

    @Test func jsonListsSkippedRunsAndEscapesStrings() throws {
        var run = RankTestSupport.run("q", mean: 1)
        run.agentFilename = "quote\"back\\slash\n.py"
        let skipped = [
            Diagnostic(
                severity: .warning, code: "rank-bad-metrics", file: "r/m.json", line: 2, column: 3,
                message: "m")
        ]
        let text = LeaderboardJSON.render(Leaderboard(runs: [run]), skipped: skipped)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let groups = try #require(object?["groups"] as? [[String: Any]])
        let entry = try #require((groups.first?["entries"] as? [[String: Any]])?.first)
        #expect((entry["agent"] as? [String: Any])?["filename"] as? String == "quote\"back\\slash\n.py")
        let listed = try #require((object?["skipped"] as? [[String: Any]])?.first)
        #expect(listed["path"] as? String == "r/m.json" && listed["line"] as? Int == 2)
        #expect(
            LeaderboardJSON.render(Leaderboard(runs: []))
                == "{\n  \"ranked_by\": \"eval_mean_return\",\n  \"score\": \"mean\",\n"
                + "  \"bootstrap\": {\"method\": \"percentile\", \"confidence\": 0.95, \"resamples\": 10000, "
                + "\"seed\": 2021, \"generator\": \"splitmix64\"},\n  \"groups\": [],\n  \"skipped\": []\n}\n"
        )
    }

    @Test func csvReadsBackWithCPythonsCSVModule() throws {
        var hostile = RankTestSupport.run("h", seed: 5, mean: 2.5)
        hostile.agentFilename = "=cmd,\"x\".py"
        let board = Leaderboard(runs: [hostile, RankTestSupport.run("a", seed: 1, mean: 7)])
        let oracle = """
            import csv, io, sys
            rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))
            for row in rows:
                print("|".join(row))
            """
        let output = try RankTestSupport.runPython(oracle, input: LeaderboardCSV.render(board))
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines[0].hasPrefix(
                "rank|domain|env|agent_filename|agent_sha256|package_digest|configuration_digest|"))
        #expect(lines[1].hasPrefix("1|dqn|CartPole-v1|a.py|"))
        #expect(lines[1].contains("|7.0|0.0|10|1000.0|1.5|1|1|7.0|7.0|7.0|7.0|7.0|7.0|0.0|7.0|ranked||"))
        #expect(lines[2].hasPrefix("2|dqn|CartPole-v1|'=cmd,\"x\".py|"))
    }

    @Test func htmlIsSelfContainedEscapedAndItsSVGIsWellFormed() throws {
        var hostile = RankTestSupport.run("z", seed: 2, mean: 3)
        hostile.agentFilename = "<script>alert('x')</script>&.py"
        let runs = RunCollection.collect(under: [RankTestSupport.runs + "/real"]).runs + [hostile]
        let skipped = [
            Diagnostic(
                severity: .warning, code: "rank-bad-metrics", file: "b/<m>.json", line: 1, column: 2,
                message: "bad & worse")
        ]
        let board = Leaderboard(runs: runs)
        let page = LeaderboardHTML.render(board, skipped: skipped)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!page.lowercased().contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;.py"))
        #expect(page.contains("<code>b/&lt;m&gt;.json:1:2</code> bad &amp; worse"))
        // Nothing is fetched: no source or link attributes, no imports, no URLs but the SVG namespace.
        for forbidden in ["src=", "href=", "@import", "url(http", "<link", "<img", "<iframe"] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
        #expect(page.components(separatedBy: "http").count - 1 == board.groups.count)
        let oracle = """
            import re, sys, xml.etree.ElementTree as ET
            page = sys.stdin.read()
            ns = "{http://www.w3.org/2000/svg}"
            for svg in re.findall(r"<svg .*?</svg>", page, re.S):
                root = ET.fromstring(svg)
                lines = root.findall(f".//{ns}polyline")
                legend = [t for t in root.iter(f"{ns}text") if "".join(t.itertext()).startswith("#")]
                ticks = [t for t in root.iter(f"{ns}text") if t.get("text-anchor") in ("end", "middle")]
                print(len(lines), len(legend), len(ticks) >= 6)
            """
        let output = try RankTestSupport.runPython(oracle, input: page)
        // CartPole: 3 seeds + the other learning rate + the hostile run; Acrobot: one run.
        let expected = board.groups.map { group in
            "\(group.runCount) \(group.entries.count) True"
        }
        #expect(output.split(separator: "\n").map(String.init) == expected)
        #expect(board.groups.map(\.env) == ["Acrobot-v1", "CartPole-v1"])
    }

    @Test func aGroupWithoutTrainingEpisodesStillGetsAWellFormedChart() throws {
        var run = RankTestSupport.run("e", mean: 9)
        run.progress = []
        let svg = LearningCurveChart.svg(for: Leaderboard(runs: [run]).groups[0], id: "g")
        #expect(svg.contains("no training episodes recorded"))
        #expect(!svg.contains("<polyline"))
        let oracle = "import sys, xml.etree.ElementTree as ET; ET.fromstring(sys.stdin.read()); print('ok')"
        #expect(try RankTestSupport.runPython(oracle, input: svg) == "ok\n")
    }

    @Test func renderingIsDeterministicAndIndependentOfArgumentOrder() {
        let roots = [RankTestSupport.runs + "/good", RankTestSupport.runs + "/real"]
        let first = RunCollection.collect(under: roots)
        let second = RunCollection.collect(under: roots.reversed())
        let a = Leaderboard(runs: first.runs)
        let b = Leaderboard(runs: second.runs)
        #expect(LeaderboardHTML.render(a) == LeaderboardHTML.render(b))
        #expect(LeaderboardTable.render(a) == LeaderboardTable.render(b))
        #expect(LeaderboardCSV.render(a) == LeaderboardCSV.render(b))
    }

    @Test func chartScalesHaveRoundTicksCoveringTheData() {
        let steps = ChartScale(minimum: 0, maximum: 15409)
        #expect(steps.ticks == [0, 5000, 10000, 15000, 20000])
        #expect(
            steps.ticks.map(steps.label) == [
                "0", "5k", "10k", "15k", "20k",
            ])
        let returns = ChartScale(minimum: -500, maximum: -62)
        #expect(returns.ticks == [-500, -400, -300, -200, -100, 0])
        let flat = ChartScale(minimum: -500, maximum: -500)
        #expect(flat.lower < -500 && flat.upper > -500)
        let small = ChartScale(minimum: 0.1, maximum: 0.9)
        #expect(
            small.ticks.map(small.label) == [
                "0", "0.2", "0.4", "0.6", "0.8", "1.0",
            ])
        #expect(RankNumberFormat.axis(1_500_000, step: 500_000) == "1.5M")
        let short = ChartScale(minimum: 0, maximum: 2300)
        #expect(short.ticks.map(short.label) == ["0", "0.5k", "1.0k", "1.5k", "2.0k", "2.5k"])
        #expect(RankNumberFormat.fixed(-0.0001, decimals: 2) == "0.00")
        // Coordinates agree with printf's %.1f away from decimal ties.
        for value in [0.0, -0.04, 0.26, 12.36, -7.96, 899.91, 1234.5678, -300.04, 70.0, 1e9 + 0.33] {
            #expect(
                RankNumberFormat.coordinate(value) == RankNumberFormat.fixed(value, decimals: 1), "\(value)")
        }
    }

    @Test func curvesAreTrailingMovingAveragesThinnedToABoundedSize() {
        let points = (0..<1000).map {
            ProgressPoint(episode: $0, steps: Double($0 * 10), episodeReturn: Double($0 % 4))
        }
        let smoothed = LearningCurveChart.smoothed(Array(points.prefix(3)), window: 2)
        #expect(smoothed.map(\.y) == [0, 0.5, 1.5])
        let full = LearningCurveChart.smoothed(points)
        let lastTen: [Double] = (990..<1000).map { Double($0 % 4) }
        #expect(full[999].y == lastTen.reduce(0, +) / 10)
        let thinned = LearningCurveChart.thinned(full)
        #expect(thinned.count == LearningCurveChart.maximumPoints)
        #expect(thinned.first?.x == 0 && thinned.last?.x == 9990)
    }

    @Test func pageIsWrittenAtomicallyOrNotAtAll() throws {
        let scratch = try RankTestSupport.scratchFolder()
        defer { RankTestSupport.cleanUp(scratch) }
        try LeaderboardFile.write("<p>one</p>\n", to: scratch + "/board.html")
        try LeaderboardFile.write("<p>two</p>\n", to: scratch + "/board.html")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == ["board.html"])
        #expect(try String(contentsOfFile: scratch + "/board.html", encoding: .utf8) == "<p>two</p>\n")
        #expect(throws: LeaderboardWriteError.self) {
            try LeaderboardFile.write("x", to: scratch + "/no/such/b.html")
        }
        #expect(throws: LeaderboardWriteError.self) { try LeaderboardFile.write("x", to: scratch) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == ["board.html"])
    }
}
