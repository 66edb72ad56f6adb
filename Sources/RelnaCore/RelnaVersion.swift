/// The tool's version, recorded in every package's provenance.
public enum RelnaVersion {
    public static let string = "0.1.0"
}
