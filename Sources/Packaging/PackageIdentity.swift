import Manifest
import RelnaCore

/// The distribution name and version of the package being built, validated as the packaging
/// standards require: a valid project name (PEP 508 / core metadata) and a PEP 440 version.
public struct PackageIdentity: Sendable, Hashable {
    /// As given, e.g. `relna-trainer-dqn`.
    public var name: String
    /// The sdist's file-name form: lowercase, runs of `-_.` become `_` (`relna_trainer_dqn`).
    public var normalizedName: String
    public var version: String

    public var stem: String { "\(normalizedName)-\(version)" }
    public var fileName: String { "\(stem).tar.gz" }

    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case invalidName(String)
        case invalidVersion(String, suggestion: String?)

        public var description: String {
            switch self {
            case .invalidName(let name):
                return "'\(name)' is not a valid distribution name: use letters, digits, '-', '_' and '.', "
                    + "starting and ending with a letter or digit"
            case .invalidVersion(let version, _):
                return
                    "'\(version)' is not a PEP 440 version in its canonical form (e.g. 0.1.0, 1.0rc1, 2.0.post1)"
            }
        }

        public var hint: String? {
            switch self {
            case .invalidName: return "for example --name relna-trainer-dqn"
            case .invalidVersion(_, let suggestion?): return "write --package-version \(suggestion)"
            case .invalidVersion: return "for example --package-version 0.1.0"
            }
        }
    }

    public init(name: String, version: String) throws(Problem) {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        guard Self.isCanonicalVersion(version) else {
            let lowered = version.lowercased().substituting("-", with: ".")
            let suggestion = lowered.hasPrefix("v") ? String(lowered.dropFirst()) : lowered
            throw .invalidVersion(version, suggestion: Self.isCanonicalVersion(suggestion) ? suggestion : nil)
        }
        self.name = name
        self.normalizedName = Self.normalize(name)
        self.version = version
    }

    /// `^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`, case-insensitive (core metadata `Name`).
    public static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 200 else { return false }
        let alnum: (Unicode.Scalar) -> Bool = { Names.isASCIILetter($0) || ("0"..."9").contains($0) }
        return alnum(first) && alnum(last)
            && scalars.allSatisfy { alnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// PEP 503 normalisation with `_` as the separator, as sdist file names use.
    public static func normalize(_ name: String) -> String {
        var result = ""
        var inSeparator = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar == "." {
                if !inSeparator { result.append("_") }
                inSeparator = true
            } else {
                result.unicodeScalars.append(scalar)
                inSeparator = false
            }
        }
        return result
    }

    /// The canonical PEP 440 form: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, numbers without
    /// leading zeros, lowercase. Canonical only, so the file name, PKG-INFO and pip agree on it.
    public static func isCanonicalVersion(_ version: String) -> Bool {
        var text = Substring(version)
        guard text.utf8.count <= 100 else { return false }
        func number(_ text: inout Substring) -> Bool {
            let digits = text.prefix { ("0"..."9").contains($0) }
            guard !digits.isEmpty, digits == "0" || !digits.hasPrefix("0") else { return false }
            text = text.dropFirst(digits.count)
            return true
        }
        var local: Substring?
        if let plus = text.firstIndex(of: "+") {
            local = text[text.index(after: plus)...]
            text = text[..<plus]
        }
        if let bang = text.firstIndex(of: "!") {
            var epoch = text[..<bang]
            guard number(&epoch), epoch.isEmpty else { return false }
            text = text[text.index(after: bang)...]
        }
        guard number(&text) else { return false }
        while text.hasPrefix("."), let next = text.dropFirst().first, ("0"..."9").contains(next) {
            text = text.dropFirst()
            guard number(&text) else { return false }
        }
        for pre in ["a", "b", "rc"] where text.hasPrefix(pre) {
            text = text.dropFirst(pre.count)
            guard number(&text) else { return false }
            break
        }
        for suffix in [".post", ".dev"] where text.hasPrefix(suffix) {
            text = text.dropFirst(suffix.count)
            guard number(&text) else { return false }
        }
        guard text.isEmpty else { return false }
        if let local {
            let parts = local.split(separator: ".", omittingEmptySubsequences: false)
            return parts.allSatisfy { part in
                !part.isEmpty
                    && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
        }
        return true
    }
}
