/// Job names made valid for each API.
///
/// AI Platform `jobId`: starts with a letter, then letters, digits and underscores, at most 128
/// characters. Vertex `displayName`: up to 128 characters; we keep it to the same readable alphabet
/// plus `-` and `.` so that it also works unquoted in shells and console filters.
public enum JobName {
    public static let maxLength = 128

    public static func sanitized(_ name: String, for target: JobTarget) -> String {
        let keepsPunctuation = target == .vertex
        var out = ""
        var lastWasUnderscore = false
        for scalar in name.unicodeScalars {
            let isWordChar =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWordChar || (keepsPunctuation && (scalar == "-" || scalar == ".")) {
                out.unicodeScalars.append(scalar)
                lastWasUnderscore = false
            } else if !lastWasUnderscore {
                // Runs of anything else (spaces, dashes for AI Platform, non-ASCII) become one underscore.
                out += "_"
                lastWasUnderscore = true
            }
        }
        while out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("_") { out.removeLast() }
        if let first = out.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            // Starts with a letter already.
        } else {
            out = out.isEmpty ? "relna_job" : "relna_" + out
        }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("_") { out.removeLast() }
        }
        return out
    }

    /// The name a build writes: `relna_<domain>_<env>_<first 12 hex digits of the sdist's sha256>`,
    /// stable for identical inputs (reproducible job files).
    public static func forBuild(domain: String, envId: String, sha256: String) -> String {
        "relna_\(domain)_\(envId)_\(sha256.prefix(12))"
    }

    /// A Kubeflow pipeline's name (`^[a-z0-9][a-z0-9-]{0,127}$`): `name` lowercased, each run of
    /// other characters one dash; `relna-pipeline` when nothing is left.
    public static func forPipeline(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        out = String(out.prefix(maxLength))
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "relna-pipeline" : out
    }
}
