//! The `li707` command line: `example`, `validate` and `inspect`, run as a process.

mod support;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::xmllint::TempDirLike;

const ETSI707_NS: &str = "http://uri.etsi.org/03707/2020/02";

/// The `li707` binary as cargo built it for this test run.
fn li707() -> Command {
    Command::new(env!("CARGO_BIN_EXE_li707"))
}

/// Runs `li707 args…`, optionally with `stdin`, and returns its output.
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = li707();
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run li707 {args:?}: {e}"));
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input).expect("write stdin");
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("li707 {args:?}: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Panics with both streams unless the exit status is `code`.
fn assert_status(o: &Output, code: i32, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: exit status\n--- stdout ---\n{}\n--- stderr ---\n{}",
        stdout(o),
        stderr(o)
    );
}

/// `li707 example args…`, checked to succeed.
fn example(args: &[&str]) -> Vec<u8> {
    let mut all = vec!["example"];
    all.extend_from_slice(args);
    let o = run(&all, None);
    assert_status(&o, 0, &format!("li707 {all:?}"));
    assert!(!o.stdout.is_empty(), "li707 {all:?} wrote nothing");
    o.stdout
}

// ---------------------------------------------------------------------------------------------
// 1. example | validate -, and xmllint agrees
// ---------------------------------------------------------------------------------------------

#[test]
fn example_pipes_into_validate_and_xmllint_agrees() {
    let xml = example(&["--items", "3", "--binary", "2", "--collection"]);
    let o = run(&["validate", "-"], Some(&xml));
    assert_status(&o, 0, "li707 validate - (example output)");
    assert_eq!(stdout(&o).trim_end(), "1 valid, 0 invalid");

    // The same document under the official TS 103 120 V1.12.1 schemas plus li707's TS 103 707.
    let schemas = support::xmllint::official(&[(
        ETSI707_NS,
        support::paths::repo_root().join("schemas/ts_103707_messaging.xsd"),
    )]);
    schemas.assert_valid(&xml);
}

#[test]
fn example_is_deterministic_per_seed_and_honours_its_options() {
    let a = example(&["--items", "2", "--seed", "42"]);
    let b = example(&["--items", "2", "--seed", "42"]);
    assert_eq!(a, b, "same seed, same document");
    let c = example(&["--items", "2", "--seed", "43"]);
    assert_ne!(a, c, "another seed, another document");

    let xml = example(&[
        "--items",
        "4",
        "--binary",
        "3",
        "--collection",
        "--seed",
        "5",
    ]);
    let reading = li707::read(&xml, &li707::Limits::default());
    assert!(reading.report.is_valid(), "{}", reading.report);
    let delivery = reading.delivery.expect("a delivery");
    let items = delivery.items();
    assert_eq!(items.len(), 4);
    let binaries: usize = items
        .iter()
        .map(|item| {
            let li707::schema::etsi707::Payload::MessagingPayload(p) = &item.payload;
            p.core_parameters
                .associated_binary_data
                .as_ref()
                .map_or(0, |b| b.binary_object.len())
        })
        .sum();
    assert_eq!(binaries, 3, "--binary 3");
}

// ---------------------------------------------------------------------------------------------
// 2. a directory of 1,000 deliveries, a tenth broken in ten different ways
// ---------------------------------------------------------------------------------------------

