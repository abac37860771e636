#!/usr/bin/env bash
# li707 against the reference validators, on the same files, in the same run.
#
#   bench/compare.sh [--count N] [--seed S] [--big-mb MB] [--rounds R] [--subset K]
#                    [--workdir DIR] [--output FILE] [--regen]
#   bench/compare.sh --report-only [--workdir DIR] [--output FILE]
#
# 1. Builds the release binaries: li707, li707-corpus and the raw_scan example
#    (conformance/examples/raw_scan.rs, the quick-xml NsReader scan without validation).
# 2. Generates the corpus with li707-corpus into WORKDIR/corpus-n<N>-s<S>-b<MB> unless it is
#    already there (N small deliveries of 1-50 handover items, one delivery of ~MB MB).
# 3. Creates a Python venv under WORKDIR with xmlschema, and a wrapper XSD that imports the
#    official TS 103 120 V1.12.1 schemas (../shared/etsi/ts_103120_v1.12.1/schema) and li707's
#    schemas/ts_103707_messaging.xsd by absolute path (as tests/support/xmllint.rs does).
# 4. Times, in R rounds with the order of the tools rotated each round, on the small corpus
#    and then on the big delivery:
#      li707      li707 validate DIR                       (one process, nproc threads)
#      xmllint-stream   xmllint --noout --stream --schema W FILES...   (one process)
#      xmllint    xmllint --noout --schema W FILES...       (one process)
#      xmlschema  python bench/xmlschema_validate.py W LIST [K]   (one process; on the first K
#                 small files only, beside li707 on the same K files)
#      raw-scan   raw_scan DIR                              (the parse-only physical limit)
#    with /usr/bin/time (wall, peak RSS, user+sys CPU), checks that every tool found every
#    document valid, and writes the tables to FILE (default BENCHMARKS.md in the repository).
#
# --report-only rewrites FILE from the last run's measurements in WORKDIR (results.tsv and
# run.env), without building or measuring.
#
# Defaults: --count 10000 --seed 1 --big-mb 100 --rounds 3 --subset 500
#           --workdir ${TMPDIR:-/tmp}/li707-bench --output <repo>/BENCHMARKS.md
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
invocation="bench/compare.sh${*:+ $*}"
count=10000
seed=1
big_mb=100
rounds=3
subset=500
workdir="${TMPDIR:-/tmp}/li707-bench"
output="$root/BENCHMARKS.md"
regen=0
report_only=0

usage() { sed -n '2,/^set -euo/{/^set -euo/d;p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while (($#)); do
    case $1 in
        --count) count=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --big-mb) big_mb=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --subset) subset=$2; shift 2 ;;
        --workdir) workdir=$2; shift 2 ;;
        --output) output=$2; shift 2 ;;
        --regen) regen=1; shift ;;
        --report-only) report_only=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
for n in "$count" "$seed" "$big_mb" "$rounds" "$subset"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "compare.sh: not a number: $n" >&2; exit 2; }
done
((count > 0 && big_mb > 0 && rounds > 0 && subset > 0)) \
    || { echo "compare.sh: --count, --big-mb, --rounds and --subset must be positive" >&2; exit 2; }

say() { printf '== %s\n' "$*" >&2; }
if ((report_only)); then
    [[ -f $workdir/run.env ]] || { echo "compare.sh: no earlier run in $workdir" >&2; exit 2; }
    out_arg=$output
    # shellcheck disable=SC1091
    source "$workdir/run.env"
    export output=$out_arg
    python3 "$root/bench/report.py"
    say "wrote $output"
    exit 0
fi
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- tools -----------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    say "installing GNU time"
    sudo=""; ((EUID == 0)) || sudo=sudo
    $sudo apt-get install -y time >/dev/null
fi
command -v xmllint >/dev/null || { echo "compare.sh: xmllint not found (apt-get install libxml2-utils)" >&2; exit 2; }

say "building release binaries"
(cd "$root" && cargo build --release --bin li707 --bin li707-corpus \
    && cargo build --release -p li707-conformance --example raw_scan)
li707="$root/target/release/li707"
corpus_bin="$root/target/release/li707-corpus"
raw_scan="$root/target/release/examples/raw_scan"

mkdir -p "$workdir"
workdir=$(cd "$workdir" && pwd)

# --- corpus ----------------------------------------------------------------------------------
corpus="$workdir/corpus-n$count-s$seed-b$big_mb"
if ((regen)) || [[ ! -f $corpus/corpus.txt ]]; then
    say "generating the corpus in $corpus"
    rm -rf "$corpus"
    "$corpus_bin" --out "$corpus" --count "$count" --seed "$seed" --big-mb "$big_mb"
