import Foundation
import RelnaCore
import Testing

@Suite struct AtomicFileTests {
    @Test func writeLeavesOnlyTheTarget() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.write([1, 2, 3], to: folder.appendingPathComponent("a.bin"))
        try AtomicFile.write([4], to: folder.appendingPathComponent("a.bin"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.bin"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("a.bin")) == Data([4]))
        #expect(throws: OutputError.self) {
            try AtomicFile.write([1], to: folder.appendingPathComponent("missing/b.bin"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.bin"])
    }
}
