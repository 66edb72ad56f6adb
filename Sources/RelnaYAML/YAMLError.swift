import RelnaCore

/// Why a YAML document could not be turned into a node tree: the located error every reader throws,
/// under the name YAML callers know it by.
public typealias YAMLError = DocumentError
