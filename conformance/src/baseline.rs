//! The baseline that li707's reading speed is measured against, shared by the benchmarks and
//! the profiling examples: the official examples, and a bare quick-xml pass over a document.

use crate::official::Document;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::path::PathBuf;

/// Parsing alone, the physical limit for reading: every event of `input` through quick-xml's
/// `NsReader`, namespaces resolved, attribute values normalized, text unescaped and character
/// references resolved, with no validation and no values kept. Returns a count that depends on
/// every event (so that nothing is optimised away), or the first error.
pub fn scan(input: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(input).map_err(|e| e.to_string())?;
    let mut r = NsReader::from_str(text);
    let mut n = 0usize;
    loop {
        match r.read_resolved_event() {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                n += usize::from(matches!(ns, ResolveResult::Bound(_)));
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    n += a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?
                        .len();
                }
            }
            Ok((_, Event::Text(t))) => n += t.xml10_content().len(),
            Ok((_, Event::GeneralRef(g))) => {
                n += g
                    .resolve_char_ref()
                    .map_err(|e| e.to_string())?
                    .map_or(1, |_| 1)
            }
            Ok((_, Event::Eof)) => return Ok(n),
            Ok(_) => n += 1,
            Err(e) => return Err(format!("{e} at {}", r.buffer_position())),
        }
    }
}

/// The official TS 103 120 V1.12.1 examples (`../shared/etsi/ts_103120_v1.12.1/examples`)
/// that are valid under the official set, in file name order: all but
/// `request5-XML-Delivery.xml` (it needs the Foo schema) and `request6_signed.xml`. Empty when
/// the directory is absent.
pub fn official_examples() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/etsi/ts_103120_v1.12.1/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "xml"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|d| Document::from_xml(d).is_ok())
        .collect()
}
