//! Reading deliveries, for LEAs: bytes in, a typed [`Delivery`] and the full validation report
//! out, within [`Limits`] that bound the work and memory whatever the input.
//!
//! ```
//! let xml = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sample_delivery.xml"))
//!     .expect("sample");
//! let reading = li707::read(&xml, &li707::Limits::default());
//! assert!(reading.report.is_valid(), "{}", reading.report);
//! let delivery = reading.delivery.expect("a valid delivery");
//! assert_eq!(delivery.items().len(), 2);
//! ```

use crate::error::{Error, ErrorKind, Position, Report};
use crate::rules;
use crate::schema::{core, delivery, etsi707, Document, NAMESPACES};
use crate::xml::{Any, ReadLimits};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Bounds on what one read may cost. Every limit, when exceeded, is an error in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest document, in bytes (checked before anything is read).
    pub max_size: usize,
    /// Deepest element nesting.
    pub max_depth: u32,
    /// Most elements in the document.
    pub max_elements: u64,
    /// Longest text content of one element, in bytes.
    pub max_text_len: usize,
    /// Most handover items in the delivery.
    pub max_items: usize,
    /// Most errors reported.
    pub max_errors: usize,
    /// The TS 103 707 rule options (binary model, national profile, …).
    pub rules: rules::Options,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_size: 512 * 1024 * 1024,
            max_depth: 128,
            max_elements: 20_000_000,
            max_text_len: 256 * 1024 * 1024,
            max_items: 1_000_000,
            max_errors: crate::DEFAULT_ERROR_LIMIT,
            rules: rules::Options::default(),
        }
    }
}

impl Limits {
    fn reader(&self) -> ReadLimits {
        ReadLimits {
            max_depth: self.max_depth,
            max_text_len: self.max_text_len,
            max_elements: self.max_elements,
            ..ReadLimits::default()
        }
    }
}

/// A delivery as received: the TS 103 120 message and its TS 103 707 handover items.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The whole message.
    pub message: core::Hi1Message,
}

impl Delivery {
    /// The message header (sender, receiver, transaction, timestamp, version).
    pub fn header(&self) -> &core::MessageHeader {
        &self.message.header
    }

    /// The DeliveryObjects of the DELIVER actions, in document order.
    pub fn objects(&self) -> Vec<&delivery::DeliveryObject> {
        let core::MessagePayload::RequestPayload(req) = &self.message.payload else {
            return Vec::new();
        };
        req.action_requests
            .action_request
            .iter()
            .map(|a| match &a.choice {
                core::ActionRequestChoice::Deliver(d) => match &d.hi1_object {
                    core::Hi1Object::DeliveryObject(o) => o,
                },
            })
            .collect()
    }

    /// Every handover item carried, collections flattened, in document order.
    pub fn items(&self) -> Vec<&etsi707::HandoverItem> {
        let mut items = Vec::new();
        for object in self.objects() {
            let Some(delivery::Delivery::XmlData(data)) = &object.delivery else {
                continue;
            };
            for any in &data.any {
                match any {
                    Any::Typed(doc) => match doc.as_ref() {
                        Document::HandoverItem(item) => items.push(item),
                        Document::HandoverItemCollection(c) => items.extend(c.handover_item.iter()),
                        Document::Hi1Message(_) => {}
                    },
                    Any::Raw(_) => {}
                }
            }
        }
        items
    }
}

/// The outcome of [`read`]: the delivery when the document is a valid one, and every error.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The delivery; `None` when the document breaks the schemas or is not an `HI1Message`.
    pub delivery: Option<Delivery>,
    /// Schema errors, or TS 103 707 rule violations of a schema-valid delivery.
    pub report: Report,
}

