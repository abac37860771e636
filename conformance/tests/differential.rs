//! Differential conformance suite: li707's verdict (valid / invalid) must equal libxml2's
//! `xmllint --schema` verdict on every document of a deterministic corpus of mutations.
//!
//! The corpus is derived from the 20 official TS 103 120 V1.12.1 examples (read with
//! `li707_conformance::official`, or `official_foo` for `request5-XML-Delivery.xml`) and from
//! li707's own TS 103 707 sample `tests/data/sample_delivery.xml` (read with
//! `li707::schema::Document`; the reference is the official set plus our TS 103 707 schema). The
//! mutation operators work on the text of a seed document (spans of its elements):
//! - replacing the text of a leaf element with values chosen to keep or break its type
//!   (UUID, ISOCountryCode, QualifiedDateTime / QualifiedMicrosecondDateTime, ETSIVersion, LIID,
//!   LDID, ShortString / LongString lengths, booleans, integers, base64Binary, anyURI, IPv4...);
//! - deleting, duplicating, swapping, renaming (other namespace, other local name, other prefix
//!   for the same namespace) elements; inserting unknown or transplanted elements;
//! - changing, removing or adding `xsi:type` (derived, abstract, unrelated, unknown,
//!   undeclared-prefix, unprefixed types), adding `xsi:nil` and other attributes;
//! - whitespace, comments, processing instructions, CDATA and character references in text and
//!   between children; emptied elements; a few not-well-formed documents;
//! - and pairs of the above.
//!
//! Every document of one schema set is validated by ONE `xmllint` process per batch. A
//! disagreement fails the test unless its document hash is listed in `libxml2_deviations.md`
//! (libxml2 wrong, with the XSD 1.0 clause) or in [`KNOWN_LI707_BUGS`] (li707 wrong; each entry
//! must still disagree, so that fixed bugs are removed from the list).

#[path = "../../tests/support/mod.rs"]
mod support;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;
use std::process::Command;

use li707_conformance::{official, official_foo};
use quick_xml::events::Event;
use quick_xml::Reader;
use support::{paths, xmllint};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XS: &str = "http://www.w3.org/2001/XMLSchema";
const CORE: &str = "http://uri.etsi.org/03120/common/2019/10/Core";
const COMMON: &str = "http://uri.etsi.org/03120/common/2016/02/Common";
const DELIVERY: &str = "http://uri.etsi.org/03120/common/2019/10/Delivery";
const TASK: &str = "http://uri.etsi.org/03120/common/2020/09/Task";
const AUTH: &str = "http://uri.etsi.org/03120/common/2020/09/Authorisation";
const DOC: &str = "http://uri.etsi.org/03120/common/2020/09/Document";
const NOTIFICATION: &str = "http://uri.etsi.org/03120/common/2016/02/Notification";
const POLICY: &str = "http://uri.etsi.org/03120/common/2022/07/TrafficPolicy";
const DICT: &str = "http://uri.etsi.org/03280/common/2017/07";
const ETSI707: &str = "http://uri.etsi.org/03707/2020/02";
const FOO: &str = "http://FooServiceSchema.example.com/schema/v1.1.1/";
const OTHER: &str = "urn:li707:test:differential:other";

/// Fixed PRNG seed: the corpus is the same on every run.
const SEED: u64 = 0x1707_0103_1200_0001;
/// Mutated documents per official example.
const PER_OFFICIAL_SEED: usize = 60;
/// Mutated documents derived from li707's own TS 103 707 sample.
const PER_OWN_SEED: usize = 420;
/// Documents per `xmllint` invocation.
const BATCH: usize = 300;

/// Documents on which li707 is believed to be wrong: (document hash, mutation id, why). The
/// hash (FNV-1a 64 of the document, printed on a disagreement) is the key; the mutation id must
/// match too. Tolerated, but each must still disagree: remove an entry when li707 is fixed.
const KNOWN_LI707_BUGS: &[(&str, &str, &str)] = &[];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and hashing
// ---------------------------------------------------------------------------------------------

/// xorshift64* (Vigna): tiny, deterministic, good enough for picking mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16)]))
            .collect()
    }

    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(4),
            self.hex(4),
            self.hex(12)
        )
    }
}

/// FNV-1a 64 of a document, as 16 lowercase hex digits: the stable key of a mutated document in
/// `libxml2_deviations.md` and [`KNOWN_LI707_BUGS`].
fn doc_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

// ---------------------------------------------------------------------------------------------
// Seeds and their readers / reference schema sets
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Set {
    /// `official::Document`; xmllint: official set.
    Official,
    /// `official_foo::Document`; xmllint: official set + FooServiceSchema.xsd.
    OfficialFoo,
    /// `li707::schema::Document`; xmllint: official set + li707's TS 103 707 schema.
    Own707,
}

impl Set {
    /// The namespaces whose names mutations may use for renamed elements and `xsi:type`s.
    /// The TS 103 707 sample is read with li707's own transcription, which has only these.
    fn namespaces(self) -> &'static [&'static str] {
        match self {
            Set::Official | Set::OfficialFoo => &[
                CORE,
                COMMON,
                DELIVERY,
                TASK,
                AUTH,
                DOC,
                NOTIFICATION,
                POLICY,
                DICT,
                OTHER,
            ],
            Set::Own707 => &[CORE, COMMON, DELIVERY, DICT, ETSI707, OTHER],
        }
    }

    fn verdict(self, xml: &[u8]) -> Result<(), String> {
        let run = || match self {
            Set::Official => official::Document::from_xml(xml)
                .map(drop)
                .map_err(|e| e.to_string()),
            Set::OfficialFoo => official_foo::Document::from_xml(xml)
                .map(drop)
                .map_err(|e| e.to_string()),
            Set::Own707 => li707::schema::Document::from_xml(xml)
                .map(drop)
                .map_err(|e| e.to_string()),
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
            Ok(result) => result,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                Err(format!("LI707 PANICKED: {message}"))
            }
        }
    }
}

struct Seed {
    name: String,
    text: String,
    set: Set,
}

