//! `read_delivery`: arbitrary bytes through `li707::read` (read + validate + TS 103 707 rules)
//! within small limits, and through `Document::validate_xml`. Neither may panic, and they
//! must agree with each other:
//! - `read` returns no delivery only with at least one error (an empty report means valid);
//! - `read` never returns a delivery with a limit error;
//! - `Document::validate_xml` reports no error exactly when `Document::from_xml` succeeds.
//!
//! Each input is checked as a document and, through [`splice`], as an edit of one value of
//! li707's own samples (so that many inputs are schema-valid or nearly so).
#![no_main]

use li707::schema::Document;
use libfuzzer_sys::fuzz_target;

#[path = "splice.rs"]
mod splice;

fn limits() -> li707::Limits {
    li707::Limits {
        max_size: 1024 * 1024,
        max_depth: 64,
        max_elements: 100_000,
        max_text_len: 256 * 1024,
        max_items: 10_000,
        max_errors: 100,
        ..li707::Limits::default()
    }
}

fn check(data: &[u8]) {
    let reading = li707::read(data, &limits());
    match &reading.delivery {
        None => assert!(
            !reading.report.errors.is_empty(),
            "read returned no delivery and an empty report"
        ),
        Some(_) => assert!(
            reading
                .report
                .errors
                .iter()
                .all(|e| !matches!(e.kind(), li707::ErrorKind::Limit { .. })),
            "delivery returned although a limit was exceeded: {}",
            reading.report
        ),
    }
    let report = Document::validate_xml(data);
    let parsed = Document::from_xml(data);
    match (&parsed, report.errors.is_empty()) {
        (Ok(_), false) => panic!("from_xml accepts what validate_xml rejects: {report}"),
        (Err(e), true) => panic!("validate_xml accepts what from_xml rejects: {e}"),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Some(edited) = splice::splice(data) {
        check(&edited);
    }
});