/// The byte range `start..end` of the first element whose local name is `local`, from its start
/// tag through its end tag (the element must not nest an element of the same name).
fn element(xml: &str, local: &str) -> (usize, usize) {
    let mut from = 0;
    while let Some(found) = xml[from..].find('<') {
        let at = from + found;
        let name_end = xml[at + 1..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(xml.len(), |n| at + 1 + n);
        let qname = &xml[at + 1..name_end];
        if qname.rsplit(':').next() == Some(local) && !qname.starts_with(['/', '?', '!']) {
            let close = format!("</{qname}>");
            let end = xml[at..]
                .find(&close)
                .unwrap_or_else(|| panic!("no {close} in document"));
            return (at, at + end + close.len());
        }
        from = at + 1;
    }
    panic!("no element {local} in document:\n{xml}");
}

/// The byte range of the text content of the first element named `local`.
fn text(xml: &str, local: &str) -> (usize, usize) {
    let (start, end) = element(xml, local);
    let open_end = start + xml[start..].find('>').expect("start tag ends");
    let close_start = start + xml[start..end].rfind("</").expect("end tag");
    (open_end + 1, close_start)
}

/// `xml` with the text of the first `local` element replaced by `value`.
fn set_text(xml: &str, local: &str, value: &str) -> String {
    let (a, b) = text(xml, local);
    format!("{}{value}{}", &xml[..a], &xml[b..])
}

/// `xml` with the text of the `n`th (0-based) `local` element replaced by `value`.
fn set_nth_text(xml: &str, local: &str, n: usize, value: &str) -> String {
    let mut offset = 0;
    for _ in 0..n {
        let (_, end) = element(&xml[offset..], local);
        offset += end;
    }
    let (a, b) = text(&xml[offset..], local);
    format!("{}{value}{}", &xml[..offset + a], &xml[offset + b..])
}

/// How a generated delivery is broken (ten kinds, one per broken-file index modulo 10).
const BREAKAGES: [&str; 10] = [
    "pattern",
    "missing required element",
    "unknown element",
    "wrong xsi:type",
    "bad checksum (TS 103 707 rule)",
    "duplicate binaryObject url (TS 103 707 rule)",
    "national profile not N/A (TS 103 707 rule)",
    "not well-formed",
    "invalid UTF-8",
    "integer lexical form",
];

/// Breaks a valid delivery (with at least two binary objects) in the way `kind` names.
fn break_delivery(xml: &[u8], kind: usize) -> Vec<u8> {
    let xml = std::str::from_utf8(xml).expect("generated deliveries are UTF-8");
    let broken = match kind {
        0 => set_text(xml, "TransactionIdentifier", "not-a-uuid"),
        1 => {
            let (a, b) = element(xml, "Timestamp");
            format!("{}{}", &xml[..a], &xml[b..])
        }
        2 => {
            let (_, b) = element(xml, "Version");
            format!(
                "{}<unexpected xmlns=\"urn:li707:test\">x</unexpected>{}",
                &xml[..b],
                &xml[b..]
            )
        }
        3 => {
            assert!(xml.contains(":DeliveryObject\""), "xsi:type DeliveryObject");
            xml.replacen(":DeliveryObject\"", ":NoSuchObject\"", 1)
        }
        4 => set_text(xml, "checksum", "not-a-sha-256-digest"),
        5 => {
            let (a, b) = text(xml, "url");
            let first = xml[a..b].to_owned();
            set_nth_text(xml, "url", 1, &first)
        }
        6 => set_text(xml, "NationalProfileOwner", "XX-profile"),
        7 => {
            let (a, b) = element(xml, "Version");
            let end = a + xml[a..b].rfind("</").expect("end tag");
            format!("{}</Versoin>{}", &xml[..end], &xml[b..])
        }
        8 => {
            let (a, _) = text(xml, "UniqueIdentifier");
            let mut bytes = xml.as_bytes().to_vec();
            bytes.splice(a..a, [0xff, 0xfe]);
            return bytes;
        }
        9 => set_text(xml, "SequenceNumber", "first"),
        _ => unreachable!("ten kinds"),
    };
    broken.into_bytes()
}

/// Writes 1,000 deliveries (every tenth broken, every seventh in a subdirectory, plus a file
/// that is not `*.xml`) and returns the paths of the broken ones as the output names them.
fn write_corpus(dir: &Path) -> (Vec<PathBuf>, BTreeSet<String>) {
    std::fs::create_dir(dir.join("sub")).expect("subdirectory");
    std::fs::write(dir.join("README.txt"), "not a delivery, not *.xml").expect("write");
    let mut all = Vec::new();
    let mut broken = BTreeSet::new();
    for i in 0..1000u64 {
        let is_broken = i % 10 == 3;
        let items = 1 + (i % 3) as usize;
        let binary = if is_broken { 2 } else { (i % 4) as usize };
        let message = li707::build::sample::sample_delivery(items, binary, i % 2 == 0, i)
            .unwrap_or_else(|e| panic!("sample {i}: {e}"));
        let mut xml = message
            .to_xml()
            .unwrap_or_else(|e| panic!("sample {i}: {e}"));
        if is_broken {
            xml = break_delivery(&xml, ((i / 10) % 10) as usize);
        }
        let path = if i % 7 == 0 {
            dir.join("sub").join(format!("delivery-{i:04}.xml"))
        } else {
            dir.join(format!("delivery-{i:04}.xml"))
        };
        std::fs::write(&path, &xml).expect("write delivery");
        if is_broken {
            broken.insert(path.display().to_string());
        }
        all.push(path);
    }
    (all, broken)
}

/// Checks the shape `line:col: /path: rule: message` of what follows `file:` in an error line.
fn assert_located_with_rule(line: &str, rest: &str) {
    let mut parts = rest.splitn(3, ':');
    let (l, c, tail) = (parts.next(), parts.next(), parts.next());
    let numeric =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    assert!(numeric(l) && numeric(c), "no line:col in {line:?}");
    let tail = tail.unwrap_or_default();
    let tail = tail
        .strip_prefix(" /")
        .unwrap_or_else(|| panic!("no element path in {line:?}"));
    let mut fields = tail.splitn(3, ": ");
    let (_path, rule, message) = (fields.next(), fields.next(), fields.next());
    assert!(
        rule.is_some_and(|r| !r.trim().is_empty()) && message.is_some_and(|m| !m.is_empty()),
        "no rule and message in {line:?}"
    );
}

#[test]
fn validate_reports_exactly_the_broken_files_of_a_directory() {
    let tmp = TempDirLike::new("li707-cli-corpus");
    let (all, broken) = write_corpus(tmp.path());
    assert_eq!(broken.len(), 100);
    let dir = tmp.path().display().to_string();

    // Text output.
    let o = run(&["validate", &dir], None);
    assert_status(&o, 1, "li707 validate on the corpus");
    let out = stdout(&o);
    let mut lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.pop(), Some("900 valid, 100 invalid"), "summary line");
    let mut reported = BTreeSet::new();
    let mut kinds_seen = BTreeSet::new();
    for line in &lines {
        let (file, rest) = line
            .split_once(".xml:")
            .unwrap_or_else(|| panic!("no file name in {line:?}"));
        let file = format!("{file}.xml");
        assert_located_with_rule(line, rest);
        let index: u64 = file
            .rsplit("delivery-")
            .next()
            .and_then(|n| n.strip_suffix(".xml"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("unexpected file {file:?}"));
        kinds_seen.insert(BREAKAGES[((index / 10) % 10) as usize]);
        reported.insert(file);
    }
    assert_eq!(reported, broken, "files reported = the broken set");
    assert_eq!(
        kinds_seen.len(),
        BREAKAGES.len(),
        "every kind of breakage reported"
    );
    // Deterministic order: the files sorted by path (as listed in the errors).
    let order: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_once(".xml:").map(|(f, _)| f))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "errors in path order");

    // JSON Lines output: one record per file, valid == false exactly for the broken set.
    let o = run(&["validate", "--json", &dir], None);
    assert_status(&o, 1, "li707 validate --json on the corpus");
    let mut files = BTreeSet::new();
    let mut invalid = BTreeSet::new();
    for line in stdout(&o).lines() {
        let record: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line:?}: {e}"));
        let file = record["file"].as_str().expect("file").to_owned();
        let valid = record["valid"].as_bool().expect("valid");
        let errors = record["errors"].as_array().expect("errors");
        assert_eq!(record["truncated"].as_bool(), Some(false), "{line}");
        assert_eq!(valid, errors.is_empty(), "{line}");
        for e in errors {
            assert!(e["line"].as_u64().is_some_and(|l| l >= 1), "{line}");
            assert!(e["column"].as_u64().is_some_and(|c| c >= 1), "{line}");
            assert!(
                e["path"].as_str().is_some_and(|p| p.starts_with('/')),
                "{line}"
            );
            assert!(e["rule"].as_str().is_some_and(|r| !r.is_empty()), "{line}");
            assert!(e["message"].as_str().is_some(), "{line}");
        }
        if !valid {
            invalid.insert(file.clone());
        }
        assert!(files.insert(file), "one record per file: {line}");
    }
    let expected: BTreeSet<String> = all.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        files, expected,
        "a record for every *.xml file, nothing else"
    );
    assert_eq!(invalid, broken, "valid == false exactly for the broken set");
}