fn seeds() -> Vec<Seed> {
    let mut seeds = Vec::new();
    for path in paths::official_example_documents() {
        let name = paths::file_name(&path).to_owned();
        let text = String::from_utf8(paths::read(&path)).expect("UTF-8 example");
        let set = if name == "request5-XML-Delivery.xml" {
            Set::OfficialFoo
        } else {
            Set::Official
        };
        seeds.push(Seed { name, text, set });
    }
    assert_eq!(seeds.len(), 20, "the 20 official examples");
    let own = paths::repo_root().join("tests/data/sample_delivery.xml");
    seeds.push(Seed {
        name: "sample_delivery.xml".to_owned(),
        text: String::from_utf8(paths::read(&own)).expect("UTF-8 sample"),
        set: Set::Own707,
    });
    seeds
}

// ---------------------------------------------------------------------------------------------
// Element spans of a document
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct El {
    /// The element's QName as written.
    qname: String,
    local: String,
    /// Namespace URI ("" when none).
    ns: String,
    /// The start tag (or the whole empty-element tag).
    open: Range<usize>,
    /// The end tag; an empty range at `open.end` for an empty-element tag.
    close: Range<usize>,
    empty_tag: bool,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Byte range of the value of an `xsi:type` attribute in the start tag.
    xsi_type: Option<Range<usize>>,
    /// The whole ` xsi:type="..."` attribute, including the preceding whitespace.
    xsi_type_attr: Option<Range<usize>>,
    /// Resolved `xsi:type` (namespace, local) if present.
    type_name: Option<(String, String)>,
}

impl El {
    fn whole(&self) -> Range<usize> {
        self.open.start..self.close.end
    }

    fn content(&self) -> Range<usize> {
        self.open.end..self.close.start
    }

    fn is_leaf(&self) -> bool {
        !self.empty_tag && self.children.is_empty()
    }

    /// Where new attributes are inserted: just before `>` or `/>` of the start tag.
    fn attr_insert_at(&self, text: &str) -> usize {
        let tag = &text[self.open.clone()];
        if tag.ends_with("/>") {
            self.open.end - 2
        } else {
            self.open.end - 1
        }
    }
}

struct Doc<'a> {
    text: &'a str,
    els: Vec<El>,
}

