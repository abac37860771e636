//! Inputs the fuzz targets (`fuzz/`) found, reduced by hand to li707's own sample delivery
//! with one value changed. The `roundtrip` target's crash artifacts held fragments of the
//! official ETSI examples, which stay out of the repository.

use li707::schema::Document;

const SAMPLE: &str = include_str!("data/sample_delivery.xml");
const BODY: &str = "<csp:body>See you at 10.</csp:body>";

/// The sample with the text of the CSP-defined `csp:body` (raw xmlData content) replaced.
fn with_body(text: &str) -> Vec<u8> {
    assert_eq!(
        SAMPLE.matches(BODY).count(),
        1,
        "the sample has one csp:body"
    );
    SAMPLE
        .replace(BODY, &format!("<csp:body>{text}</csp:body>"))
        .into_bytes()
}

fn read(xml: &[u8]) -> Document {
    Document::from_xml(xml).unwrap_or_else(|e| {
        panic!(
            "does not read: {e}\n{}",
            String::from_utf8_lossy(xml)
                .chars()
                .take(4000)
                .collect::<String>()
        )
    })
}

fn write(doc: &Document) -> Vec<u8> {
    doc.to_xml().expect("a document that reads can be written")
}

/// roundtrip, 2026-12-03: a token like `xmlns:task` in raw text made the reader record a
/// binding of the reserved prefix `xmlns`, which the writer then declared
/// (`xmlns:xmlns="…"`, not well-formed), so the output did not read back.
#[test]
fn reserved_prefixes_in_raw_text_are_not_declared() {
    let first = read(&with_body("xmlns:task and xml:lang"));
    let written = write(&first);
    let text = String::from_utf8_lossy(&written);
    assert!(!text.contains("xmlns:xmlns"), "{text}");
    assert!(!text.contains("xmlns:xml="), "{text}");
    assert_eq!(read(&written), first);
}

/// roundtrip, 2026-12-03: raw content records the enclosing bindings its QName-like tokens
/// use. The sample leaves `xs` undeclared and binds the core namespace as the default one, so
/// `core:x xs:string` resolves to nothing; li707's output binds both prefixes on its root, so
/// reading the output records them. The documented consequence: the XML differs only in
/// namespace declarations, and the second generation is a fixed point.
#[test]
fn raw_text_tokens_record_bindings_of_the_output_once() {
    let first = read(&with_body("core:x xs:string"));
    let written = write(&first);
    let second = read(&written);
    let raw_namespaces = |doc: &Document| {
        let xml = format!("{doc:?}");
        ["\"xs\"", "\"core\""].map(|p| xml.matches(p).count())
    };
    assert_ne!(raw_namespaces(&first), raw_namespaces(&second));
    let rewritten = write(&second);
    assert_eq!(
        read(&rewritten),
        second,
        "a fixed point after one generation"
    );
    let strip = |xml: &[u8]| {
        let text = String::from_utf8_lossy(xml).into_owned();
        let re = regex::Regex::new(r#" xmlns(:[A-Za-z_][\w.-]*)?="[^"]*""#).expect("regex");
        re.replace_all(&text, "").into_owned()
    };
    assert_eq!(strip(&written), strip(&rewritten));
}

/// Whether `message` is a well-formedness error about a character that XML does not allow
/// (li707's wording, or quick-xml's "invalid character reference" for the references it checks
/// itself: `&#0;`, surrogates).
fn illegal_character(message: &str) -> bool {
    message.contains("well-formedness")
        && (message.contains("not allowed in XML")
            || message.contains("invalid character reference"))
}

/// roundtrip, 2026-12-04: quick-xml resolves a character reference in an attribute value
/// without checking it against the `Char` production, so `&#x15;` or `&#x1;` in an attribute
/// of raw XML (found in `schemaContent`) was read, written as the raw control character, and
/// the output did not read back. Such references are now refused (XML 1.0, WFC: Legal
/// Character), in raw XML and on typed elements alike; legal references still read.
#[test]
fn attribute_character_references_must_be_xml_characters() {
    for bad in ["&#x15;", "&#x1;", "&#0;", "&#xFFFE;", "&#xD800;"] {
        let raw = with_body(&format!("<csp:note name=\"a{bad}b\"/>"));
        let err = Document::from_xml(&raw).expect_err(bad);
        assert!(illegal_character(&err.to_string()), "{bad}: {err}");
        let report = Document::validate_xml(&raw);
        assert!(!report.is_valid(), "{bad}: validation pass accepts it");

        let typed = String::from_utf8(with_body("x")).expect("UTF-8").replacen(
            "xsi:type=\"etsi707:MessagingPayload\"",
            &format!("xsi:type=\"etsi707:Messaging{bad}Payload\""),
            1,
        );
        assert!(
            typed.contains(bad),
            "the sample has a MessagingPayload xsi:type"
        );
        let err = Document::from_xml(typed.as_bytes()).expect_err(bad);
        assert!(illegal_character(&err.to_string()), "{bad}: {err}");
    }
    for good in ["&#x9;", "&#x1F600;", "&#xE000;", "&amp;"] {
        let first = read(&with_body(&format!("<csp:note name=\"a{good}b\"/>")));
        assert_eq!(read(&write(&first)), first, "{good}");
    }
}