else
    say "reusing the corpus in $corpus"
fi
small="$corpus/small"
big="$corpus/big/delivery-big.xml"
small_list="$workdir/small.list"
find "$small" -name '*.xml' -type f | LC_ALL=C sort >"$small_list"
head -n "$subset" "$small_list" >"$workdir/subset.list"
small_files=$(wc -l <"$small_list")
subset_files=$(wc -l <"$workdir/subset.list")
((small_files == count)) || { echo "compare.sh: $small_files files in $small, expected $count" >&2; exit 2; }
small_bytes=$(tr '\n' '\0' <"$small_list" | du -cb --files0-from=- | tail -n1 | cut -f1)
subset_bytes=$(tr '\n' '\0' <"$workdir/subset.list" | du -cb --files0-from=- | tail -n1 | cut -f1)
big_bytes=$(stat -c %s "$big")

# --- xmlschema -------------------------------------------------------------------------------
venv="$workdir/venv"
if ! "$venv/bin/python" -c 'import xmlschema' 2>/dev/null; then
    say "creating the Python venv with xmlschema"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check xmlschema
fi
xmlschema_version=$("$venv/bin/python" -c 'import xmlschema; print(xmlschema.__version__)')

# --- wrapper schema --------------------------------------------------------------------------
official="$(cd "$root/.." && pwd)/shared/etsi/ts_103120_v1.12.1/schema"
[[ -d $official ]] || { echo "compare.sh: official schemas not found in $official" >&2; exit 2; }
wrapper="$workdir/wrapper.xsd"
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:li707:bench:wrapper">'
    # libxml2 uses the first import of a namespace: the official TS 103 280 file comes before
    # the TS 103 707 schema (which imports li707's own transcription of it).
    for f in ts_103120_Core.xsd ts_103120_Delivery.xsd ts_103120_Task.xsd \
        ts_103120_Authorisation.xsd ts_103120_Document.xsd ts_103120_Notification.xsd \
        ts_103120_TrafficPolicy.xsd ts_103120_Common.xsd TS_103_280_01.xsd; do
        ns=$(grep -o -m1 'targetNamespace="[^"]*"' "$official/$f" | head -n1 | sed 's/^targetNamespace="\(.*\)"$/\1/')
        [[ -n $ns ]] || { echo "compare.sh: no targetNamespace in $official/$f" >&2; exit 2; }
        echo "  <xs:import namespace=\"$ns\" schemaLocation=\"$official/$f\"/>"
    done
    echo "  <xs:import namespace=\"http://uri.etsi.org/03707/2020/02\" schemaLocation=\"$root/schemas/ts_103707_messaging.xsd\"/>"
    echo '</xs:schema>'
} >"$wrapper"

# One process for all files: xargs with the largest command line the system allows, reading
# NUL-separated paths on stdin (the batch count is reported; 1 means one process).
argmax=$(( $(getconf ARG_MAX) - $(env | wc -c) - 65536 ))
tr '\n' '\0' <"$small_list" >"$small_list.0"
tr '\n' '\0' <"$workdir/subset.list" >"$workdir/subset.list.0"
batches() { xargs -0 -s "$argmax" sh -c 'echo batch' sh <"$1" | wc -l; }
small_batches=$(batches "$small_list.0")
subset_batches=$(batches "$workdir/subset.list.0")

# --- measuring -------------------------------------------------------------------------------
runs="$workdir/runs"
rm -rf "$runs"; mkdir -p "$runs"
results="$workdir/results.tsv"
printf 'dataset\ttool\tround\twall\trss_kb\tuser\tsys\n' >"$results"

# The command of each (dataset, tool), as words for eval, its standard input, and the number
# of documents it must find valid.
declare -A cmd input expect
xa='xargs -0 -s "$argmax"'
cmd[small,li707]="\"\$li707\" validate \"\$small\""
cmd[small,xmllint-stream]="$xa xmllint --noout --stream --schema \"\$wrapper\""
input[small,xmllint-stream]="$small_list.0"
cmd[small,xmllint]="$xa xmllint --noout --schema \"\$wrapper\""
input[small,xmllint]="$small_list.0"
cmd[small,xmlschema]="\"\$venv/bin/python\" \"\$root/bench/xmlschema_validate.py\" \"\$wrapper\" \"\$workdir/subset.list\""
cmd[small,li707-subset]="$xa \"\$li707\" validate"
input[small,li707-subset]="$workdir/subset.list.0"
cmd[small,raw-scan]="\"\$raw_scan\" \"\$small\""
cmd[big,li707]="\"\$li707\" validate \"\$big\""
cmd[big,xmllint-stream]="xmllint --noout --stream --schema \"\$wrapper\" \"\$big\""
cmd[big,xmllint]="xmllint --noout --schema \"\$wrapper\" \"\$big\""
cmd[big,xmlschema]="\"\$venv/bin/python\" \"\$root/bench/xmlschema_validate.py\" \"\$wrapper\" \"\$workdir/big.list\""
cmd[big,raw-scan]="\"\$raw_scan\" \"\$big\""
echo "$big" >"$workdir/big.list"
for t in li707 xmllint-stream xmllint raw-scan; do expect[small,$t]=$small_files; expect[big,$t]=1; done
expect[small,xmlschema]=$subset_files
expect[small,li707-subset]=$subset_files
expect[big,xmlschema]=1