/// Reads a delivery within `limits`: one pass that reads and checks against the schemas;
/// when that fails, a second that collects every schema error; for a schema-valid delivery,
/// the TS 103 707 rules (each violation located at its element's line:column). DTDs and
/// entity declarations are refused, never expanded.
pub fn read(input: &[u8], limits: &Limits) -> Reading {
    let fail = |report| Reading {
        delivery: None,
        report,
    };
    if input.len() > limits.max_size {
        return fail(Report {
            errors: vec![Error::new(ErrorKind::Limit {
                what: "document size (bytes)",
                limit: limits.max_size as u64,
            })],
            truncated: false,
        });
    }
    let doc = match Document::from_xml_with_limits(input, limits.reader()) {
        Ok(doc) => doc,
        Err(first) => {
            let mut report = Document::validate_xml_with(input, limits.reader(), limits.max_errors);
            if report.errors.is_empty() {
                // The two passes must agree; should validation find nothing, the reader's
                // error is still the answer.
                report.errors.push(first);
            }
            return fail(report);
        }
    };
    let Document::Hi1Message(message) = doc else {
        return fail(Report {
            errors: vec![Error::new(ErrorKind::UnknownRoot(
                "a handover item outside an HI1Message (expected a delivery: HI1Message)".into(),
            ))],
            truncated: false,
        });
    };
    let delivery = Delivery { message };
    let count = delivery.items().len();
    if count > limits.max_items {
        return fail(Report {
            errors: vec![Error::new(ErrorKind::Limit {
                what: "handover items",
                limit: limits.max_items as u64,
            })],
            truncated: false,
        });
    }
    let violations = rules::check_message(&delivery.message, &limits.rules);
    let truncated = violations.len() > limits.max_errors;
    let errors = violations
        .iter()
        .take(limits.max_errors)
        .map(|v| rule_error(input, v))
        .collect();
    Reading {
        delivery: Some(delivery),
        report: Report { errors, truncated },
    }
}

/// A rule violation as an [`Error`], located in `input` by its path.
pub fn rule_error(input: &[u8], v: &rules::Violation) -> Error {
    let mut message = v.message.clone();
    if let Some(value) = &v.value {
        message.push_str(&format!(" (value {value:?})"));
    }
    let e = Error::new(ErrorKind::Rule {
        clause: v.clause,
        message,
    });
    let segments: Vec<&str> = v.path.split('/').filter(|s| !s.is_empty()).collect();
    let e = e.within_all(segments.iter().copied());
    match locate(input, &segments) {
        Some(p) => e.or_position(p),
        None => e,
    }
}

/// Finds the start tag at an XPath-like path (`prefix:local[n]` segments, prefixes those of
/// [`NAMESPACES`], unprefixed names in the root element's namespace; a final `@attr` is its
/// element). When the element itself is absent (a rule about a missing element), the deepest
/// element of the path that exists is returned.
fn locate(input: &[u8], segments: &[&str]) -> Option<Position> {
    let text = std::str::from_utf8(input).ok()?;
    let segments: Vec<&str> = segments
        .iter()
        .copied()
        .filter(|s| !s.starts_with('@'))
        .collect();
    let mut reader = NsReader::from_str(text);
    let mut level = 0usize;
    let mut matched = 0usize;
    let mut count = 0usize;
    let mut root_ns: Option<String> = None;
    let mut deepest: Option<Position> = None;
    loop {
        let offset = reader.buffer_position() as usize;
        let (res, ev) = reader.read_resolved_event().ok()?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(tag) | Event::Empty(tag) => {
                let ns = match res {
                    ResolveResult::Bound(n) => n.as_ref().to_owned(),
                    _ => String::new(),
                };
                let root = root_ns.get_or_insert_with(|| ns.clone()).clone();
                if level == matched && matched < segments.len() {
                    let (want_ns, want_local, want_index) = parse_segment(segments[matched], &root);
                    let name = tag.local_name();
                    let local: &str = name.as_ref();
                    if ns == want_ns && local == want_local {
                        count += 1;
                        if count == want_index {
                            matched += 1;
                            count = 0;
                            let here = Position::locate(input, offset);
                            if matched == segments.len() {
                                return Some(here);
                            }
                            deepest = Some(here);
                        }
                    }
                }
                if !empty {
                    level += 1;
                }
            }
            Event::End(_) => {
                level = level.checked_sub(1)?;
                if level < matched {
                    return deepest;
                }
            }
            Event::Eof => return deepest,
            _ => {}
        }
    }
}