impl<'a> Doc<'a> {
    /// Indexes the elements of a well-formed document; None if quick-xml cannot read it.
    fn index(text: &'a str) -> Option<Doc<'a>> {
        let mut reader = Reader::from_str(text);
        let mut els: Vec<El> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut scopes: Vec<BTreeMap<String, String>> = vec![BTreeMap::from([(
            "xml".to_owned(),
            "http://www.w3.org/XML/1998/namespace".to_owned(),
        )])];
        loop {
            let before = usize::try_from(reader.buffer_position()).ok()?;
            let event = reader.read_event().ok()?;
            let after = usize::try_from(reader.buffer_position()).ok()?;
            match event {
                Event::Start(start) | Event::Empty(start) => {
                    let empty_tag = text[before..after].ends_with("/>");
                    let qname = start.name().as_ref().to_owned();
                    let mut scope = scopes.last().cloned().unwrap_or_default();
                    let mut raw_type = None;
                    for attr in start.attributes() {
                        let attr = attr.ok()?;
                        let key = attr.key.as_ref().to_owned();
                        let value = attr.value.to_string();
                        if key == "xmlns" {
                            scope.insert(String::new(), value);
                        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                            scope.insert(prefix.to_owned(), value);
                        } else if key == "xsi:type" {
                            raw_type = Some(value);
                        }
                    }
                    let (prefix, local) = match qname.split_once(':') {
                        Some((p, l)) => (p.to_owned(), l.to_owned()),
                        None => (String::new(), qname.clone()),
                    };
                    let ns = scope.get(&prefix).cloned().unwrap_or_default();
                    let tag = &text[before..after];
                    let (xsi_type, xsi_type_attr) = match tag.find(" xsi:type=") {
                        Some(at) => {
                            let quote_at = before + at + " xsi:type=".len();
                            let quote = &text[quote_at..=quote_at];
                            let end = text[quote_at + 1..].find(quote)? + quote_at + 1;
                            (Some(quote_at + 1..end), Some(before + at..end + 1))
                        }
                        None => (None, None),
                    };
                    let type_name = raw_type.map(|raw| {
                        let raw = raw.trim();
                        match raw.split_once(':') {
                            Some((p, l)) => (scope.get(p).cloned().unwrap_or_default(), l.into()),
                            None => (scope.get("").cloned().unwrap_or_default(), raw.into()),
                        }
                    });
                    let index = els.len();
                    let parent = stack.last().copied();
                    if let Some(p) = parent {
                        els[p].children.push(index);
                    }
                    els.push(El {
                        qname,
                        local,
                        ns,
                        open: before..after,
                        close: after..after,
                        empty_tag,
                        parent,
                        children: Vec::new(),
                        xsi_type,
                        xsi_type_attr,
                        type_name,
                    });
                    if !empty_tag {
                        stack.push(index);
                        scopes.push(scope);
                    }
                }
                Event::End(_) => {
                    let index = stack.pop()?;
                    scopes.pop();
                    els[index].close = before..after;
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if els.is_empty() || !stack.is_empty() {
            return None;
        }
        Some(Doc { text, els })
    }

    fn path(&self, index: usize) -> String {
        let mut parts = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            parts.push(self.els[i].qname.as_str());
            at = self.els[i].parent;
        }
        parts.reverse();
        format!("/{}", parts.join("/"))
    }

    fn slice(&self, range: Range<usize>) -> &'a str {
        &self.text[range]
    }

    fn leaves(&self) -> Vec<usize> {
        (0..self.els.len())
            .filter(|&i| self.els[i].is_leaf())
            .collect()
    }

    fn non_root(&self) -> Vec<usize> {
        (1..self.els.len()).collect()
    }
}

/// Replaces `range` of `text` with `with`.
fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

/// Applies non-overlapping edits (range, replacement) in any order.
fn edit(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_owned();
    for (range, with) in edits {
        out = splice(&out, range, &with);
    }
    out
}

fn shorten(s: &str) -> String {
    let flat: String = s.chars().map(|c| if c == '\n' { '⏎' } else { c }).collect();
    if flat.chars().count() > 90 {
        let head: String = flat.chars().take(60).collect();
        let tail: String = {
            let v: Vec<char> = flat.chars().collect();
            v[v.len() - 20..].iter().collect()
        };
        format!("{head}…({} chars)…{tail}", s.chars().count())
    } else {
        flat
    }
}

// ---------------------------------------------------------------------------------------------
// Value pools (raw XML text: `&` and `<` are already escaped)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Uuid,
    DateTime,
    MicroDateTime,
    Bool,
    Integer,
    Country,
    Version,
    Liid,
    Ldid,
    Base64,
    Uri,
    Ipv4,
    Text,
}

const KINDS: &[Kind] = &[
    Kind::Uuid,
    Kind::DateTime,
    Kind::MicroDateTime,
    Kind::Bool,
    Kind::Integer,
    Kind::Country,
    Kind::Version,
    Kind::Liid,
    Kind::Ldid,
    Kind::Base64,
    Kind::Uri,
    Kind::Ipv4,
    Kind::Text,
];

fn looks_like_uuid(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    parts.len() == 5
        && parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && v.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

fn looks_like_datetime(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 19 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':'
}

fn kind_of(local: &str, value: &str) -> Kind {
    let v = value.trim();
    match local {
        "CountryCode" => return Kind::Country,
        "ETSIVersion" => return Kind::Version,
        "LIID" => return Kind::Liid,
        "LDID" => return Kind::Ldid,
        "Data" | "Contents" | "PIRQuery" | "SignatureValue" | "DigestValue" => return Kind::Base64,
        "URL" | "FTPAddress" | "url" | "schemaURL" => return Kind::Uri,
        "IPv4Address" => return Kind::Ipv4,
        _ => {}
    }
    if looks_like_uuid(v) {
        Kind::Uuid
    } else if looks_like_datetime(v) {
        if v.contains('.') {
            Kind::MicroDateTime
        } else {
            Kind::DateTime
        }
    } else if v == "true" || v == "false" {
        Kind::Bool
    } else if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        Kind::Integer
    } else {
        Kind::Text
    }
}

fn pick_s(rng: &mut Rng, items: &[&str]) -> String {
    (*rng.pick(items)).to_owned()
}

/// A replacement value of the given kind, valid or not for that kind (roughly half of each).
fn value_for(kind: Kind, rng: &mut Rng) -> String {
    let s = |v: &str| v.to_owned();
    match kind {
        Kind::Uuid => {
            let u = rng.uuid();
            match rng.below(14) {
                0..=2 => u,
                3 => format!("  {u}\n"),
                4 => format!("&#x{:x};{}", u.as_bytes()[0], &u[1..]),
                5 => u.to_uppercase(),
                6 => u.replacen('-', "", 1),
                7 => u[1..].to_owned(),
                8 => format!("{u}0"),
                9 => format!("{{{u}}}"),
                10 => format!("g{}", &u[1..]),
                11 => format!("{} {}", &u[..18], &u[19..]),
                12 => format!("&#xA0;{u}"),
                _ => String::new(),
            }
        }
        Kind::DateTime => pick_s(
            rng,
            &[
                "2024-02-29T23:59:59Z",
                "1999-12-31T00:00:00+14:00",
                "2015-09-01T12:00:00-05:30",
                " 2015-09-01T12:00:00Z\n",
                "2015-09-01T24:00:00Z",
                "2015-09-01T00:00:00-14:00",
                "9999-12-31T23:59:59Z",
                "2023-02-29T12:00:00Z",
                "2015-13-01T12:00:00Z",
                "2015-09-31T12:00:00Z",
                "2015-09-01T12:00:00",
                "2015-09-01T12:00:00.5Z",
                "2015-09-01 12:00:00Z",
                "2015-09-01T12:60:00Z",
                "2015-09-01T12:00:60Z",
                "2015-09-01T12:00:00+15:00",
                "2015-09-01T12:00:00+14:01",
                "2015-09-01T12:00:00+01:60",
                "0000-01-01T00:00:00Z",
                "2015-09-01T12:00:00z",
                "2015-09-01T24:00:01Z",
                "10000-01-01T00:00:00Z",
                "2015-9-01T12:00:00Z",
                "",
            ],
        ),
        Kind::MicroDateTime => pick_s(
            rng,
            &[
                "2015-09-01T12:00:00.000000Z",
                "2024-02-29T23:59:59.999999+01:00",
                "2015-09-01T12:00:00.123456-14:00",
                "\t2015-09-01T12:00:00.000001Z ",
                "2015-09-01T24:00:00.000000Z",
                "2015-09-01T12:00:00.00000Z",
                "2015-09-01T12:00:00.0000000Z",
                "2015-09-01T12:00:00Z",
                "2015-09-01T24:00:00.000001Z",
                "2023-02-29T12:00:00.000000Z",
                "2015-09-01T12:00:00.000000+14:30",
                "2015-09-01T12:00:00,000000Z",
                "2015-09-01T12:00:00.000000",
                "2015-04-31T12:00:00.000000Z",
            ],
        ),
        Kind::Bool => pick_s(
            rng,
            &[
                "true",
                "false",
                "1",
                "0",
                " true ",
                "\nfalse\n",
                "TRUE",
                "True",
                "yes",
                "",
                "t",
                "2",
                "-1",
                "tru&#x65;",
            ],
        ),
        Kind::Integer => pick_s(
            rng,
            &[
                "0",
                "1",
                "007",
                "+3",
                "-0",
                "18446744073709551616",
                " 42 ",
                "65535",
                "65536",
                "-1",
                "1.0",
                "1e3",
                "",
                "0x10",
                "&#x663;",
                "1 2",
                "+",
                "&#x31;&#x32;",
            ],
        ),
        Kind::Country => pick_s(
            rng,
            &[
                "GB", "DE", " FR ", "ZZ", "G&#x42;", "gb", "G", "GBR", "G B", "", "Ü1", "Gb",
                "&#xA0;GB",
            ],
        ),
        Kind::Version => pick_s(
            rng,
            &[
                "V1.12.1",
                "V0.0.0",
                "V123.456.789",
                "V&#x661;.&#x662;.&#x663;",
                "V1.1.1",
                "v1.12.1",
                "V1.12",
                "V1.12.1.1",
                " V1.12.1",
                "V1..1",
                "",
                "V1.12.x",
                "V-1.2.3",
            ],
        ),
        Kind::Liid => match rng.below(10) {
            0 => s("LIID1"),
            1 => (0..25)
                .map(|_| char::from(b'!' + rng.below(94) as u8))
                .collect::<String>()
                .replace('&', "&amp;")
                .replace('<', "&lt;"),
            2 => rng.hex(26),
            3 => rng.hex(50),
            4 => s("LIIDLIIDLIIDLIIDLIIDLIIDLI"),
            5 => rng.hex(51),
            6 => s("LI ID"),
            7 => s(""),
            8 => s("LI\tID"),
            _ => s("ÄÖ"),
        },
        Kind::Ldid => pick_s(
            rng,
            &[
                "GB-abc-def",
                "XX-a-b",
                "XX-a-b-c",
                "XX-é-😀",
                "gb-a-b",
                "GB-a",
                "GB--",
                "G-a-b",
                "GB-a\n-b",
                "",
            ],
        ),
        Kind::Base64 => pick_s(
            rng,
            &[
                "",
                "AAAA",
                "YWJj",
                "YW Jj",
                "YWI=",
                "YQ==",
                "YWJj\nZGVm",
                "YWJ",
                "YQ=",
                "Y===",
                "====",
                "YW*j",
                "YQ==YQ==",
                "YR==",
            ],
        ),
        Kind::Uri => pick_s(
            rng,
            &[
                "http://example.com/x",
                "",
                "urn:x",
                "relative/path",
                "https://example.invalid/a?b=c&amp;d=e#f",
                " http://example.com/ ",
                "http://exa mple.com/",
                "http://[::1",
                "%zz",
                "::",
                "http://example.com/#a#b",
            ],
        ),
        Kind::Ipv4 => pick_s(
            rng,
            &[
                "10.0.0.1",
                "255.255.255.255",
                " 1.2.3.4 ",
                "01.2.3.4",
                "256.0.0.1",
                "1.2.3",
                "1.2.3.4.5",
                "1.2.3.4/8",
                "",
            ],
        ),
        Kind::Text => match rng.below(16) {
            0 => s("x"),
            1 => s(""),
            2 => s("a&amp;b &lt;c&gt;"),
            3 => "s".repeat(255),
            4 => "l".repeat(256),
            5 => format!("{}😀", "e".repeat(254)),
            6 => format!("{}&#x1F600;", "r".repeat(255)),
            7 => s("<![CDATA[<in cdata>]]>"),
            8 => s("  padded  "),
            9 => s("émoji 😀 ünïcödé"),
            10 => {
                if rng.chance(10) {
                    "L".repeat(65_536)
                } else {
                    "L".repeat(65_535)
                }
            }
            11 => s("line\nbreak\ttab"),
            12 => s("&#x7F;&#x85;"),
            13 => s("N/A"),
            14 => s("XX"),
            _ => s("x&#xD;y"),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Types for xsi:type mutations
// ---------------------------------------------------------------------------------------------

/// (namespace, local) type names: derived HI1Object types, abstract bases, unrelated and unknown
/// types, simple types.
const COMPLEX_TYPES: &[(&str, &str)] = &[
    (DELIVERY, "DeliveryObject"),
    (TASK, "LITaskObject"),
    (TASK, "LDTaskObject"),
    (TASK, "PrivateLDTaskObject"),
    (AUTH, "AuthorisationObject"),
    (DOC, "DocumentObject"),
    (NOTIFICATION, "NotificationObject"),
    (POLICY, "TrafficPolicyObject"),
    (POLICY, "TrafficRuleObject"),
    (CORE, "HI1Object"),
    (CORE, "NationalHandlingParameters"),
    (CORE, "MessageHeader"),
    (CORE, "EndpointID"),
    (CORE, "NoSuchType"),
    (DELIVERY, "Manifest"),
    (COMMON, "DictionaryEntry"),
    (ETSI707, "MessagingPayload"),
    (ETSI707, "Payload"),
    (ETSI707, "HandoverItem"),
    (ETSI707, "MessagingParty"),
    (OTHER, "Foo"),
    (XS, "anyType"),
];

const SIMPLE_TYPES: &[(&str, &str)] = &[
    (DICT, "ShortString"),
    (DICT, "LongString"),
    (DICT, "UUID"),
    (DICT, "ISOCountryCode"),
    (DICT, "QualifiedDateTime"),
    (DICT, "QualifiedMicrosecondDateTime"),
    (DICT, "LIID"),
    (DICT, "LDID"),
    (CORE, "ObjectIdentifier"),
    (COMMON, "ETSIVersion"),
    (XS, "string"),
    (XS, "token"),
    (XS, "nonNegativeInteger"),
    (XS, "positiveInteger"),
    (XS, "integer"),
    (XS, "boolean"),
    (XS, "dateTime"),
    (XS, "anySimpleType"),
    (XS, "anyType"),
    (DICT, "NoSuchType"),
];

// ---------------------------------------------------------------------------------------------
// Mutation operators
// ---------------------------------------------------------------------------------------------

struct Mutation {
    op: &'static str,
    desc: String,
    text: String,
}

struct Mutator<'r> {
    rng: &'r mut Rng,
    set: Set,
}

impl Mutator<'_> {
    fn usable_type(&self, ns: &str) -> bool {
        ns == XS || self.set.namespaces().contains(&ns)
    }

    fn mutate(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let roll = self.rng.below(100);
        match roll {
            0..=29 => self.replace_value(doc),
            30..=38 => self.delete(doc),
            39..=47 => self.duplicate(doc),
            48..=52 => self.swap(doc),
            53..=63 => self.xsi_type(doc),
            64..=71 => self.rename(doc),
            72..=78 => self.insert_element(doc),
            79..=85 => self.attribute(doc),
            86..=94 => self.text_noise(doc),
            95..=97 => self.empty(doc),
            _ => self.malformed(doc),
        }
    }

    fn replace_value(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let leaves = doc.leaves();
        let i = *self.rng.pick(&leaves);
        let el = &doc.els[i];
        let old = doc.slice(el.content());
        let own = kind_of(&el.local, old);
        let kind = if self.rng.chance(20) {
            *self.rng.pick(KINDS)
        } else {
            own
        };
        let value = value_for(kind, self.rng);
        if value == old {
            return None;
        }
        Some(Mutation {
            op: "value",
            desc: format!(
                "{}: text {:?} -> {:?} ({kind:?} value for a {own:?} element)",
                doc.path(i),
                shorten(old),
                shorten(&value)
            ),
            text: splice(doc.text, el.content(), &value),
        })
    }

    fn delete(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let i = *self.rng.pick(&doc.non_root());
        let el = &doc.els[i];
        Some(Mutation {
            op: "delete",
            desc: format!("{}: element removed", doc.path(i)),
            text: splice(doc.text, el.whole(), ""),
        })
    }

    fn duplicate(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let i = *self.rng.pick(&doc.non_root());
        let el = &doc.els[i];
        let copy = doc.slice(el.whole());
        let at = el.close.end;
        Some(Mutation {
            op: "duplicate",
            desc: format!("{}: element duplicated", doc.path(i)),
            text: splice(doc.text, at..at, &format!("\n{copy}")),
        })
    }

    fn swap(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let parents: Vec<usize> = (0..doc.els.len())
            .filter(|&i| doc.els[i].children.len() >= 2)
            .collect();
        let p = *self.rng.pick(&parents);
        let children = &doc.els[p].children;
        let k = self.rng.below(children.len() - 1);
        let (a, b) = (&doc.els[children[k]], &doc.els[children[k + 1]]);
        let (ta, tb) = (doc.slice(a.whole()), doc.slice(b.whole()));
        let text = edit(
            doc.text,
            vec![(a.whole(), tb.to_owned()), (b.whole(), ta.to_owned())],
        );
        Some(Mutation {
            op: "swap",
            desc: format!(
                "{}: children <{}> and <{}> swapped",
                doc.path(p),
                a.qname,
                b.qname
            ),
            text,
        })
    }

    /// An `xsi:type` value naming (ns, local) written in one of several ways, and the namespace
    /// declarations it needs on the element.
    fn type_ref(&mut self, ns: &str, local: &str) -> (String, String) {
        match self.rng.below(10) {
            0 => (format!("  mt:{local}\n"), format!(" xmlns:mt=\"{ns}\"")),
            1 => (local.to_owned(), String::new()),
            2 => (format!("undeclared:{local}"), String::new()),
            3 => (local.to_owned(), format!(" xmlns=\"{ns}\"")),
            _ => (format!("mt:{local}"), format!(" xmlns:mt=\"{ns}\"")),
        }
    }

    fn xsi_type(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let typed: Vec<usize> = (0..doc.els.len())
            .filter(|&i| doc.els[i].xsi_type.is_some())
            .collect();
        if !typed.is_empty() && self.rng.chance(65) {
            let i = *self.rng.pick(&typed);
            let el = &doc.els[i];
            let value_range = el.xsi_type.clone()?;
            let old = doc.slice(value_range.clone()).to_owned();
            let insert_at = el.attr_insert_at(doc.text);
            if self.rng.chance(12) {
                let attr = el.xsi_type_attr.clone()?;
                return Some(Mutation {
                    op: "xsi:type",
                    desc: format!("{}: xsi:type=\"{old}\" removed", doc.path(i)),
                    text: splice(doc.text, attr, ""),
                });
            }
            if self.rng.chance(8) {
                return Some(Mutation {
                    op: "xsi:type",
                    desc: format!("{}: xsi:type=\"{old}\" -> \"\"", doc.path(i)),
                    text: splice(doc.text, value_range, ""),
                });
            }
            let (ns, local) = if self.rng.chance(20) {
                // The same type, written differently.
                let (ns, local) = el.type_name.clone()?;
                (ns, local)
            } else {
                let (ns, local) = *self.rng.pick(COMPLEX_TYPES);
                (ns.to_owned(), local.to_owned())
            };
            if !self.usable_type(&ns) {
                return None;
            }
            let (value, decls) = self.type_ref(&ns, &local);
            if decls.contains("xmlns=") && !el.qname.contains(':') {
                // Changing the default namespace would move the element itself.
                return None;
            }
            let text = edit(
                doc.text,
                vec![
                    (value_range, value.clone()),
                    (insert_at..insert_at, decls.clone()),
                ],
            );
            return Some(Mutation {
                op: "xsi:type",
                desc: format!(
                    "{}: xsi:type=\"{old}\" -> \"{}\"{}",
                    doc.path(i),
                    shorten(&value),
                    decls
                ),
                text,
            });
        }
        // Add xsi:type (or xsi:nil) to an element that has none.
        let untyped: Vec<usize> = (0..doc.els.len())
            .filter(|&i| doc.els[i].xsi_type.is_none())
            .collect();
        let i = *self.rng.pick(&untyped);
        let el = &doc.els[i];
        let (ns, local) = if el.is_leaf() || self.rng.chance(20) {
            *self.rng.pick(SIMPLE_TYPES)
        } else {
            *self.rng.pick(COMPLEX_TYPES)
        };
        if !self.usable_type(ns) {
            return None;
        }
        let (value, decls) = self.type_ref(ns, local);
        if decls.contains("xmlns=") && !el.qname.contains(':') {
            return None;
        }
        let attr = format!(" xmlns:mxsi=\"{XSI}\" mxsi:type=\"{value}\"{decls}");
        let at = el.attr_insert_at(doc.text);
        Some(Mutation {
            op: "xsi:type",
            desc: format!("{}: added{}", doc.path(i), shorten(&attr)),
            text: splice(doc.text, at..at, &attr),
        })
    }

    fn rename(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let i = if self.rng.chance(5) {
            0
        } else {
            *self.rng.pick(&doc.non_root())
        };
        let el = &doc.els[i];
        let namespaces = self.set.namespaces();
        let (name, decl) = match self.rng.below(6) {
            // Same local name, another namespace.
            0 | 1 => {
                let ns = *self.rng.pick(namespaces);
                if ns == el.ns {
                    return None;
                }
                (format!("mn:{}", el.local), format!(" xmlns:mn=\"{ns}\""))
            }
            // Same namespace through another prefix (still valid).
            2 => (
                format!("mn:{}", el.local),
                format!(" xmlns:mn=\"{}\"", el.ns),
            ),
            // Same namespace, other local name.
            3 => {
                let mut local = el.local.clone();
                if self.rng.chance(50) {
                    local.push('X');
                } else {
                    let first = local.remove(0);
                    let flipped = if first.is_ascii_uppercase() {
                        first.to_ascii_lowercase()
                    } else {
                        first.to_ascii_uppercase()
                    };
                    local.insert(0, flipped);
                }
                (format!("mn:{local}"), format!(" xmlns:mn=\"{}\"", el.ns))
            }
            // Unprefixed, no namespace (xmlns="" also affects unprefixed descendants).
            4 => (el.local.clone(), " xmlns=\"\"".to_owned()),
            // Unprefixed into another default namespace (moves unprefixed descendants too).
            _ => {
                let ns = *self.rng.pick(namespaces);
                (el.local.clone(), format!(" xmlns=\"{ns}\""))
            }
        };
        let open_name = el.open.start + 1..el.open.start + 1 + el.qname.len();
        let mut edits = vec![(open_name.clone(), format!("{name}{decl}"))];
        if !el.empty_tag {
            let close_name = el.close.start + 2..el.close.start + 2 + el.qname.len();
            edits.push((close_name, name.clone()));
        }
        Some(Mutation {
            op: "rename",
            desc: format!("{}: renamed to <{name}{decl}>", doc.path(i)),
            text: edit(doc.text, edits),
        })
    }

    fn insert_element(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let hosts: Vec<usize> = (0..doc.els.len())
            .filter(|&i| !doc.els[i].empty_tag)
            .collect();
        let p = *self.rng.pick(&hosts);
        let el = &doc.els[p];
        let at = if el.children.is_empty() || self.rng.chance(30) {
            el.close.start
        } else {
            let c = *self.rng.pick(&el.children);
            doc.els[c].open.start
        };
        let new = match self.rng.below(6) {
            0 => "<Unknown/>".to_owned(),
            1 => format!("<mn:Extra xmlns:mn=\"{OTHER}\">x</mn:Extra>"),
            2 => {
                let local = if el.children.is_empty() {
                    el.local.clone()
                } else {
                    doc.els[*self.rng.pick(&el.children)].local.clone()
                };
                let ns = *self.rng.pick(self.set.namespaces());
                format!("<mn:{local} xmlns:mn=\"{ns}\"/>")
            }
            3 => format!("<mxs:annotation xmlns:mxs=\"{XS}\"/>"),
            // A transplant of another element of the document (namespace context may differ).
            _ => {
                let other = &doc.els[*self.rng.pick(&doc.non_root())];
                if other.whole().contains(&at) || other.open.start == at {
                    return None;
                }
                doc.slice(other.whole()).to_owned()
            }
        };
        Some(Mutation {
            op: "insert",
            desc: format!("{}: inserted {} at byte {at}", doc.path(p), shorten(&new)),
            text: splice(doc.text, at..at, &new),
        })
    }

    fn attribute(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let i = self.rng.below(doc.els.len());
        let el = &doc.els[i];
        let attr = match self.rng.below(11) {
            0 => " foo=\"bar\"".to_owned(),
            1 => format!(" xmlns:mn=\"{OTHER}\" mn:foo=\"1\""),
            2 => " xml:lang=\"en\"".to_owned(),
            3 => format!(" xmlns:mxsi=\"{XSI}\" mxsi:schemaLocation=\"urn:a b.xsd\""),
            4 => format!(" xmlns:mxsi=\"{XSI}\" mxsi:noNamespaceSchemaLocation=\"x.xsd\""),
            5 => format!(" xmlns:mxsi=\"{XSI}\" mxsi:nil=\"true\""),
            6 => format!(" xmlns:mxsi=\"{XSI}\" mxsi:nil=\"false\""),
            7 => format!(" xmlns:mxsi=\"{XSI}\" mxsi:bogus=\"1\""),
            8 => " xmlns:unused=\"urn:unused\"".to_owned(),
            9 => " xmlns:mn=\"urn:x\" mn:type=\"t\"".to_owned(),
            _ => " Version=\"1\"".to_owned(),
        };
        let at = el.attr_insert_at(doc.text);
        Some(Mutation {
            op: "attribute",
            desc: format!("{}: added attribute{attr}", doc.path(i)),
            text: splice(doc.text, at..at, &attr),
        })
    }

    fn text_noise(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        if self.rng.chance(60) {
            let leaves = doc.leaves();
            let i = *self.rng.pick(&leaves);
            let el = &doc.els[i];
            let old = doc.slice(el.content());
            let mid = old
                .char_indices()
                .map(|(k, _)| k)
                .nth(old.chars().count() / 2)
                .unwrap_or(old.len());
            let first_char = old.chars().next();
            let new = match self.rng.below(10) {
                0 => format!(" {old} "),
                1 => format!("\n\t{old}\r\n"),
                2 => format!("{}<!-- c -->{}", &old[..mid], &old[mid..]),
                3 => format!("{}<?pi x?>{}", &old[..mid], &old[mid..]),
                4 if !old.contains(['<', '&', ']']) => format!("<![CDATA[{old}]]>"),
                5 => match first_char {
                    Some(c) if c != '<' && c != '&' => {
                        format!("&#x{:X};{}", c as u32, &old[c.len_utf8()..])
                    }
                    _ => return None,
                },
                6 => format!("&#xA0;{old}"),
                7 => format!("{old}&#x9;"),
                8 => format!("{old}&#x20;"),
                _ => format!("<!---->{old}<!---->"),
            };
            return Some(Mutation {
                op: "text",
                desc: format!(
                    "{}: text {:?} -> {:?}",
                    doc.path(i),
                    shorten(old),
                    shorten(&new)
                ),
                text: splice(doc.text, el.content(), &new),
            });
        }
        // Between the children of an element with element content.
        let parents: Vec<usize> = (0..doc.els.len())
            .filter(|&i| !doc.els[i].children.is_empty())
            .collect();
        let p = *self.rng.pick(&parents);
        let el = &doc.els[p];
        let c = *self.rng.pick(&el.children);
        let at = if self.rng.chance(50) {
            doc.els[c].open.start
        } else {
            doc.els[c].close.end
        };
        let new = *self.rng.pick(&[
            "x",
            " x ",
            "&amp;",
            "&#x20;",
            "&#xA;",
            "<![CDATA[ ]]>",
            "<![CDATA[x]]>",
            "<!-- comment -->",
            "<?pi data?>",
            "\n\n\t",
            "&#xA0;",
        ]);
        Some(Mutation {
            op: "text",
            desc: format!(
                "{}: {new:?} inserted between children at byte {at}",
                doc.path(p)
            ),
            text: splice(doc.text, at..at, new),
        })
    }

    fn empty(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let i = *self.rng.pick(&doc.non_root());
        let el = &doc.els[i];
        if el.empty_tag {
            return None;
        }
        let text = if self.rng.chance(50) {
            splice(doc.text, el.content(), "")
        } else {
            let tag = doc.slice(el.open.clone());
            let self_closing = format!("{}/>", &tag[..tag.len() - 1]);
            splice(doc.text, el.whole(), &self_closing)
        };
        Some(Mutation {
            op: "empty",
            desc: format!("{}: content removed", doc.path(i)),
            text,
        })
    }

    fn malformed(&mut self, doc: &Doc<'_>) -> Option<Mutation> {
        let i = *self.rng.pick(&doc.non_root());
        let el = &doc.els[i];
        let (what, text) = match self.rng.below(5) {
            0 if !el.empty_tag => ("end tag removed", splice(doc.text, el.close.clone(), "")),
            1 if el.is_leaf() => (
                "undefined entity",
                splice(doc.text, el.content(), "&undefined;"),
            ),
            2 if el.is_leaf() => ("&#0;", splice(doc.text, el.content(), "&#0;")),
            3 => {
                let at = el.attr_insert_at(doc.text);
                (
                    "duplicate attribute",
                    splice(doc.text, at..at, " a=\"1\" a=\"2\""),
                )
            }
            4 => {
                let at = el.close.end;
                ("unbound prefix", splice(doc.text, at..at, "<zz:Foo/>"))
            }
            _ => return None,
        };
        Some(Mutation {
            op: "malformed",
            desc: format!("{}: {what}", doc.path(i)),
            text,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

struct Case {
    id: String,
    hash: String,
    set: Set,
    op: &'static str,
    desc: String,
    xml: Vec<u8>,
}

fn corpus() -> Vec<Case> {
    let mut rng = Rng::new(SEED);
    let mut cases = Vec::new();
    let mut seen = HashSet::new();
    for seed in seeds() {
        // The unmutated seed itself.
        let hash = doc_hash(seed.text.as_bytes());
        seen.insert(hash.clone());
        cases.push(Case {
            id: format!("{}#seed", seed.name),
            hash,
            set: seed.set,
            op: "seed",
            desc: "unmutated seed".to_owned(),
            xml: seed.text.as_bytes().to_vec(),
        });
        let doc = Doc::index(&seed.text)
            .unwrap_or_else(|| panic!("{}: the seed cannot be indexed", seed.name));
        let wanted = if seed.set == Set::Own707 {
            PER_OWN_SEED
        } else {
            PER_OFFICIAL_SEED
        };
        let mut made = 0;
        let mut attempts = 0;
        while made < wanted {
            attempts += 1;
            assert!(
                attempts < wanted * 50,
                "{}: cannot generate enough distinct mutations",
                seed.name
            );
            let mut mutator = Mutator {
                rng: &mut rng,
                set: seed.set,
            };
            let Some(mut mutation) = mutator.mutate(&doc) else {
                continue;
            };
            // Sometimes a second mutation on top of the first.
            if mutator.rng.chance(12) {
                if let Some(second_doc) = Doc::index(&mutation.text) {
                    if let Some(second) = mutator.mutate(&second_doc) {
                        mutation = Mutation {
                            op: "pair",
                            desc: format!("{} AND THEN {}", mutation.desc, second.desc),
                            text: second.text,
                        };
                    }
                }
            }
            let hash = doc_hash(mutation.text.as_bytes());
            if !seen.insert(hash.clone()) {
                continue;
            }
            cases.push(Case {
                id: format!("{}#{made}", seed.name),
                hash,
                set: seed.set,
                op: mutation.op,
                desc: mutation.desc,
                xml: mutation.text.into_bytes(),
            });
            made += 1;
        }
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// The reference: xmllint, one process per batch
// ---------------------------------------------------------------------------------------------

fn schema_set(set: Set) -> xmllint::SchemaSet {
    match set {
        Set::Official => xmllint::official(&[]),
        Set::OfficialFoo => {
            xmllint::official(&[(FOO, paths::official_example("FooServiceSchema.xsd"))])
        }
        Set::Own707 => xmllint::official(&[(
            ETSI707,
            paths::repo_root().join("schemas/ts_103707_messaging.xsd"),
        )]),
    }
}

/// xmllint's verdict for each document (Ok, or Err with its messages about that document).
fn xmllint_verdicts(schemas: &xmllint::SchemaSet, docs: &[&[u8]]) -> Vec<Result<(), String>> {
    let dir = xmllint::TempDirLike::new("li707-differential");
    let names: Vec<String> = (0..docs.len()).map(|k| format!("d{k:05}.xml")).collect();
    for (name, xml) in names.iter().zip(docs) {
        let file = dir.path().join(name);
        std::fs::write(&file, xml)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
    }
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schemas.wrapper_path())
        .args(&names)
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint (install libxml2-utils): {e}"));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    assert_ne!(
        output.status.code(),
        Some(5),
        "xmllint could not compile the schema set:\n{all}"
    );
    let mut verdicts: BTreeMap<&str, bool> = BTreeMap::new();
    let mut messages: BTreeMap<&str, String> = BTreeMap::new();
    let mut current: Option<&str> = None;
    for line in all.lines() {
        if let Some(name) = line.strip_suffix(" validates") {
            verdicts.insert(name, true);
            current = None;
        } else if let Some(name) = line.strip_suffix(" fails to validate") {
            verdicts.insert(name, false);
            current = None;
        } else {
            if let Some((name, _)) = line.split_once(':') {
                if name.len() == 10 && name.starts_with('d') && name.ends_with(".xml") {
                    current = names
                        .iter()
                        .find(|n| n.as_str() == name)
                        .map(String::as_str);
                }
            }
            if let Some(name) = current {
                let m = messages.entry(name).or_default();
                m.push_str(line);
                m.push('\n');
            }
        }
    }
    names
        .iter()
        .map(|name| {
            let message = messages.get(name.as_str()).cloned().unwrap_or_default();
            match verdicts.get(name.as_str()) {
                Some(true) => Ok(()),
                Some(false) => Err(message),
                // No verdict line: the document was not well-formed (a parser error).
                None => {
                    assert!(
                        !message.is_empty(),
                        "xmllint printed nothing about {name}:\n{all}"
                    );
                    Err(message)
                }
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Known deviations
// ---------------------------------------------------------------------------------------------

/// Rows of `libxml2_deviations.md`: table rows whose first cell is a 16-hex-digit document
/// hash, keyed by that hash, with the mutation id (the first word of the second cell) and the
/// row. Every row must also name an XSD 1.0 clause (third cell, non-empty).
fn libxml2_deviations() -> BTreeMap<String, (String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/libxml2_deviations.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let hash = cells.first().copied().unwrap_or("").trim_matches('`');
        if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let id = cells
            .get(1)
            .and_then(|cell| cell.split_whitespace().next())
            .unwrap_or("")
            .trim_matches('`');
        let clause = cells.get(2).copied().unwrap_or("");
        assert!(
            !id.is_empty() && !clause.is_empty(),
            "{}: deviation {hash} needs a mutation id and an XSD 1.0 clause",
            path.display()
        );
        let previous = out.insert(hash.to_ascii_lowercase(), (id.to_owned(), line.to_owned()));
        assert!(
            previous.is_none(),
            "{}: {hash} listed twice",
            path.display()
        );
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

/// Prints one summary line past libtest's output capture (which takes only the print macros),
/// so that the CI log shows the counts on success too.
fn announce(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

#[test]
fn li707_agrees_with_xmllint_on_every_mutated_document() {
    let cases = corpus();
    let mutated = cases.iter().filter(|c| c.op != "seed").count();
    assert!(mutated >= 1_000, "only {mutated} mutated documents");

    // li707's verdicts.
    let ours: Vec<Result<(), String>> = cases.iter().map(|c| c.set.verdict(&c.xml)).collect();

    // xmllint's verdicts, batched per schema set.
    let mut theirs: Vec<Option<Result<(), String>>> = vec![None; cases.len()];
    for set in [Set::Official, Set::OfficialFoo, Set::Own707] {
        let schemas = schema_set(set);
        let indices: Vec<usize> = (0..cases.len()).filter(|&k| cases[k].set == set).collect();
        for chunk in indices.chunks(BATCH) {
            let docs: Vec<&[u8]> = chunk.iter().map(|&k| cases[k].xml.as_slice()).collect();
            for (&k, verdict) in chunk.iter().zip(xmllint_verdicts(&schemas, &docs)) {
                theirs[k] = Some(verdict);
            }
        }
    }
    let theirs: Vec<Result<(), String>> = theirs
        .into_iter()
        .map(|v| v.expect("every document was validated"))
        .collect();

    let deviations = libxml2_deviations();
    let bugs: BTreeMap<&str, &str> = KNOWN_LI707_BUGS
        .iter()
        .map(|(hash, id, _)| (*hash, *id))
        .collect();

    // Tallies.
    let mut table: BTreeMap<(bool, bool), usize> = BTreeMap::new();
    let mut per_op: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut tolerated_libxml2 = 0;
    let mut tolerated_bugs = HashSet::new();
    let mut tolerated_deviation_hashes = HashSet::new();
    let mut panics = Vec::new();
    for (k, case) in cases.iter().enumerate() {
        let (a, b) = (ours[k].is_ok(), theirs[k].is_ok());
        *table.entry((a, b)).or_default() += 1;
        let entry = per_op.entry(case.op).or_default();
        entry[0] += 1;
        if b {
            entry[1] += 1;
        }
        if a != b {
            entry[2] += 1;
        }
        if let Err(e) = &ours[k] {
            if e.starts_with("LI707 PANICKED") {
                panics.push(format!("{} [{}]: {e}", case.id, case.hash));
            }
        }
        if a == b {
            continue;
        }
        if let Some((id, _)) = deviations.get(&case.hash) {
            assert_eq!(
                id, &case.id,
                "libxml2_deviations.md: hash {} belongs to {}",
                case.hash, case.id
            );
            tolerated_libxml2 += 1;
            tolerated_deviation_hashes.insert(case.hash.clone());
            continue;
        }
        if let Some(id) = bugs.get(case.hash.as_str()) {
            assert_eq!(
                *id, case.id,
                "KNOWN_LI707_BUGS: hash {} belongs to {}",
                case.hash, case.id
            );
            tolerated_bugs.insert(case.hash.clone());
            continue;
        }
        let mut report = String::new();
        let _ = writeln!(
            report,
            "DISAGREEMENT {} [hash {}] ({})",
            case.id, case.hash, case.op
        );
        let _ = writeln!(report, "  mutation: {}", case.desc);
        let _ = writeln!(
            report,
            "  li707:    {}",
            match &ours[k] {
                Ok(()) => "valid".to_owned(),
                Err(e) => format!("invalid: {e}"),
            }
        );
        let _ = writeln!(
            report,
            "  xmllint:  {}",
            match &theirs[k] {
                Ok(()) => "valid".to_owned(),
                Err(e) => format!("invalid: {}", e.trim_end().replace('\n', "\n            ")),
            }
        );
        failures.push(report);
    }

    let total = cases.len();
    let agreements = table.get(&(true, true)).copied().unwrap_or(0)
        + table.get(&(false, false)).copied().unwrap_or(0);
    let valid_ref = table.get(&(true, true)).copied().unwrap_or(0)
        + table.get(&(false, true)).copied().unwrap_or(0);
    announce(&format!(
        "differential: {total} documents ({mutated} mutated from 21 seeds), {agreements} \
         agreements, {tolerated_libxml2} documented libxml2 deviations, {} known li707 bugs",
        tolerated_bugs.len()
    ));
    println!(
        "  xmllint valid: {valid_ref}, xmllint invalid: {}",
        total - valid_ref
    );
    for ((a, b), n) in &table {
        let word = |v: bool| if v { "valid" } else { "invalid" };
        println!("  li707 {:>7} / xmllint {:>7}: {n}", word(*a), word(*b));
    }
    println!("  per operator (documents, xmllint-valid, disagreements):");
    for (op, [n, valid, diff]) in &per_op {
        println!("    {op:<10} {n:>5} {valid:>5} {diff:>3}");
    }
    println!(
        "  tolerated: {tolerated_libxml2} documented libxml2 deviations, {} known li707 bugs",
        tolerated_bugs.len()
    );

    assert!(
        valid_ref * 4 >= mutated,
        "too few valid documents for a useful differential ({valid_ref} of {total})"
    );
    assert!(panics.is_empty(), "li707 panicked:\n{}", panics.join("\n"));
    let stale_bugs: Vec<&str> = bugs
        .keys()
        .filter(|h| !tolerated_bugs.contains(**h))
        .copied()
        .collect();
    let stale_deviations: Vec<&String> = deviations
        .keys()
        .filter(|h| !tolerated_deviation_hashes.contains(*h))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {total} documents: li707 and xmllint disagree (list libxml2 errors in \
         tests/libxml2_deviations.md with the XSD 1.0 clause):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        stale_bugs.is_empty(),
        "KNOWN_LI707_BUGS entries that no longer disagree (remove them): {stale_bugs:?}"
    );
    assert!(
        stale_deviations.is_empty(),
        "libxml2_deviations.md rows whose document no longer disagrees or is no longer \
         generated (remove them): {stale_deviations:?}"
    );
}
