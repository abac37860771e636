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
    let written = match first.to_xml() {
        Ok(xml) => xml,
        Err(e) => panic!("document read but cannot be written: {e}\n{first:#?}"),
    };
    let second = match Document::from_xml(&written) {
        Ok(doc) => doc,
        Err(e) => panic!(
            "written document does not read back: {e}\n--- written ---\n{}",
            String::from_utf8_lossy(&written)
        ),
    };
    if first != second {
        panic!(
            "round trip changed the document\n--- first ---\n{first:#?}\n--- second ---\n{second:#?}\n--- written ---\n{}",
            String::from_utf8_lossy(&written)
        );
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Some(edited) = splice::splice(data) {
        check(&edited);
    }
});
