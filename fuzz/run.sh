#!/usr/bin/env bash
# Runs li707's fuzz targets (cargo-fuzz / libFuzzer) for a given number of minutes each.
#
#   fuzz/run.sh MINUTES [TARGET...]     targets: read_delivery roundtrip xsd_regex codegen
#                                       (default: all four)
#
# Environment:
#   JOBS=N          targets run at the same time (default: the number of CPUs). Each target
#                   gets the full MINUTES of wall time whatever the overlap.
#   SANITIZER=S     address (default), none, memory, thread, ... passed to `cargo fuzz -s`.
#                   li707 and li707-codegen are `#![forbid(unsafe_code)]`, so AddressSanitizer
#                   only guards the dependencies (panics, overflow checks and debug
#                   assertions are caught either way); `SANITIZER=none` runs faster.
#   TOOLCHAIN=T     rustup toolchain for the build (default: nightly). cargo-fuzz needs nightly
#                   for the sanitizers (`-Zsanitizer=...`); with SANITIZER=none stable works too.
#   ETSI_DIR=D      the official TS 103 120 V1.12.1 release (default: ../shared/etsi/ts_103120_v1.12.1
#                   beside the checkout).
#   KEEP_GOING=0    stop a target at its first crash (default 1: after a crash the target goes
#                   on in libFuzzer's fork mode with -ignore_crashes for the rest of its time).
#   EXTRA_ARGS=...  more libFuzzer flags for every target.
#
# Needs: `cargo install cargo-fuzz`, the nightly toolchain (`rustup toolchain install nightly`),
# python3 (seed extraction). Nothing is written outside fuzz/: corpora are seeded at run time by
# copying (the official ETSI files are never copied into the repository; corpus/ artifacts/
# logs/ target/ coverage/ are git-ignored).
#
# Per target it prints: wall minutes, executions, final coverage (cov/ft/corp of libFuzzer's
# last stats line) and the crash/timeout/oom artifacts found (minimize one with
# `cargo +nightly fuzz tmin TARGET ARTIFACT`, then add a regression test with its bytes to
# tests/fuzz_regressions.rs or codegen/tests/fuzz_regressions.rs).
set -euo pipefail