#[test]
fn max_errors_truncates_and_says_so() {
    let xml = example(&["--items", "2", "--seed", "9"]);
    let text = String::from_utf8(xml).expect("UTF-8");
    // Three pattern errors (country codes of three letters), reported one at most.
    let mut broken = text;
    for n in 0..3 {
        broken = set_nth_text(&broken, "CountryCode", n, "XYZ");
    }
    let o = run(
        &["validate", "--max-errors", "1", "--json", "-"],
        Some(broken.as_bytes()),
    );
    assert_status(&o, 1, "validate --max-errors 1");
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(record["file"], "-");
    assert_eq!(record["valid"], false);
    assert_eq!(record["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(record["truncated"], true, "{record}");
}

// ---------------------------------------------------------------------------------------------
// 3. exit statuses, inspect, examples/
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_paths_and_bad_arguments_exit_2() {
    let tmp = TempDirLike::new("li707-cli-missing");
    let missing = tmp.path().join("no-such-file.xml").display().to_string();
    let o = run(&["validate", &missing], None);
    assert_status(&o, 2, "validate of a missing file");
    assert!(stderr(&o).contains("no-such-file.xml"), "{}", stderr(&o));

    // A missing path among valid ones still makes the status 2; the others are checked.
    std::fs::write(tmp.path().join("ok.xml"), example(&[])).expect("write");
    let ok = tmp.path().join("ok.xml").display().to_string();
    let o = run(&["validate", &ok, &missing], None);
    assert_status(&o, 2, "validate of a valid and a missing file");
    assert!(stdout(&o).contains("1 valid, 0 invalid"), "{}", stdout(&o));

    let o = run(&["inspect", &missing], None);
    assert_status(&o, 2, "inspect of a missing file");

    for args in [
        &["validate"][..],
        &["frobnicate"],
        &[],
        &["validate", "--max-errors", "0", &ok],
        &["validate", "--binary-model", "C", &ok],
        &["example", "--items", "0"],
        &["example", "--items", "many"],
        &["inspect"],
    ] {
        let o = run(args, None);
        assert_status(&o, 2, &format!("li707 {args:?}"));
        assert!(o.stdout.is_empty(), "usage errors go to stderr: {args:?}");
    }
}

#[test]
fn inspect_prints_the_reference_and_the_items() {
    let xml = example(&[
        "--items",
        "3",
        "--binary",
        "1",
        "--collection",
        "--seed",
        "11",
    ]);
    let reading = li707::read(&xml, &li707::Limits::default());
    let delivery = reading.delivery.expect("example is a delivery");
    let object = delivery.objects()[0];
    let reference = match &object.reference {
        Some(li707::schema::delivery::Reference::Liid(l)) => format!("LIID {}", l.as_str()),
        Some(li707::schema::delivery::Reference::Ldid(l)) => format!("LDID {}", l.as_str()),
        None => panic!("the example has a Reference"),
    };

    let o = run(&["inspect", "-"], Some(&xml));
    assert_status(&o, 0, "inspect of an example");
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("reference:") && l.ends_with(&reference)),
        "reference {reference:?} in\n{out}"
    );
    assert!(out.contains("handover items: 3"), "{out}");
    assert_eq!(out.matches("\nitem ").count(), 3, "{out}");
    let sender = delivery
        .header()
        .sender_identifier
        .unique_identifier
        .as_str();
    assert!(out.contains(sender), "sender {sender:?} in\n{out}");

    // Invalid input: its errors on stderr, status 1.
    let broken = break_delivery(&xml, 0);
    let o = run(&["inspect", "-"], Some(&broken));
    assert_status(&o, 1, "inspect of an invalid delivery");
    assert!(
        stderr(&o).contains("TransactionIdentifier"),
        "{}",
        stderr(&o)
    );
    let o = run(&["inspect", "-"], Some(b"\xff\xfe<not xml"));
    assert_status(&o, 1, "inspect of garbage");
}

