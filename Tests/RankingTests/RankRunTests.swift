import Foundation
import Testing

@testable import Ranking

/// Finding job dirs and reading their metrics.json / progress.csv, good and broken.
@Suite struct RankRunTests {
    @Test func goodFixturesAllLoadWithoutWarnings() throws {
        let collection = RunCollection.collect(under: [RankTestSupport.runs + "/good"])
        #expect(collection.warnings.isEmpty, "\(collection.warnings)")
        #expect(
            collection.runs.map(\.jobDirectory)
                == [
                    "dqn/ada-seed0", "dqn/ada-seed1", "dqn/ada-seed2", "dqn/ben-seed0", "dqn/cyd-seed7",
                    "dqn/tuning/trial-1", "policy_gradient/dee-acrobot-seed0", "policy_gradient/dee-seed0",
                ].map { RankTestSupport.runs + "/good/" + $0 })
    }

    /// Each run's fields against CPython reading the same files with json and csv.
    @Test func fieldsMatchWhatCPythonReads() throws {
        let collection = RunCollection.collect(under: [RankTestSupport.runs + "/good"])
        let oracle = """
            import csv, json, sys
            for folder in sys.argv[1:]:
                m = json.load(open(folder + "/metrics.json"))
                rows = list(csv.DictReader(open(folder + "/progress.csv")))
                p = m["provenance"]
                print(m["domain"], m["env"], m["seed"], repr(float(m["eval_mean_return"])),
                      repr(float(m["eval_std_return"])), m["eval_episodes"], m["train_episodes"],
                      m["train_steps"], repr(float(m["wall_time_s"])), p["agent_filename"], p["agent_sha256"],
                      len(rows), repr(float(rows[-1]["steps"])), repr(float(rows[-1]["return"])),
                      repr(sum(float(r["return"]) for r in rows)))
            """
        let expected = try RankTestSupport.runPython(oracle, arguments: collection.runs.map(\.jobDirectory))
            .split(separator: "\n").map(String.init)
        let ours = collection.runs.map { run in
            [
                run.domain, run.env, String(run.seed), "\(run.evalMeanReturn)", "\(run.evalStdReturn)",
                String(run.evalEpisodes), String(run.trainEpisodes), String(run.trainSteps),
                "\(run.wallTimeSeconds)", run.agentFilename, run.agentSHA256, String(run.progress.count),
                "\(run.progress.last?.steps ?? -1)", "\(run.progress.last?.episodeReturn ?? -1)",
                "\(run.progress.reduce(0) { $0 + $1.episodeReturn })",
            ].joined(separator: " ")
        }
        #expect(ours == expected)
        #expect(collection.runs.allSatisfy { $0.trainEpisodes == $0.progress.count })
    }

    @Test func onePackageWithDifferentSeedsSharesItsDigests() throws {
        let runs = RunCollection.collect(under: [RankTestSupport.runs + "/good/dqn"]).runs
        let ada = runs.filter { $0.jobDirectory.contains("ada-seed") }
        #expect(ada.count == 3)
        #expect(Set(ada.map(\.packageDigest)).count == 1)
        #expect(Set(ada.map(\.configurationDigest)).count == 1)
        // The tuning trial runs the same package with another learning rate: same package, new configuration.
        let trial = try #require(runs.first { $0.jobDirectory.hasSuffix("trial-1") })
        #expect(trial.packageDigest == ada[0].packageDigest)
        #expect(trial.configurationDigest != ada[0].configurationDigest)
        #expect(trial.hyperparameters["learning_rate"] == "0.01")
        #expect(ada[0].packageDigest.count == 64 && ada[0].packageDigest.allSatisfy(\.isHexDigit))
    }

    /// Every broken run is skipped with a warning naming its file (and line and column where there is
    /// one); the good run beside them is still loaded.
    @Test func brokenRunsAreSkippedWithLocatedWarnings() throws {
        let base = RankTestSupport.runs + "/broken"
        let collection = RunCollection.collect(under: [base])
        #expect(collection.runs.map(\.jobDirectory) == [base + "/ok-seed3"])
        let found = collection.warnings.map { warning in
            "\(warning.file.dropFirst(base.count + 1)):\(warning.line):\(warning.column) \(warning.message)"
        }
        #expect(
            found == [
                "bad-progress/progress.csv:5:6 'return' must be a finite number, found 'abc'; run skipped",
                "malformed-json/metrics.json:7:3 malformed JSON: expected ',' or '}'; run skipped",
                "metrics-folder/metrics.json:0:0 is a folder, not a file; run skipped",
                "missing-key/metrics.json:1:1 missing the key 'eval_mean_return'; run skipped",
                "missing-progress/progress.csv:0:0 missing (the trainer writes it beside metrics.json); run skipped",
                "null-mean/metrics.json:5:23 'eval_mean_return' must be a number, found null; run skipped",
                "truncated-metrics/metrics.json:9:13 malformed JSON: unexpected end of file inside a string "
                    + "(the file looks truncated); run skipped",
                "wrong-type/metrics.json:6:22 'eval_std_return' must be a number, found a string; run skipped",
            ])
        #expect(collection.warnings.allSatisfy { $0.severity == .warning })
        #expect(
            collection.warnings.first?.formatted(source: nil)
                == "\(base)/bad-progress/progress.csv:5:6: warning: 'return' must be a finite number, found 'abc'; "
                + "run skipped")
    }

    @Test func missingRootsAndFilesAreWarningsAndAMetricsFileSelectsItsRun() throws {
        let good = RankTestSupport.runs + "/good/dqn/ben-seed0"
        let collection = RunCollection.collect(under: [
            "/nonexistent/rank-runs", good + "/progress.csv", good + "/metrics.json",
        ])
        #expect(collection.runs.map(\.jobDirectory) == [good])
        #expect(
            collection.warnings.map(\.message) == [
                "no such file or folder",
                "not a folder (expected a folder holding job dirs, or a metrics.json)",
            ])
    }

    @Test func symlinkLoopsHiddenFoldersAndOverlappingRootsAreHandled() throws {
        let scratch = try RankTestSupport.scratchFolder()
        defer { RankTestSupport.cleanUp(scratch) }
        let fixture = RankTestSupport.runs + "/good/dqn/ben-seed0"
        for name in ["a/run", ".hidden/run"] {
            try FileManager.default.createDirectory(
                atPath: scratch + "/" + name, withIntermediateDirectories: true)
            for file in ["metrics.json", "progress.csv"] {
                try FileManager.default.copyItem(
                    atPath: fixture + "/" + file, toPath: scratch + "/\(name)/\(file)")
            }
        }
        try FileManager.default.createSymbolicLink(
            atPath: scratch + "/a/loop", withDestinationPath: scratch + "/a")
        let discovery = RunDiscovery.jobDirectories(under: [scratch, scratch + "/a", scratch + "/a/loop/run"])
        #expect(discovery.jobDirectories == [scratch + "/a/run"])
        #expect(discovery.warnings.isEmpty)
    }

    @Test(.enabled(if: getuid() != 0, "root reads every folder"))
    func unreadableFolderIsAWarningAndTheOthersStillLoad() throws {
        let scratch = try RankTestSupport.scratchFolder()
        defer {
            chmod(scratch + "/locked", 0o755)
            RankTestSupport.cleanUp(scratch)
        }
        let fixture = RankTestSupport.runs + "/good/dqn/ben-seed0"
        for name in ["locked/run", "open/run"] {
            try FileManager.default.createDirectory(
                atPath: scratch + "/" + name, withIntermediateDirectories: true)
            for file in ["metrics.json", "progress.csv"] {
                try FileManager.default.copyItem(
                    atPath: fixture + "/" + file, toPath: scratch + "/\(name)/\(file)")
            }
        }
        chmod(scratch + "/locked", 0)
        let collection = RunCollection.collect(under: [scratch])
        #expect(collection.runs.map(\.jobDirectory) == [scratch + "/open/run"])
        #expect(
            collection.warnings.map(\.message) == [
                "cannot read the folder: Permission denied; its runs are skipped"
            ])
    }

    @Test func progressAcceptsExtraColumnsAnyOrderCRLFAndNaNReturns() throws {
        let csv =
            "wall_time_s,return,loss,steps,episode\r\n0.5,10.0,1,10,0\r\n1.0,nan,1,25,1\r\n1.5,30,1,60,2\r\n"
        let points = try ProgressFile.parse(Array(csv.utf8), path: "p.csv")
        #expect(points.map(\.steps) == [10, 60])
        #expect(points.map(\.episodeReturn) == [10, 30])
        #expect(points.map(\.episode) == [0, 2])
        #expect(points.map(\.wallTimeSeconds) == [0.5, 1.5])
    }

    @Test(arguments: [
        ("", 0, "empty file; expected a header line"),
        ("episode,return\n", 1, "the header has no 'steps' column"),
        ("episode,steps,return\n0,1\n", 2, "expected 3 fields as in the header, found 2"),
        ("episode,steps,return\n0,inf,3\n", 2, "'steps' must be a finite number, found 'inf'"),
        ("episode,steps,return\n0,1,3\n\n1,2,3\n", 3, "blank line inside the data"),
    ])
    func badProgressIsLocated(text: String, line: Int, message: String) {
        do {
            _ = try ProgressFile.parse(Array(text.utf8), path: "p.csv")
            Issue.record("expected a warning")
        } catch {
            #expect(error.diagnostic.line == line)
            #expect(error.diagnostic.message.hasPrefix(message), "\(error.diagnostic.message)")
            #expect(error.diagnostic.code == "rank-bad-progress")
        }
    }

    @Test func metricsIgnoresExtraKeysAndChecksRanges() throws {
        let good = """
            {"domain": "dqn", "env": "CartPole-v1", "seed": 4, "eval_mean_return": 12.5, "eval_std_return": 0,
             "eval_episodes": 20.0, "train_episodes": 3, "train_steps": 99, "wall_time_s": 1.25, "extra": [1],
             "provenance": {"agent_filename": "a.py", "agent_sha256": "ff", "more": {}}}
            """
        let contents = try MetricsFile.parse(Array(good.utf8), path: "m.json")
        #expect(contents.seed == 4 && contents.evalEpisodes == 20 && contents.label == "a.py")
        #expect(contents.configurationDigest == contents.packageDigest)
        let negative = good.replacingOccurrences(
            of: "\"eval_std_return\": 0", with: "\"eval_std_return\": -1")
        #expect(throws: SkippedRun.self) { try MetricsFile.parse(Array(negative.utf8), path: "m.json") }
        let fraction = good.replacingOccurrences(of: "\"seed\": 4", with: "\"seed\": 4.5")
        do {
            _ = try MetricsFile.parse(Array(fraction.utf8), path: "m.json")
            Issue.record("a fractional seed was accepted")
        } catch {
            #expect(error.diagnostic.message == "'seed' must be an integer, found a number; run skipped")
            #expect(error.diagnostic.line == 1 && error.diagnostic.column == 49)
        }
        let noProvenance = good.replacingOccurrences(of: "\"agent_sha256\": \"ff\", ", with: "")
        do {
            _ = try MetricsFile.parse(Array(noProvenance.utf8), path: "m.json")
            Issue.record("a provenance without agent_sha256 was accepted")
        } catch {
            #expect(error.diagnostic.message == "missing the key 'provenance.agent_sha256'; run skipped")
            #expect(error.diagnostic.line == 3)
        }
    }

    /// The name rank shows: the package's `--label`, else an older package's file name, else the job.
    @Test func nameComesFromLabelOrJob() throws {
        let folder = try RankTestSupport.scratchFolder()
        defer { RankTestSupport.cleanUp(folder) }
        let provenances = [
            "labelled": #"{"label": "team blue", "agent_filename": "old.py", "agent_sha256": "aa"}"#,
            "older": #"{"agent_filename": "old.py", "agent_sha256": "bb"}"#,
            "job-7": #"{"agent_sha256": "cc"}"#,
        ]
        for (job, provenance) in provenances {
            try RankTestSupport.write(
                """
                {"domain": "dqn", "env": "CartPole-v1", "seed": 0, "eval_mean_return": 1, "eval_std_return": 0,
                 "eval_episodes": 1, "train_episodes": 1, "train_steps": 1, "wall_time_s": 1,
                 "provenance": \(provenance)}
                """, to: folder + "/\(job)/metrics.json")
            try RankTestSupport.write("episode,steps,return\n0,1,1\n", to: folder + "/\(job)/progress.csv")
        }
        let names = try ["labelled", "older", "job-7"].map { job in
            try RunCollection.load(jobDirectory: folder + "/" + job).agentFilename
        }
        #expect(names == ["team blue", "old.py", "job-7"])
        let empty = #"{"label": "", "agent_sha256": "dd"}"#
        try RankTestSupport.write(
            """
            {"domain": "dqn", "env": "CartPole-v1", "seed": 0, "eval_mean_return": 1, "eval_std_return": 0,
             "eval_episodes": 1, "train_episodes": 1, "train_steps": 1, "wall_time_s": 1, "provenance": \(empty)}
            """, to: folder + "/empty/metrics.json")
        #expect(throws: SkippedRun.self) {
            try MetricsFile.parse(
                Array(
                    try Data(contentsOf: URL(fileURLWithPath: folder + "/empty/metrics.json"))),
                path: "m.json")
        }
    }
}
