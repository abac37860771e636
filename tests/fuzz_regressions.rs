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