ALL_TARGETS=(read_delivery roundtrip xsd_regex codegen)

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 1 && $1 =~ ^[0-9]+([.][0-9]+)?$ ]] || usage
MINUTES=$1
shift
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
    [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || { echo "unknown target: $t" >&2; usage; }
done

FUZZ_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$FUZZ_DIR/.." && pwd)
ETSI_DIR=${ETSI_DIR:-$ROOT/../shared/etsi/ts_103120_v1.12.1}
JOBS=${JOBS:-$(nproc)}
SANITIZER=${SANITIZER:-address}
TOOLCHAIN=${TOOLCHAIN:-nightly}
KEEP_GOING=${KEEP_GOING:-1}
EXTRA_ARGS=${EXTRA_ARGS:-}
SECONDS_PER_TARGET=$(python3 -c "print(int(round(float('$MINUTES') * 60)))")
TRIPLE=$(rustc +"$TOOLCHAIN" -vV | sed -n 's/^host: //p')
BIN_DIR=$FUZZ_DIR/target/$TRIPLE/release

[[ -d $ETSI_DIR/examples && -d $ETSI_DIR/schema ]] || {
    echo "official TS 103 120 release not found at $ETSI_DIR (set ETSI_DIR)" >&2
    exit 2
}
cd "$FUZZ_DIR"
mkdir -p corpus artifacts logs

# ---------------------------------------------------------------------------------------------
# Seeds: copied (never linked) into the git-ignored corpus/<target>/ at every run. Existing
# corpus entries from earlier runs are kept.

XML_SEEDS=("$ETSI_DIR"/examples/*.xml "$ROOT"/tests/data/sample_delivery.xml "$ROOT"/examples/*.xml)
XSD_FILES=("$ROOT"/schemas/*.xsd "$ROOT"/conformance/fixtures/constructs.xsd
    "$ETSI_DIR"/schema/*.xsd "$ETSI_DIR"/examples/FooServiceSchema.xsd)

seed_copy() { # DIR PREFIX FILE...
    local dir=$1 prefix=$2
    shift 2
    for f in "$@"; do
        cp -f "$f" "$dir/$prefix-$(basename "$f")"
    done
}

seed() {
    local t=$1 dir=corpus/$1
    mkdir -p "$dir"
    case $t in
        read_delivery | roundtrip)
            seed_copy "$dir" seed "${XML_SEEDS[@]}"
            ;;
        codegen)
            seed_copy "$dir" seed "${XSD_FILES[@]}"
            # The same schemas without xs:import/xs:include (the input is written alone to a
            # temp file, where relative imports do not resolve).
            python3 - "$dir" "${XSD_FILES[@]}" <<'PY'
import os, re, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"<xs:(import|include)\b[^>]*?/>", "", text)
    text = re.sub(r"<xs:(import|include)\b.*?</xs:\1>", "", text, flags=re.S)
    with open(os.path.join(out, "seed-noimport-" + os.path.basename(path)), "w", encoding="utf-8") as f:
        f.write(text)
PY
            ;;
        xsd_regex)
            # Every xs:pattern value of the schemas, one per file, plus a few constructs.
            python3 - "$dir" "${XSD_FILES[@]}" <<'PY'
import hashlib, os, sys
import xml.etree.ElementTree as ET
out = sys.argv[1]
XS = "{http://www.w3.org/2001/XMLSchema}"
patterns = {
    "[a-z-[aeiou]]+", r"\i\c*", r"\s\S", r"V\d+\.\d+\.\d+", ".+@.+", r"\p{IsBasicLatin}*",
    r"[^\p{L}\p{Nd}]", r"sips?:[a-zA-Z0-9!#$&-;=?-\[\]_~%]+", "a{2,5}b?c*(d|e)+", r"[\-\^\\]",
    r"[+\-]?\d{1,3}(\.\d+)?", r"\P{IsGreek}", "x{0}", "[a-]", "[-a]", "$^",
}
for path in sys.argv[2:]:
    for el in ET.parse(path).iter(XS + "pattern"):
        patterns.add(el.get("value", ""))
for p in sorted(patterns):
    name = "seed-" + hashlib.sha1(p.encode()).hexdigest()[:16]
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(p)
PY
            ;;
    esac
}

dictionary() { # TARGET -> path of its libFuzzer dictionary
    local t=$1
    case $t in
        xsd_regex) echo "$FUZZ_DIR/dict/regex.dict" ;;
        *)
            # xml.dict plus the element/type names and namespaces of the schemas.
            local out=$FUZZ_DIR/corpus/$t.dict
            python3 - "$FUZZ_DIR/dict/xml.dict" "$out" "${XSD_FILES[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET
base, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
words = set()
for path in files:
    for el in ET.parse(path).iter():
        for key in ("name", "targetNamespace", "namespace", "value"):
            v = el.get(key)
            if v and len(v) <= 64 and all(0x20 <= ord(c) < 0x7f for c in v):
                words.add(v)
with open(out, "w", encoding="ascii") as f:
    f.write(open(base, encoding="ascii").read())
    f.write("# from the schemas\n")
    for w in sorted(words):
        f.write('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"\n')
PY
            echo "$out"
            ;;
    esac
}

target_args() {
    case $1 in
        read_delivery | roundtrip) echo "-max_len=65536 -timeout=30" ;;
        xsd_regex) echo "-max_len=512 -timeout=10" ;;
        codegen) echo "-max_len=32768 -timeout=60" ;;
    esac
}

# ---------------------------------------------------------------------------------------------
# Build

echo "== building with cargo +$TOOLCHAIN fuzz build -s $SANITIZER"
# cargo fuzz build takes one target or builds all of them.
BUILD_TARGET=()
[[ ${#TARGETS[@]} -eq 1 ]] && BUILD_TARGET=("${TARGETS[0]}")
cargo +"$TOOLCHAIN" fuzz build -s "$SANITIZER" "${BUILD_TARGET[@]}" >logs/build.log 2>&1 || {
    tail -30 logs/build.log >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# Run

artifacts_of() { # TARGET -> sorted artifact names
    ls "artifacts/$1" 2>/dev/null | grep -E '^(crash|timeout|oom|leak)-' | sort || true
}

run_target() {
    local t=$1
    local log=logs/$t.log dict
    dict=$(dictionary "$t")
    seed "$t"
    mkdir -p "artifacts/$t"
    artifacts_of "$t" >"logs/$t.artifacts-before"
    : >"$log"
    local start end now remaining segment=0 status
    start=$(date +%s)
    end=$((start + SECONDS_PER_TARGET))
    local mode=normal
    while :; do
        now=$(date +%s)
        remaining=$((end - now))
        ((remaining > 0)) || break
        segment=$((segment + 1))
        local fork_args=()
        [[ $mode == fork ]] && fork_args=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
        echo "### segment $segment ($mode mode, ${remaining}s)" >>"$log"
        set +e
        # shellcheck disable=SC2046,SC2086
        "$BIN_DIR/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -dict="$dict" \
            -max_total_time="$remaining" -print_final_stats=1 $(target_args "$t") \
            "${fork_args[@]}" $EXTRA_ARGS >>"$log" 2>&1
        status=$?
        set -e
        echo "### exit status $status" >>"$log"
        [[ $status -eq 0 ]] && break
        [[ $KEEP_GOING == 1 ]] || break
        mode=fork
    done
    echo $(($(date +%s) - start)) >"logs/$t.wall"
}

summary() {
    local t=$1 log=logs/$1.log
    python3 - "$t" "$log" "logs/$t.wall" "logs/$t.artifacts-before" "artifacts/$t" <<'PY'
import os, re, sys
t, log, wall, before, artdir = sys.argv[1:]
text = open(log, encoding="utf-8", errors="replace").read()
segments = text.split("### segment ")[1:]
execs = 0
cov = ft = corp = "?"
for seg in segments:
    fork = "fork mode" in seg.splitlines()[0]
    if fork:
        lines = re.findall(r"^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+)", seg, re.M)
        if lines:
            execs += int(lines[-1][0])
            cov, ft, corp = lines[-1][1:]
    else:
        units = re.findall(r"^stat::number_executed_units: (\d+)", seg, re.M)
        stats = re.findall(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)", seg, re.M)
        if units:
            execs += int(units[-1])
        elif stats:
            execs += int(stats[-1][0])
        if stats:
            cov, ft, corp = stats[-1][1:]
seconds = int(open(wall).read())
old = set(open(before).read().split())
new = sorted(a for a in os.listdir(artdir) if re.match(r"(crash|timeout|oom|leak)-", a) and a not in old)
panics = sorted(set(re.findall(r"panicked at ([^\n]+)", text)))
print(f"{t}: {seconds / 60:.1f} min wall, {execs} executions ({execs / max(seconds, 1):.0f}/s), "
      f"cov: {cov} ft: {ft} corp: {corp}, segments: {len(segments)}")
if new:
    print(f"  CRASHES: {len(new)} new artifact(s) in fuzz/{artdir}/:")
    for a in new:
        print(f"    {a}")
    for p in panics:
        print(f"    panicked at {p}")
else:
    print("  crashes: none")
PY
}

echo "== running ${TARGETS[*]} for $MINUTES min each, $JOBS at a time (logs in fuzz/logs/)"
running=0
for t in "${TARGETS[@]}"; do
    if ((running >= JOBS)); then
        wait -n
        running=$((running - 1))
    fi
    echo "   start $t at $(date +%T)"
    run_target "$t" &
    running=$((running + 1))
done
wait

echo "== results"
for t in "${TARGETS[@]}"; do
    summary "$t"
done
