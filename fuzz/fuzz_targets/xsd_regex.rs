//! `xsd_regex`: XSD pattern translation never panics, and every translation it accepts
//! compiles with the `regex` crate. (Agreement with libxml2 on the ETSI patterns is the
//! normal test codegen/tests/pattern_vs_libxml2.rs.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(xsd) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(translated) = li707_codegen::model::pattern::translate(xsd) else {
        return;
    };
    // The size limit (default 10 MiB) is lowered to 256 KiB so that expressions such as
    // `\c{26,50}` give up compiling early instead of spending up to a second each. The limit
    // applies only after parsing and translation to HIR, so every syntax error is still found.
    match regex::RegexBuilder::new(&translated)
        .size_limit(1 << 18)
        .build()
    {
        Ok(re) => {
            // Run it once, so matching is exercised too (it must not panic either).
            let _ = re.is_match(xsd);
        }
        // A valid expression too large for the size limit (e.g. `a{1000}{1000}`) is a
        // resource limit, not a translation error.
        Err(regex::Error::CompiledTooBig(_)) => {}
        Err(e) => panic!("translate({xsd:?}) = {translated:?}, which regex rejects: {e}"),
    }
});
