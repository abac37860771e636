//! `roundtrip`: a document that reads must write, and what it writes must read back equal.
//! Each input is checked as a document and, through [`splice`], as an edit of one value of
//! li707's own samples (so that many inputs are schema-valid deliveries).
#![no_main]

use li707::schema::Document;
use libfuzzer_sys::fuzz_target;

#[path = "splice.rs"]
mod splice;

fn check(data: &[u8]) {
    let Ok(first) = Document::from_xml(data) else {
        return;
    };
    let written = write(&first);
    let second = read_back(&written);
    if first == second {
        return;
    }
    // The one allowed change: raw XML records the bindings of the enclosing document that
    // its QName-like tokens use (see `RawElement::namespaces`), and li707's output binds every
    // namespace of the set on the root. So the XML may only differ in namespace declarations,
    // and the second generation must be a fixed point.
    let rewritten = write(&second);
    if without_declarations(&written) != without_declarations(&rewritten) {
        panic!(
            "round trip changed the document\n--- first ---\n{first:#?}\n--- second ---\n{second:#?}\n--- written ---\n{}",
            String::from_utf8_lossy(&written)
        );
    }
    let third = read_back(&rewritten);
    if third != second {
        panic!(
            "round trip is not a fixed point after one generation\n--- second ---\n{second:#?}\n--- third ---\n{third:#?}"
        );
    }
}

fn write(doc: &Document) -> Vec<u8> {
    match doc.to_xml() {
        Ok(xml) => xml,
        Err(e) => panic!("document read but cannot be written: {e}\n{doc:#?}"),
    }
}

fn read_back(written: &[u8]) -> Document {
    match Document::from_xml(written) {
        Ok(doc) => doc,
        Err(e) => panic!(
            "written document does not read back: {e}\n--- written ---\n{}",
            String::from_utf8_lossy(written)
        ),
    }
}

/// `xml` without its namespace declarations (li707 writes them as ` xmlns="…"` and
/// ` xmlns:p="…"`, double-quoted, and escapes `"` in values).
fn without_declarations(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut i = 0;
    while i < xml.len() {
        let rest = &xml[i..];
        if rest.starts_with(b" xmlns=\"") || rest.starts_with(b" xmlns:") {
            if let Some(open) = rest.iter().position(|&b| b == b'"') {
                if let Some(close) = rest[open + 1..].iter().position(|&b| b == b'"') {
                    i += open + 1 + close + 1;
                    continue;
                }
            }
        }
        out.push(xml[i]);
        i += 1;
    }
    out
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Some(edited) = splice::splice(data) {
        check(&edited);
    }
});
