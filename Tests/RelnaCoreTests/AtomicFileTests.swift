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

/// A target that is not a regular file (a device, a FIFO) is written into, never replaced: renaming
/// a temporary file over /dev/null as root once turned it into a regular file for the whole machine.
@Suite struct AtomicFileSpecialTargetTests {
    @Test func aFIFOTargetStaysAFIFOAndReceivesTheBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("out.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // The reader opens the FIFO after the writer started, so neither open blocks forever.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo.path]
        let pipe = Pipe()
        reader.standardOutput = pipe
        try reader.run()
        try AtomicFile.write(Array("package bytes".utf8), to: fifo)
        let received = pipe.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(String(decoding: received, as: UTF8.self) == "package bytes")
        #expect(try fileType(fifo.path) != .typeRegular)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.fifo"])
    }

    @Test func devNullStaysACharacterDevice() throws {
        try AtomicFile.write(Array("discarded".utf8), to: URL(fileURLWithPath: "/dev/null"))
        #expect(try fileType("/dev/null") == .typeCharacterSpecial)
    }

    @Test func aFolderTargetIsRefusedAndLeftAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: OutputError.self) {
            try AtomicFile.write([1], to: folder)
        }
        #expect(error?.message == "is a folder")
        #expect(try fileType(folder.path) == .typeDirectory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    private func fileType(_ path: String) throws -> FileAttributeType {
        let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        return type ?? .typeUnknown
    }
}
