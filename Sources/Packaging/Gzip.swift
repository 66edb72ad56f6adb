import CZlib

/// Gzip (RFC 1952) with a header that is the same everywhere: no file name, mtime 0, OS "unknown"
/// (zlib's own header records the build platform), and a fixed compression level.
public enum Gzip {
    // Level 6 (zlib's default): a third of level 9's time for a package within 1% of its size.
    public static let level: Int32 = 6

    public enum Failure: Error, Sendable, Hashable {
        case zlib(code: Int32)
    }

    public static func compress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // Raw deflate (negative window bits): the gzip framing is written here, byte for byte.
        let initCode = deflateInit2_(
            &stream, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard initCode == Z_OK else { throw .zlib(code: initCode) }
        defer { deflateEnd(&stream) }

        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var output = [UInt8](repeating: 0, count: 10 + bound + 8)
        // ID1 ID2 CM FLG MTIME(4) XFL(0: neither the fastest nor the best level) OS(255 = unknown)
        output.replaceSubrange(0..<10, with: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255])
        var code: Int32 = Z_OK
        var produced = 0
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress.map { $0 + 10 }
                stream.avail_out = UInt32(bound)
                code = deflate(&stream, Z_FINISH)
                produced = bound - Int(stream.avail_out)
            }
        }
        guard code == Z_STREAM_END else { throw .zlib(code: code) }
        output.removeSubrange((10 + produced)...)
        let crc = input.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        appendLittleEndian(UInt32(truncatingIfNeeded: crc), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: input.count), to: &output)
        return output
    }

    private static func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }
}