/// The sample deliveries in `examples/` and the `li707 example` arguments that produce them.
const EXAMPLES: &[(&str, &[&str])] = &[
    ("single_item.xml", &[]),
    (
        "collection_3_items_2_binary.xml",
        &["--items", "3", "--binary", "2", "--collection"],
    ),
    (
        "collection_10_items.xml",
        &["--items", "10", "--collection"],
    ),
];

#[test]
fn the_examples_validate_and_are_current() {
    let dir = support::paths::repo_root().join("examples");
    let o = run(&["validate", &dir.display().to_string()], None);
    assert_status(&o, 0, "li707 validate examples/");
    let summary = stdout(&o);
    let valid: usize = summary
        .trim_end()
        .strip_suffix(" valid, 0 invalid")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("summary: {summary}"));
    assert!(valid >= EXAMPLES.len(), "{summary}");
    for (file, args) in EXAMPLES {
        let path = dir.join(file);
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            on_disk == example(args),
            "examples/{file} is stale: regenerate with `cargo run -q --bin li707 -- example {} > examples/{file}`",
            args.join(" ")
        );
    }
}

#[test]
fn validate_walks_directories_and_reads_stdin() {
    let tmp = TempDirLike::new("li707-cli-walk");
    let valid = example(&["--seed", "3"]);
    std::fs::create_dir_all(tmp.path().join("b/c")).expect("dirs");
    std::fs::write(tmp.path().join("b/c/z.xml"), &valid).expect("write");
    std::fs::write(tmp.path().join("a.XML"), &valid).expect("write");
    std::fs::write(tmp.path().join("b/notes.txt"), "ignored").expect("write");
    std::fs::write(tmp.path().join("b/empty.xml"), "").expect("write");
    let dir = tmp.path().display().to_string();
    let o = run(&["validate", &dir, "-"], Some(&valid));
    assert_status(
        &o,
        1,
        "validate of a directory with an empty file, and stdin",
    );
    let out = stdout(&o);
    assert!(out.ends_with("3 valid, 1 invalid\n"), "{out}");
    assert!(out.contains("empty.xml"), "{out}");
    assert!(!out.contains("notes.txt"), "{out}");
}
