//! Regression tests for crashes found by the fuzz targets in fuzz/ (one test per crash, with
//! the exact bytes of the libFuzzer artifact and of its minimized form).

use li707_codegen::model::pattern::translate;

/// The `xsd_regex` property: translation does not panic, and a translation it accepts
/// compiles with the `regex` crate.
fn assert_translation_compiles(input: &[u8]) {
    let xsd = std::str::from_utf8(input).expect("UTF-8 input");
    if let Ok(translated) = translate(xsd) {
        if let Err(e) = regex::Regex::new(&translated) {
            panic!("translate({xsd:?}) = {translated:?}, which regex rejects: {e}");
        }
    }
}

/// xsd_regex crash-2c776e200ad450cbbc679a8e20a39df344bcad3f: a character class whose base is
/// empty before a subtraction, `[-[…]]`, was translated to `[[]--[…]]`, which is not a regex
/// ("unclosed character class"). XSD requires a non-empty group before `-[`.
#[test]
fn xsd_regex_empty_class_before_subtraction() {
    // The artifact as found.
    assert_translation_compiles(b"[-[\\-\\^\\\\?niau$P]]<\\]+");
    // Minimized (cargo fuzz tmin).
    assert_translation_compiles(b"[-[$]]");
    // The same with a negated base: `[^-[a]]` (libxml2 refuses this pattern).
    assert_translation_compiles(b"[^-[a]]");
}