fn parse_segment<'s>(segment: &'s str, root_ns: &str) -> (String, &'s str, usize) {
    let (name, index) = match segment.split_once('[') {
        Some((n, rest)) => (n, rest.trim_end_matches(']').parse().unwrap_or(1)),
        None => (segment, 1),
    };
    match name.split_once(':') {
        Some((prefix, local)) => {
            let uri = NAMESPACES
                .iter()
                .find(|n| n.prefix == prefix)
                .map_or("", |n| n.uri);
            (uri.to_owned(), local, index)
        }
        None => (root_ns.to_owned(), name, index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = include_bytes!("../tests/data/sample_delivery.xml");

    #[test]
    fn a_valid_delivery_reads_typed_with_an_empty_report() {
        let r = read(SAMPLE, &Limits::default());
        assert!(r.report.is_valid(), "{}", r.report);
        let d = r.delivery.expect("delivery");
        assert_eq!(d.objects().len(), 1);
        assert_eq!(d.items().len(), 2);
        assert_eq!(d.header().sender_identifier.country_code.as_str(), "XX");
    }

    #[test]
    fn rule_violations_are_located() {
        let text = String::from_utf8_lossy(SAMPLE).replace(
            "<etsi707:applicationSequenceNumber>1</etsi707:applicationSequenceNumber>",
            "<etsi707:applicationSequenceNumber>0</etsi707:applicationSequenceNumber>",
        );
        let r = read(text.as_bytes(), &Limits::default());
        assert!(r.delivery.is_some());
        let e = r.report.errors.first().expect("a 5.3.2 violation");
        match e.kind() {
            ErrorKind::Rule { clause, .. } => assert!(clause.contains("5.3.2"), "{e}"),
            other => panic!("{other:?}"),
        }
        let pos = e.position().expect("located");
        let line = text.lines().nth(pos.line as usize - 1).unwrap_or_default();
        assert!(line.contains("applicationSequenceNumber"), "{e}: {line}");
    }

    #[test]
    fn a_rule_about_a_missing_element_points_at_its_parent() {
        let limits = Limits {
            rules: rules::Options {
                binary_model: Some(rules::BinaryModel::A),
                ..rules::Options::default()
            },
            ..Limits::default()
        };
        let text = String::from_utf8_lossy(SAMPLE);
        let without_expiry: String = text
            .lines()
            .filter(|l| !l.contains("<etsi707:expiry>"))
            .collect::<Vec<_>>()
            .join("\n");
        let r = read(without_expiry.as_bytes(), &limits);
        let e = r
            .report
            .errors
            .first()
            .expect("Annex C.2: expiry is needed with Model A");
        let pos = e.position().expect("located at the binaryObject");
        let line = without_expiry
            .lines()
            .nth(pos.line as usize - 1)
            .unwrap_or_default();
        assert!(line.contains("binaryObject"), "{e}: {line}");
    }

    #[test]
    fn limits_are_errors() {
        let small = Limits {
            max_size: 100,
            ..Limits::default()
        };
        let r = read(SAMPLE, &small);
        assert!(matches!(r.report.errors[0].kind(), ErrorKind::Limit { .. }));
        let few = Limits {
            max_items: 1,
            ..Limits::default()
        };
        let r = read(SAMPLE, &few);
        assert!(r.delivery.is_none());
        assert!(matches!(
            r.report.errors[0].kind(),
            ErrorKind::Limit {
                what: "handover items",
                ..
            }
        ));
        let shallow = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        let r = read(SAMPLE, &shallow);
        assert!(matches!(
            r.report.errors[0].kind(),
            ErrorKind::Limit {
                what: "element depth",
                ..
            }
        ));
    }

    #[test]
    fn schema_errors_are_all_reported() {
        let text = String::from_utf8_lossy(SAMPLE)
            .replacen(
                "<CountryCode>XX</CountryCode>",
                "<CountryCode>x</CountryCode>",
                1,
            )
            .replacen("<ETSIVersion>V1.12.1<", "<ETSIVersion>1.12.1<", 1);
        let r = read(text.as_bytes(), &Limits::default());
        assert!(r.delivery.is_none());
        assert_eq!(r.report.errors.len(), 2, "{}", r.report);
    }
}
