//! `roundtrip`: a document that reads must write, and what it writes must read back equal.
#![no_main]

use li707::schema::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
