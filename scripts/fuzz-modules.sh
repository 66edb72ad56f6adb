# Sourced by scripts/fuzz-inspector and scripts/fuzz-templates: builds the package's targets outside
# SwiftPM, module by module as Package.swift declares them, so the fuzzers exercise the same modules.
#
#   fuzz_setup OUT [--check]   --check: modules only and a typecheck of the entry point (what
#                              scripts/test runs, so the entry points cannot rot); else libFuzzer + ASan.
#   fuzz_module NAME SOURCES…  one target: a static library and its module, into OUT.
#   fuzz_entry ENTRY.swift BINARY MODULES…   the entry point linked with the modules' libraries
#                              (MODULES in dependency order, as fuzz_module built them).

fuzz_setup() {
    fuzz_out=$1
    fuzz_check=${2:-}
    mkdir -p "$fuzz_out"
    # One package name for all, so `package` declarations are visible across the modules as in SwiftPM.
    fuzz_common=(-swift-version 6 -parse-as-library -package-name relna_pack -I "$fuzz_out")
    if [ "$fuzz_check" = --check ]; then
        fuzz_flags=(-Onone)
    else
        fuzz_flags=(-O -g -sanitize=fuzzer,address)
    fi
}

fuzz_module() {
    local name=$1
    shift
    if [ "$fuzz_check" = --check ]; then
        swiftc "${fuzz_common[@]}" "${fuzz_flags[@]}" -module-name "$name" -emit-module \
            -emit-module-path "$fuzz_out/$name.swiftmodule" "$@"
    else
        swiftc "${fuzz_common[@]}" "${fuzz_flags[@]}" -module-name "$name" -emit-library -static \
            -emit-module -emit-module-path "$fuzz_out/$name.swiftmodule" -o "$fuzz_out/lib$name.a" "$@"
    fi
}

fuzz_entry() {
    local entry=$1 binary=$2
    shift 2
    if [ "$fuzz_check" = --check ]; then
        swiftc "${fuzz_common[@]}" -typecheck "$entry"
        return
    fi
    # Modules come in dependency order; the linker wants each library before those it uses.
    local libraries=()
    for name in "$@"; do libraries=("$fuzz_out/lib$name.a" "${libraries[@]}"); done
    # (ld.gold's "Cannot export local symbol '__asan_…'" notes are noise from the sanitizer runtime.)
    swiftc "${fuzz_common[@]}" "${fuzz_flags[@]}" -module-name "$(basename "$binary" | tr -c 'A-Za-z0-9\n' _)" \
        -o "$binary" "$entry" "${libraries[@]}" 2>&1 | { grep -v "Cannot export local symbol" || true; }
    test "${PIPESTATUS[0]}" -eq 0
}
