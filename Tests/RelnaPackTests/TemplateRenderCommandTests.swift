import Foundation
import Testing

/// `relna-pack template render`: includes resolve from the templates root above a domain folder, a
/// missing include says where it looked and about --root, and `build --render-context` prints the
/// context a build really renders with (issue 14 §7).
@Suite struct TemplateRenderCommandTests {
    @Test func aDomainTemplateRendersWithTheContextOfARealBuild() throws {
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let domain = CLI.brokenDomains + "/control_clean"
        let agent = domain + "/starters/numpy.py"
        let printed = try AuthoringCLI.run(
            [
                "build", agent, "--domain", "control_clean", "--templates", CLI.brokenDomains,
                "--render-context",
            ],
            in: folder)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("{\n  \"domain\": \"control_clean\","))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)  // nothing built
        let context = folder.appendingPathComponent("ctx.json")
        try printed.stdout.write(to: context, atomically: true, encoding: .utf8)

        // task.py.j2 includes "control_clean/defaults.py.j2": found without --root.
        let rendered = try AuthoringCLI.run(
            ["template", "render", domain + "/task.py.j2", "--context", context.path])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("DEFAULTS = {\n    'learning_rate': 0.01,\n}"))
        #expect(rendered.stdout.hasPrefix("\"\"\"Control domain: trains an agent on CartPole-v1"))
    }

    @Test func aMissingIncludeSaysWhereItLookedAndAboutRoot() throws {
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("page.txt")
        try "{% include \"parts/header.txt\" %}\n".write(to: template, atomically: true, encoding: .utf8)
        let result = try AuthoringCLI.run(
            ["template", "render", template.path], environment: ["NO_COLOR": "1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("template 'parts/header.txt' not found"), "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "note: include names are resolved in \(folder.path); pass --root DIR, the folder that "
                    + "holds the domain folders and _shared/"))
    }
}
