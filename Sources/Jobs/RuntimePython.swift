/// The Python a job's runtime or image runs, checked against the package's Requires-Python, so that
/// `build` says so when a request it writes names a Python the package cannot be installed on.
public enum RuntimePython {
    /// AI Platform Training runtimes 2.1 to 2.11 (the last) run Python 3.7 only (Google's runtime
    /// version list); nil for a runtime this table does not know.
    public static func aiPlatform(runtimeVersion: String) -> String? {
        let parts = runtimeVersion.split(separator: ".").map { Int($0) }
        guard parts.count == 2, parts[0] == 2, let minor = parts[1], (1...11).contains(minor) else {
            return nil
        }
        return "3.7"
    }

    /// The image table's Python for a listed image, else the tag's (`…/x.py310:latest` → `3.10`);
    /// nil when neither says.
    public static func vertex(executorImage: String, images: ExecutorImageTable) -> String? {
        if let known = images.image(uri: executorImage) { return known.python }
        guard let range = executorImage.range(of: ".py3") else { return nil }
        let minor = executorImage[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return minor.isEmpty ? nil : "3." + minor
    }

    /// Remarks for the user: each requested target whose Python cannot run the package.
    /// `requiresPython` is the package's lower bound (`3.7` for `>=3.7`).
    public static func notes(
        defaults: JobDefaults, requiresPython: String, targets: [JobTarget], images: ExecutorImageTable
    ) -> [String] {
        var notes: [String] = []
        if targets.contains(.aiplatform) {
            let runtime = defaults.runtimeVersion
            if let offered = aiPlatform(runtimeVersion: runtime), offered != defaults.pythonVersion {
                notes.append(
                    "AI Platform runtime \(runtime) runs Python \(offered) only, not \(defaults.pythonVersion): "
                        + "AI Platform will reject this request")
            } else if isOlder(defaults.pythonVersion, than: requiresPython) {
                notes.append(
                    "the AI Platform request names Python \(defaults.pythonVersion), but the package requires "
                        + "Python >=\(requiresPython): pip cannot install it there; use the Vertex request")
            }
        }
        if targets.contains(.vertex),
            let python = vertex(executorImage: defaults.executorImage, images: images),
            isOlder(python, than: requiresPython)
        {
            notes.append(
                "the Vertex image \(defaults.executorImage) runs Python \(python), but the package requires "
                    + "Python >=\(requiresPython): pip cannot install it there")
        }
        return notes
    }

    /// `3.7` < `3.10`, compared by number; false when either is not a dotted version.
    static func isOlder(_ version: String, than other: String) -> Bool {
        let left = version.split(separator: ".").map { Int($0) }
        let right = other.split(separator: ".").map { Int($0) }
        guard !left.contains(nil), !right.contains(nil) else { return false }
        // Missing parts count as 0, so 3.7 and 3.7.0 are the same version.
        for index in 0..<max(left.count, right.count) {
            let (a, b) = (
                (index < left.count ? left[index] : 0) ?? 0, (index < right.count ? right[index] : 0) ?? 0
            )
            if a != b { return a < b }
        }
        return false
    }
}
