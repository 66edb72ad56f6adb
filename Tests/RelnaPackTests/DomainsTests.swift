import Foundation
import Testing

/// `relna-pack domains`: the built-in domains, and where each domain was found.
@Suite struct DomainsTests {
    static let brokenDomains = CLI.brokenDomains

    static func listing(_ result: AuthoringCLI.Result) throws -> [[String: Any]] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["domains"] as? [[String: Any]])
    }

    @Test func listsTheBuiltInDomains() throws {
        let result = try AuthoringCLI.run(["domains", "--json"], removing: ["RELNA_TEMPLATES"])
        #expect(result.status == 0, "\(result.stderr)")
        let domains = try Self.listing(result)
        let names = domains.compactMap { $0["name"] as? String }
        #expect(names == names.sorted())
        for name in ["dqn", "imitation", "policy_gradient"] {
            let entry = try #require(domains.first { $0["name"] as? String == name }, "\(name) missing")
            #expect(entry["origin"] as? String == "built-in")
            #expect((entry["title"] as? String)?.isEmpty == false)
            #expect((entry["version"] as? String)?.isEmpty == false)
        }
    }

    @Test func namesTheTemplatesOptionAndTheEnvironmentVariable() throws {
        let viaOption = try AuthoringCLI.run(
            ["domains", "--json", "--templates", Self.brokenDomains], removing: ["RELNA_TEMPLATES"])
        let fromOption = try #require(
            try Self.listing(viaOption).first { $0["name"] as? String == "control_clean" })
        #expect(fromOption["origin"] as? String == "--templates")
        #expect(fromOption["title"] as? String == "Control domain")

        let viaEnvironment = try AuthoringCLI.run(
            ["domains", "--json"], environment: ["RELNA_TEMPLATES": Self.brokenDomains])
        let fromEnvironment = try #require(
            try Self.listing(viaEnvironment).first { $0["name"] as? String == "control_clean" })
        #expect(fromEnvironment["origin"] as? String == "RELNA_TEMPLATES")

        // A broken manifest is listed with its problem, not hidden and not fatal.
        let broken = try #require(
            try Self.listing(viaOption).first { $0["name"] as? String == "manifest_unknown_key" })
        #expect(broken["title"] == nil || broken["title"] is NSNull)
        #expect((broken["problem"] as? String)?.contains("template check") == true)
    }

    @Test func anOverridingDomainHidesTheBuiltInOne() throws {
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = URL(fileURLWithPath: Self.brokenDomains).appendingPathComponent("control_clean")
        let copy = folder.appendingPathComponent("dqn")
        try FileManager.default.copyItem(at: source, to: copy)
        let manifest = copy.appendingPathComponent("manifest.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "domain: control_clean", with: "domain: dqn")
        try text.write(to: manifest, atomically: true, encoding: .utf8)

        let result = try AuthoringCLI.run(
            ["domains", "--json", "--templates", folder.path], removing: ["RELNA_TEMPLATES"])
        let dqn = try #require(try Self.listing(result).first { $0["name"] as? String == "dqn" })
        #expect(dqn["origin"] as? String == "--templates")
        #expect(dqn["title"] as? String == "Control domain")
        #expect((dqn["overrides"] as? [String]) == ["<built-in>/dqn"])

        let plain = try AuthoringCLI.run(
            ["domains", "--templates", folder.path], removing: ["RELNA_TEMPLATES"])
        #expect(plain.stdout.contains("overrides <built-in>/dqn"))
    }
}