# Checks a run's output: every document valid, as many as expected.
check() { # TOOL EXPECTED OUT ERR
    local tool=$1 n=$2 out=$3 err=$4 got
    case $tool in
        li707|li707-subset|xmlschema)
            got=$(awk '/^[0-9]+ valid, 0 invalid/ { s += $1 } END { print s + 0 }' "$out")
            if grep -Eq '^[0-9]+ valid, [1-9]' "$out"; then got=-1; fi ;;
        xmllint|xmllint-stream)
            got=$(grep -c ' validates$' "$err" || true)
            if grep -q ' fails to validate$' "$err"; then got=-1; fi ;;
        raw-scan) got=$(awk '{ print $1; exit }' "$out") ;;
    esac
    [[ $got == "$n" ]]
}

measure() { # DATASET TOOL ROUND
    local d=$1 t=$2 r=$3 base="$runs/$1.$2.$3" status=0
    eval "set -- ${cmd[$d,$t]}"
    local t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M %U %S' -o "$base.time" "$@" <"${input[$d,$t]:-/dev/null}" \
        >"$base.out" 2>"$base.err" || status=$?
    local t1=$EPOCHREALTIME
    if ! check "$t" "${expect[$d,$t]}" "$base.out" "$base.err"; then
        echo "compare.sh: $t on the $d set (round $r, exit $status) did not find all ${expect[$d,$t]} documents valid; see $base.out / $base.err" >&2
        exit 1
    fi
    # Wall time to the microsecond (EPOCHREALTIME, around /usr/bin/time); RSS and CPU from
    # /usr/bin/time (its %e has only two decimals).
    local wall rss user sys
    read -r _ rss user sys < <(tail -n1 "$base.time")
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$d" "$t" "$r" "$wall" "$rss" "$user" "$sys" >>"$results"
    say "$d round $r: $t ${wall}s $((rss / 1024)) MB"
}

warm() { xargs -0 cat <"$1" >/dev/null; }
for d in small big; do
    if [[ $d == small ]]; then
        tools=(li707 xmllint-stream xmllint xmlschema li707-subset raw-scan)
        warm "$small_list.0"
    else
        tools=(li707 xmllint-stream xmllint xmlschema raw-scan)
        cat "$big" >/dev/null
    fi
    for ((r = 0; r < rounds; r++)); do
        n=${#tools[@]}
        for ((i = 0; i < n; i++)); do
            measure "$d" "${tools[(i + r) % n]}" "$((r + 1))"
        done
    done
done
load_after=$(loadavg)

# --- report ----------------------------------------------------------------------------------
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(cd "$root" && git status --porcelain 2>/dev/null | grep -q . && echo " + uncommitted changes" || true)

export results output invocation started load_before load_after cpu ram commit dirty rounds \
    small_files small_bytes subset_files subset_bytes big_bytes small_batches subset_batches \
    corpus wrapper xmlschema_version
export nproc_=$(nproc)
export kernel=$(uname -r)
export rustc_version=$(rustc --version)
export xmllint_version=$(xmllint --version 2>&1 | head -n1 | sed 's/^xmllint: //')
export python_version=$("$venv/bin/python" --version 2>&1)
export corpus_summary=$(tr '\n' ' ' <"$corpus/corpus.txt")
for v in results invocation started load_before load_after cpu ram commit dirty rounds \
    small_files small_bytes subset_files subset_bytes big_bytes small_batches subset_batches \
    corpus wrapper xmlschema_version nproc_ kernel rustc_version xmllint_version python_version \
    corpus_summary; do
    printf 'export %s=%q\n' "$v" "${!v}"
done >"$workdir/run.env"
python3 "$root/bench/report.py"
say "wrote $output"
cat "$output"
