import Foundation
import Testing

/// `relna-pack rank` as users run it: the built binary, real fixture folders, exit codes and streams.
@Suite struct RankCommandTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built binary from the repository root, as the other CLI suites do.
    static func rank(_ arguments: [String]) throws -> Outcome {
        let result = try CLI.run(["rank"] + arguments)
        return Outcome(status: result.status, stdout: result.stdoutText, stderr: result.stderr)
    }

    static func scratch() throws -> String { try CLI.temporaryFolder().path }

    @Test func ranksFixtureRunsWithExitZeroAndQuietStderr() throws {
        let outcome = try Self.rank(["Fixtures/runs/good", "Fixtures/runs/real"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        let headings = outcome.stdout.split(separator: "\n").filter { $0.contains(" on ") }
        #expect(
            headings == [
                "dqn on Acrobot-v1: 1 package, 1 run", "dqn on CartPole-v1: 6 packages, 10 runs",
                "policy_gradient on Acrobot-v1: 1 package, 1 run",
                "policy_gradient on CartPole-v1: 1 package, 1 run",
            ])
        #expect(outcome.stdout.contains("   1  ben_agent.py a8b2dd00"))
    }

    @Test func brokenRunsAreWarnedAboutOnStderrAndTheRestIsRanked() throws {
        let outcome = try Self.rank(["Fixtures/runs/broken"])
        #expect(outcome.status == 0)
        let warnings = outcome.stderr.split(separator: "\n")
        #expect(warnings.count == 8)
        for line in warnings {
            #expect(line.hasPrefix("Fixtures/runs/broken/") && line.contains(": warning: "), "\(line)")
            #expect(line.hasSuffix("; run skipped"), "\(line)")
        }
        #expect(
            warnings.contains(
                "Fixtures/runs/broken/malformed-json/metrics.json:7:3: warning: malformed JSON: expected ',' or '}'; run skipped"
            ))
        #expect(!outcome.stderr.contains("\u{1B}["))
        #expect(outcome.stdout.contains("eve_agent.py"))
        #expect(outcome.stdout.hasPrefix("dqn on CartPole-v1: 1 package, 1 run\n"))
    }

    @Test func noRunsExitsOneWithAClearMessage() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try Self.rank([folder])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.contains("relna-pack rank: no runs found under \(folder)"))
        let filtered = try Self.rank(["Fixtures/runs/real", "--env", "MountainCar-v0"])
        #expect(filtered.status == 1)
        #expect(filtered.stderr.contains("none of the 5 runs found matches --env MountainCar-v0"))
        let empty = try Self.rank(["Fixtures/runs/broken/missing-key", "--json"])
        #expect(empty.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [String: Any]
        #expect((document?["groups"] as? [Any])?.isEmpty == true)
        #expect((document?["skipped"] as? [[String: Any]])?.first?["code"] as? String == "rank-bad-metrics")
    }

    /// The fixture runs predate the referee: --require-isolated skips each with a warning, and a failed
    /// run (failure.json) is always skipped with its reason.
    @Test func requireIsolatedSkipsUnrefereedRunsAndFailedRunsAreWarnedAbout() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(#"{"status": "failed", "reason": "budget", "message": "the budget is spent"}"#.utf8).write(
            to: URL(fileURLWithPath: folder + "/failure.json"))
        let outcome = try Self.rank(["Fixtures/runs/real", folder, "--require-isolated"])
        #expect(outcome.status == 1)
        let warnings = outcome.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(warnings.filter { $0.contains("not refereed") }.count == 5)
        #expect(
            warnings.contains(
                "\(folder)/failure.json: warning: the run failed (budget): the budget is spent; run skipped"))
        #expect(outcome.stderr.contains("relna-pack rank: no runs found"))
        let plain = try Self.rank(["Fixtures/runs/real", folder])
        #expect(plain.status == 0 && plain.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        [], ["Fixtures/runs/real", "--format", "xml"], ["Fixtures/runs/real", "--json", "--format", "csv"],
        ["Fixtures/runs/real", "--score", "median"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let outcome = try Self.rank(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stdout == "")
    }

    /// `--score` reaches the library: the JSON names it and each entry carries its value; the same runs
    /// give the same bytes (the bootstrap has a fixed seed).
    @Test func scoreOptionChoosesWhatEntriesAreRankedBy() throws {
        for score in ["mean", "iqm", "mean-std"] {
            let outcome = try Self.rank([
                "Fixtures/runs/good", "Fixtures/runs/real", "--json", "--score", score,
            ])
            #expect(outcome.status == 0)
            let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            #expect(document?["score"] as? String == score)
            let groups = try #require(document?["groups"] as? [[String: Any]])
            for group in groups {
                let scores = (group["entries"] as? [[String: Any]] ?? []).compactMap {
                    $0["score"] as? Double
                }
                #expect(scores == scores.sorted(by: >))
            }
            let again = try Self.rank([
                "Fixtures/runs/good", "Fixtures/runs/real", "--json", "--score", score,
            ])
            #expect(again.stdout == outcome.stdout)
        }
        let table = try Self.rank(["Fixtures/runs/real", "--score", "mean-std"])
        #expect(table.stdout.contains("dqn on CartPole-v1: 2 packages, 4 runs, ranked by mean-std\n"))
        #expect(table.stdout.contains("mean−std"))
    }

    @Test func jsonAndCSVFormats() throws {
        let json = try Self.rank(["Fixtures/runs/real", "--format", "json"])
        #expect(json.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let groups = try #require(document?["groups"] as? [[String: Any]])
        #expect(groups.map { $0["env"] as? String } == ["Acrobot-v1", "CartPole-v1"])
        #expect(try Self.rank(["Fixtures/runs/real", "--json"]).stdout == json.stdout)
        let filtered = try Self.rank([
            "Fixtures/runs/real", "--json", "--env", "CartPole-v1", "--domain", "dqn",
        ])
        #expect(
            (try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any]).map {
                ($0["groups"] as? [Any])?.count
            } == 1)
        let csv = try Self.rank(["Fixtures/runs/real", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\r\n").count == 4)
        #expect(csv.stdout.hasPrefix("rank,domain,env,agent_filename,"))
    }

    @Test func htmlIsWrittenAtomicallyAndReproducibly() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/board.html"
        let first = try Self.rank(["Fixtures/runs/real", "Fixtures/runs/good", "--html", page])
        #expect(first.status == 0)
        #expect(first.stderr == "relna-pack rank: wrote \(page)\n")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: page))
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        let second = try Self.rank(["Fixtures/runs/good", "Fixtures/runs/real", "--html", page])
        #expect(try Data(contentsOf: URL(fileURLWithPath: page)) == bytes)
        #expect(second.stdout == first.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["board.html"])
    }

    @Test func unwritableHTMLExits74AndLeavesNothing() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try Self.rank(["Fixtures/runs/real", "--html", folder + "/missing/board.html"])
        #expect(outcome.status == 74)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.contains("\(folder)/missing/board.html: error: cannot write: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
