//! The baselines that li707's reading and writing speeds are measured against, shared by the
//! benchmarks and the profiling examples: the official examples, a bare quick-xml pass over a
//! document (the reading limit), and quick-xml's writer emitting a document's events (the
//! writing limit).

use crate::official::Document;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
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

/// One event of a document as a writer is given it: names as written, text and attribute
/// values unescaped (references resolved). What [`write_events`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawEvent {
    /// A start tag (`empty`: an empty-element tag), with its attributes in document order
    /// (name as written, value unescaped).
    Start {
        /// The qualified name as written.
        name: String,
        /// The attributes, namespace declarations included.
        attributes: Vec<(String, String)>,
        /// Written `<name/>`.
        empty: bool,
    },
    /// An end tag.
    End(String),
    /// Character data, unescaped.
    Text(String),
}

/// The element, attribute and text events of `input`, for [`write_events`] (the XML
/// declaration, comments and processing instructions are left out; adjacent text and
/// references are joined).
pub fn events(input: &[u8]) -> Result<Vec<RawEvent>, String> {
    let text = std::str::from_utf8(input).map_err(|e| e.to_string())?;
    let mut r = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut pending = String::new();
    loop {
        let event = r
            .read_event()
            .map_err(|e| format!("{e} at {}", r.buffer_position()))?;
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) && !pending.is_empty() {
            out.push(RawEvent::Text(std::mem::take(&mut pending)));
        }
        match event {
            Event::Start(e) => out.push(start_event(&e, false)?),
            Event::Empty(e) => out.push(start_event(&e, true)?),
            Event::End(e) => out.push(RawEvent::End(e.name().as_ref().to_owned())),
            Event::Text(t) => pending.push_str(&t.xml10_content()),
            Event::CData(t) => pending.push_str(&t),
            Event::GeneralRef(g) => match g.resolve_char_ref().map_err(|e| e.to_string())? {
                Some(c) => pending.push(c),
                None => pending.push_str(
                    quick_xml::escape::resolve_predefined_entity(&g)
                        .ok_or_else(|| format!("undeclared entity &{};", &*g))?,
                ),
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A start or empty-element tag as a [`RawEvent::Start`].
fn start_event(e: &BytesStart<'_>, empty: bool) -> Result<RawEvent, String> {
    let mut attributes = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attributes.push((a.key.as_ref().to_owned(), value.into_owned()));
    }
    Ok(RawEvent::Start {
        name: e.name().as_ref().to_owned(),
        attributes,
        empty,
    })
}

/// Writing alone, the physical limit for writing: `events` through quick-xml's `Writer` into
/// a buffer of `capacity` bytes, after an XML declaration, text and attribute values escaped,
/// nothing checked.
pub fn write_events(events: &[RawEvent], capacity: usize) -> Result<Vec<u8>, String> {
    let mut w = quick_xml::Writer::new(Vec::with_capacity(capacity));
    let io = |e: std::io::Error| e.to_string();
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    for event in events {
        match event {
            RawEvent::Start {
                name,
                attributes,
                empty,
            } => {
                let mut start = BytesStart::new(name.as_str());
                for (key, value) in attributes {
                    start.push_attribute((key.as_str(), value.as_str()));
                }
                if *empty {
                    w.write_event(Event::Empty(start)).map_err(io)?;
                } else {
                    w.write_event(Event::Start(start)).map_err(io)?;
                }
            }
            RawEvent::End(name) => w
                .write_event(Event::End(BytesEnd::new(name.as_str())))
                .map_err(io)?,
            RawEvent::Text(text) => w
                .write_event(Event::Text(BytesText::new(text)))
                .map_err(io)?,
        }
    }
    Ok(w.into_inner())
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
