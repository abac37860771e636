//! Facet table test for the TS 103 280 dictionary (`TS_103_280_01.xsd`, v2.6.1, as shipped with
//! the official TS 103 120 V1.12.1 schema set).
//!
//! For every restricted simple type of the file, a table lists values with the verdict the
//! schema gives them (at least one valid and one invalid value per type, boundary cases where
//! a facet has a boundary). Each value is checked twice:
//!
//! - by li707: `<official::etsi::Type as SimpleValue>::from_lexical(value)`;
//! - by the reference validator: one small instance document per value, validated by xmllint
//!   against a test schema that imports the official file and declares one element per type.
//!
//! The test asserts that xmllint agrees with the table (so the table is right) and that li707
//! agrees with xmllint, except for the rows in [`KNOWN_LI707_BUGS`], which must still disagree
//! (so that list shrinks when li707 is fixed). The test also fails when the file declares a
//! simple type the table (or the li707 dispatch) does not cover.

#[path = "../../tests/support/mod.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use li707::value::SimpleValue;
use li707_conformance::official::etsi;
use quick_xml::events::Event;
use support::{paths, xmllint::TempDirLike};

/// Namespace of the TS 103 280 dictionary.
const ETSI_NS: &str = "http://uri.etsi.org/03280/common/2017/07";

/// Namespace of the test schema that declares one element per dictionary type.
const TEST_NS: &str = "urn:li707:test:facets-280";

/// The schema file under test.
const SCHEMA_FILE: &str = "TS_103_280_01.xsd";

/// How many documents one xmllint run validates (keeps command lines short).
const BATCH: usize = 200;

// ---------------------------------------------------------------------------------------------
// li707 dispatch: XSD type name -> generated newtype
// ---------------------------------------------------------------------------------------------

macro_rules! li707_types {
    ($($xsd:literal => $ty:ident),* $(,)?) => {
        /// Every dictionary type li707 is checked for, by XSD name.
        const LI707_TYPES: &[&str] = &[$($xsd),*];

        /// li707's verdict: Ok, or the error text.
        fn li707_verdict(type_name: &str, value: &str) -> Result<(), String> {
            match type_name {
                $($xsd => {
                    assert_eq!(etsi::$ty::XSD_NAME, concat!("etsi:", $xsd));
                    <etsi::$ty as SimpleValue>::from_lexical(value)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })*
                other => panic!("no li707 type registered for etsi:{other}"),
            }
        }
    };
}

li707_types! {
    "ShortString" => ShortString,
    "LongString" => LongString,
    "LIID" => Liid,
    "UTCDateTime" => UtcDateTime,
    "UTCMicrosecondDateTime" => UtcMicrosecondDateTime,
    "QualifiedDateTime" => QualifiedDateTime,
    "QualifiedMicrosecondDateTime" => QualifiedMicrosecondDateTime,
    "InternationalE164" => InternationalE164,
    "IMSI" => Imsi,
    "IMEI" => Imei,
    "IMEICheckDigit" => ImeiCheckDigit,
    "IMEISV" => Imeisv,
    "IPv4Address" => IPv4Address,
    "IPv4CIDR" => IPv4Cidr,
    "IPv6Address" => IPv6Address,
    "IPv6CIDR" => IPv6Cidr,
    "TCPPort" => TcpPort,
    "UDPPort" => UdpPort,
    "MACAddress" => MacAddress,
    "EmailAddress" => EmailAddress,
    "UUID" => Uuid,
    "ISOCountryCode" => IsoCountryCode,
    "SIPURI" => Sipuri,
    "TELURI" => Teluri,
    "WGS84LatitudeDecimal" => Wgs84LatitudeDecimal,
    "WGS84LongitudeDecimal" => Wgs84LongitudeDecimal,
    "WGS84LatitudeAngular" => Wgs84LatitudeAngular,
    "WGS84LongitudeAngular" => Wgs84LongitudeAngular,
    "SUPIIMSI" => Supiimsi,
    "SUPINAI" => Supinai,
    "SUCI" => Suci,
    "PEIIMEI" => Peiimei,
    "PEIIMEICheckDigit" => PeiimeiCheckDigit,
    "PEIIMEISV" => Peiimeisv,
    "GPSIMSISDN" => Gpsimsisdn,
    "GPSINAI" => Gpsinai,
    "NAI" => Nai,
    "EUI64" => Eui64,
    "LDID" => Ldid,
    "InternationalizedEmailAddress" => InternationalizedEmailAddress,
    "FiveGSTMSI" => FiveGstmsi,
    "FiveGGUTI" => FiveGguti,
}

// ---------------------------------------------------------------------------------------------
// Known li707 bugs
// ---------------------------------------------------------------------------------------------

/// (type, value) rows where li707's verdict is known to differ from the schema's (and from
/// xmllint's). They stay in the table; the test excludes them from the li707 == xmllint
/// assertion and asserts that they STILL differ, so remove a row here once li707 is fixed.
const KNOWN_LI707_BUGS: &[(&str, &str)] = &[];

/// (type, value) rows where the reference validator (libxml2's xmllint, 2.9.14 here) is known to
/// deviate from XSD 1.0; the table keeps the verdict the specification gives. For these rows the
/// test asserts li707 == the table instead of li707 == xmllint, and only reports (does not
/// fail) when xmllint starts agreeing with the table.
const KNOWN_XMLLINT_BUGS: &[(&str, &str)] = &[
    // libxml2's regex automaton mishandles the two counted repetitions of the alternation
    // `([!-~]{1,25})|([0-9a-f]{26,50})` (their character classes overlap): observed, 51..74
    // lowercase hex characters are accepted, 75 rejected. Neither branch matches more than 50.
    (
        "LIID",
        "fffffffffffffffffffffffffffffffffffffffffffffffffff",
    ),
    (
        "LIID",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ),
    (
        "LIID",
        "aaaaaaaaaaaaaaaaaaaaaaaaa00000000000000000000000000",
    ),
    // libxml2 validates xs:anyURI with its RFC 3986 parser, where `[`/`]` are allowed only in
    // the authority's host; `sip:` URIs have no `//` authority, so an IPv6 reference is
    // rejected. RFC 2396 as amended by RFC 2732 (XSD 1.0's reference) puts `[` and `]` in
    // `reserved`, so they are legal `uric`s in an opaque part; the ETSI pattern lists them
    // for exactly this use.
    ("SIPURI", "sip:alice@[2001:db8::1]"),
    ("SIPURI", "sip:alice@[2001:db8::1]:5060;transport=udp"),
    // libxml2 does not collapse white space before parsing xs:long (nor xs:int, ...): " 42 "
    // is rejected although xs:long has whiteSpace="collapse" fixed. (xs:integer is fine.)
    ("EUI64", " 42 "),
];

// ---------------------------------------------------------------------------------------------
// The facet table
// ---------------------------------------------------------------------------------------------

/// The schema's verdict on a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// In the type's lexical space and every facet holds.
    Valid,
    /// Representable in XML, but outside the lexical space or violating a facet.
    Invalid,
    /// Contains a character that XML 1.0 does not allow (so it is in no XSD value space):
    /// invalid for li707, and no well-formed instance document can carry it.
    NotXmlChars,
}

impl Expect {
    fn is_valid(self) -> bool {
        self == Expect::Valid
    }
}

#[derive(Debug, Clone)]
struct Row {
    type_name: &'static str,
    value: String,
    expect: Expect,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn add<S: Into<String>>(
        &mut self,
        type_name: &'static str,
        expect: Expect,
        values: impl IntoIterator<Item = S>,
    ) {
        for value in values {
            self.rows.push(Row {
                type_name,
                value: value.into(),
                expect,
            });
        }
    }

    fn valid<S: Into<String>>(&mut self, t: &'static str, values: impl IntoIterator<Item = S>) {
        self.add(t, Expect::Valid, values);
    }

    fn invalid<S: Into<String>>(&mut self, t: &'static str, values: impl IntoIterator<Item = S>) {
        self.add(t, Expect::Invalid, values);
    }

    fn not_xml<S: Into<String>>(&mut self, t: &'static str, values: impl IntoIterator<Item = S>) {
        self.add(t, Expect::NotXmlChars, values);
    }
}

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

/// Rows shared by the `[0-9]{min,max}` token types (E.164, IMSI, IMEI, ...).
fn digits(t: &mut Table, type_name: &'static str, min: usize, max: usize) {
    let ok = "123456789012345678901234567890";
    t.valid(type_name, [&ok[..max]]);
    if min < max {
        t.valid(type_name, [&ok[..min]]);
    }
    // xs:token: leading, trailing and tab/newline white space collapse away.
    t.valid(
        type_name,
        [format!("  {}  ", &ok[..max]), format!("\t{}\n", &ok[..min])],
    );
    t.invalid(type_name, [&ok[..max + 1], ""]);
    if min > 1 {
        t.invalid(type_name, [&ok[..min - 1]]);
    }
    t.invalid(
        type_name,
        [
            format!("+{}", &ok[..min]),
            format!("{} {}", &ok[..min], &ok[..min]),
            format!("{}a", &ok[..min - 1]),
            // ARABIC-INDIC DIGIT ONE: [0-9] is the ASCII range only.
            format!("{}\u{661}", &ok[..min - 1]),
        ],
    );
}

fn table() -> Vec<Row> {
    let mut t = Table::default();

    // --- ShortString / LongString: xs:string + maxLength (in characters) -----------------------
    t.valid(
        "ShortString",
        [
            String::new(),
            "a".into(),
            rep("a", 255),
            rep("\u{e9}", 255),
            rep("\u{1F600}", 255),
            rep(" ", 255),
            "  padded  ".into(),
            "tab\tand\nnewline & <angle>".into(),
        ],
    );
    t.invalid(
        "ShortString",
        [
            rep("a", 256),
            rep("\u{e9}", 256),
            rep("\u{1F600}", 256),
            // xs:string preserves white space: 256 spaces are 256 characters.
            rep(" ", 256),
            format!(" {} ", rep("a", 254)),
        ],
    );
    t.not_xml("ShortString", ["\u{1}", "a\u{FFFE}"]);

    t.valid(
        "LongString",
        [String::new(), rep("a", 65535), rep("\u{e9}", 65535)],
    );
    t.invalid(
        "LongString",
        [rep("a", 65536), format!("{} ", rep("a", 65535))],
    );
    t.not_xml("LongString", ["\u{1F}"]);

    // --- LIID: xs:normalizedString, ([!-~]{1,25})|([0-9a-f]{26,50}) ---------------------------
    t.valid(
        "LIID",
        [
            "LIID-1".into(),
            "!".into(),
            "~".into(),
            "a<b&c>\"'".into(),
            rep("A", 25),
            rep("!", 25),
            rep("a", 26),
            rep("0123456789", 2) + "abcdef",
            rep("0123456789abcdef", 3) + "ab",
            rep("f", 50),
        ],
    );
    t.invalid(
        "LIID",
        [
            String::new(),
            rep("A", 26),
            rep("!", 26),
            rep("0123456789", 2) + "ABCDEF",
            rep("0123456789", 2) + "abcdeg",
            rep("f", 51),
            rep("f", 25) + "-",
            "!".to_owned() + &rep("f", 25),
            rep("f", 25) + "!",
            rep("f", 60),
            rep("f", 75),
            rep("a", 25) + &rep("0", 26),
            "has space".into(),
            // xs:normalizedString does not collapse: a leading or trailing space stays.
            " LIID".into(),
            "LIID ".into(),
            // ... and tabs/newlines become spaces.
            "\tLIID".into(),
            "LIID\n".into(),
            "\u{e9}".into(),
            "\u{7F}".into(),
        ],
    );

    // --- date-times: xs:dateTime + pattern ------------------------------------------------------
    t.valid(
        "UTCDateTime",
        [
            "2024-02-29T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "1999-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            // XSD 1.0 (2nd edition): 24:00:00 is the first instant of the next day.
            "2024-12-31T24:00:00Z",
            // xs:dateTime collapses white space.
            "  2019-09-30T13:37:37Z\n",
        ],
    );
    t.invalid(
        "UTCDateTime",
        [
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-01-00T00:00:00Z",
            "2024-01-01T25:00:00Z",
            "2024-01-01T23:60:00Z",
            "2024-01-01T23:59:60Z",
            "2024-12-31T24:00:01Z",
            "2024-12-31T24:01:00Z",
            // XSD 1.0 has no year 0000.
            "0000-01-01T00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00+00:00",
            "2024-01-01T00:00:00.5Z",
            "2024-01-01t00:00:00Z",
            "2024-01-01 00:00:00Z",
            "2024-1-01T00:00:00Z",
            "12024-01-01T00:00:00Z",
            "-2024-01-01T00:00:00Z",
            "2024-01-01",
            "",
        ],
    );

    t.valid(
        "UTCMicrosecondDateTime",
        [
            "2024-02-29T23:59:59.999999Z",
            "2019-09-30T13:37:37.000000Z",
            " 2019-09-30T13:37:37.123456Z ",
        ],
    );
    t.invalid(
        "UTCMicrosecondDateTime",
        [
            "2023-02-29T00:00:00.000000Z",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00.00000Z",
            "2024-01-01T00:00:00.0000000Z",
            "2024-01-01T00:00:00.000000",
            "2024-01-01T00:00:00.000000+01:00",
            "2024-01-01T00:00:60.000000Z",
            "2024-01-01T00:00:00,000000Z",
        ],
    );

    t.valid(
        "QualifiedDateTime",
        [
            "2024-02-29T12:00:00Z",
            "2024-02-29T12:00:00+01:00",
            "2024-02-29T12:00:00-05:30",
            "2024-02-29T12:00:00+00:00",
            "2024-02-29T12:00:00-00:00",
            "2024-02-29T12:00:00+14:00",
            "2024-02-29T12:00:00-14:00",
            "2024-02-29T12:00:00+13:59",
            "2024-02-29T12:00:00-00:59",
            "2024-02-28T24:00:00+01:00",
            "\t2024-02-29T12:00:00+01:00 ",
        ],
    );
    t.invalid(
        "QualifiedDateTime",
        [
            "2023-02-29T12:00:00+01:00",
            "2100-02-29T12:00:00Z",
            "2024-06-31T12:00:00Z",
            "2024-02-29T12:00:00",
            "2024-02-29T12:00:00+0100",
            "2024-02-29T12:00:00+1:00",
            "2024-02-29T12:00:00+01",
            "2024-02-29T12:00:00.123+01:00",
            "2024-02-29T12:00:00+14:01",
            "2024-02-29T12:00:00-15:00",
            "2024-02-29T12:00:00+01:60",
            "2024-02-29T12:00:00-13:60",
            "2024-02-29T24:00:00.000000Z",
            "2024-02-29T12:00:00z",
            "0000-02-29T12:00:00+01:00",
        ],
    );

    t.valid(
        "QualifiedMicrosecondDateTime",
        [
            "2024-02-29T12:00:00.000001Z",
            "2024-02-29T12:00:00.123456+01:00",
            "2024-02-29T12:00:00.999999-14:00",
            " 2024-02-29T12:00:00.123456+14:00 ",
            "2024-02-29T24:00:00.000000+01:00",
        ],
    );
    t.invalid(
        "QualifiedMicrosecondDateTime",
        [
            "2023-02-29T12:00:00.123456+01:00",
            "2024-02-29T12:00:00+01:00",
            "2024-02-29T12:00:00.12345+01:00",
            "2024-02-29T12:00:00.1234567Z",
            "2024-02-29T12:00:00.123456",
            "2024-02-29T12:00:00.123456+14:30",
            "2024-02-29T12:00:00.123456+0100",
            "2024-02-29T24:00:00.000001+01:00",
        ],
    );

    // --- digit-string tokens ---------------------------------------------------------------------
    digits(&mut t, "InternationalE164", 1, 15);
    digits(&mut t, "GPSIMSISDN", 1, 15);
    digits(&mut t, "IMSI", 6, 15);
    digits(&mut t, "SUPIIMSI", 6, 15);
    digits(&mut t, "IMEI", 14, 14);
    digits(&mut t, "PEIIMEI", 14, 14);
    digits(&mut t, "IMEICheckDigit", 15, 15);
    digits(&mut t, "PEIIMEICheckDigit", 15, 15);
    digits(&mut t, "IMEISV", 16, 16);
    digits(&mut t, "PEIIMEISV", 16, 16);

    // --- IP addresses ----------------------------------------------------------------------------
    t.valid(
        "IPv4Address",
        [
            "192.0.2.1",
            "0.0.0.0",
            "255.255.255.255",
            "249.250.199.200",
            "001.02.3.010",
            " 10.0.0.1 ",
        ],
    );
    t.invalid(
        "IPv4Address",
        [
            "256.0.0.1",
            "1.2.3.256",
            "260.1.1.1",
            "0001.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.4/8",
            "1.2..4",
            "1.2.3.4 5",
            "::1",
            "",
        ],
    );

    t.valid(
        "IPv4CIDR",
        [
            "192.0.2.0/24",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "10.0.0.0/8",
            "10.0.0.0/29",
            "\n10.0.0.0/30\t",
        ],
    );
    t.invalid(
        "IPv4CIDR",
        [
            "10.0.0.0/33",
            "10.0.0.0/40",
            "10.0.0.0/08",
            "10.0.0.0/",
            "10.0.0.0",
            "256.0.0.0/8",
            "10.0.0.0 /8",
        ],
    );

    let v6 = "2001:0db8:0000:0000:0000:ff00:0042:8329";
    t.valid(
        "IPv6Address",
        [
            v6.to_owned(),
            "0000:0000:0000:0000:0000:0000:0000:0001".into(),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff".into(),
            format!("  {v6}  "),
        ],
    );
    t.invalid(
        "IPv6Address",
        [
            v6.to_uppercase(),
            "2001:0DB8:0000:0000:0000:ff00:0042:8329".into(),
            "2001:db8::ff00:42:8329".into(),
            "::1".into(),
            "2001:0db8:0000:0000:0000:ff00:0042".into(),
            format!("{v6}:0000"),
            "2001:0db8:0000:0000:0000:ff00:0042:832g".into(),
            "2001:0db8:0000:0000:0000:ff00:0042:83290".into(),
            "192.0.2.1".into(),
        ],
    );

    t.valid(
        "IPv6CIDR",
        [
            format!("{v6}/1"),
            format!("{v6}/9"),
            format!("{v6}/64"),
            format!("{v6}/99"),
            format!("{v6}/119"),
            format!("{v6}/128"),
            format!(" {v6}/48 "),
        ],
    );
    t.invalid(
        "IPv6CIDR",
        [
            format!("{v6}/0"),
            format!("{v6}/129"),
            format!("{v6}/130"),
            format!("{v6}/064"),
            format!("{v6}/"),
            v6.to_owned(),
            format!("{}/64", v6.to_uppercase()),
        ],
    );

    // --- ports: xs:integer + bounds --------------------------------------------------------------
    t.valid(
        "TCPPort",
        ["2", "80", "65535", "+443", "0080", " 8080 ", "\t22\n"],
    );
    t.invalid(
        "TCPPort",
        [
            "1",
            "0",
            "-0",
            "-1",
            "65536",
            "99999999999999999999999999",
            "-99999999999999999999999999",
            "80.0",
            "1e3",
            "0x50",
            "8 0",
            "",
            "+",
        ],
    );

    t.valid("UDPPort", ["0", "-0", "+0", "000", "1", "65535", "  53  "]);
    t.invalid("UDPPort", ["-1", "65536", "100000", "53.", "five", "", "-"]);

    // --- MAC address, UUID, country code ---------------------------------------------------------
    t.valid(
        "MACAddress",
        [
            "00:1a:2b:3c:4d:5e",
            "ff:ff:ff:ff:ff:ff",
            " 00:00:00:00:00:00 ",
        ],
    );
    t.invalid(
        "MACAddress",
        [
            "00:1A:2B:3C:4D:5E",
            "00-1a-2b-3c-4d-5e",
            "00:1a:2b:3c:4d",
            "00:1a:2b:3c:4d:5e:6f",
            "001a.2b3c.4d5e",
            "00:1a:2b:3c:4d:5g",
            "0:1a:2b:3c:4d:5e",
        ],
    );

    t.valid(
        "UUID",
        [
            "123e4567-e89b-12d3-a456-426614174000",
            "00000000-0000-0000-0000-000000000000",
            "\t123e4567-e89b-12d3-a456-426614174000 ",
        ],
    );
    t.invalid(
        "UUID",
        [
            "123E4567-E89B-12D3-A456-426614174000",
            "123e4567e89b12d3a456426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
            "123e4567-e89b-12d3-a456-42661417400",
            "123e4567-e89b-12d3-a456-4266141740000",
            "123e4567-e89b-12d3-a456-42661417400g",
        ],
    );

    t.valid("ISOCountryCode", ["GB", "XX", " DE ", "\nFR\t"]);
    t.invalid(
        "ISOCountryCode",
        ["gb", "Gb", "G", "GBR", "G B", "", "\u{c9}S", "1A"],
    );

    // --- EmailAddress: ShortString (xs:string, maxLength 255) + pattern --------------------------
    let label63 = rep("a", 63);
    t.valid(
        "EmailAddress",
        [
            "user@example.com".to_owned(),
            "a@b".into(),
            "user@localhost".into(),
            "first.last+tag@sub.example.co.uk".into(),
            "!#$%&'*+/=?^_`{|}~-.@example.com".into(),
            "back\\slash@example.com".into(),
            ".leading.dot@example.com".into(),
            "user@a-b.c-d".into(),
            "user@1.2.3.4".into(),
            "user@xn--bcher-kva.example".into(),
            format!("user@{label63}.{label63}"),
            // 243 + 1 + 11 = 255 characters: the ShortString maximum.
            format!("{}@example.com", rep("a", 243)),
        ],
    );
    t.invalid(
        "EmailAddress",
        [
            String::new(),
            "user".into(),
            "@example.com".into(),
            "user@".into(),
            "user@@example.com".into(),
            "user@-example.com".into(),
            "user@example-.com".into(),
            "user@example..com".into(),
            "user@example.com.".into(),
            "user@.example.com".into(),
            "user@exa_mple.com".into(),
            "user@example.com:25".into(),
            "us er@example.com".into(),
            "\"quoted\"@example.com".into(),
            "user(comment)@example.com".into(),
            "user,x@example.com".into(),
            "us\u{e9}r@example.com".into(),
            "user@ex\u{e4}mple.com".into(),
            format!("user@{}", rep("a", 64)),
            format!("user@{label63}.{}", rep("b", 64)),
            // The base is xs:string: white space is not collapsed.
            " user@example.com".into(),
            "user@example.com ".into(),
            "user@example.com\n".into(),
            // 256 characters: the pattern matches, maxLength (inherited) does not.
            format!("{}@example.com", rep("a", 244)),
        ],
    );

    // --- InternationalizedEmailAddress: ShortString + .+@.+ --------------------------------------
    t.valid(
        "InternationalizedEmailAddress",
        [
            "a@b".to_owned(),
            "\u{7528}\u{6237}@\u{4f8b}\u{5b50}.\u{5e7f}\u{544a}".into(),
            "@@@".into(),
            " spaced out @ anywhere ".into(),
            "tab\there@x".into(),
            format!("{}@example.com", rep("\u{e9}", 243)),
        ],
    );
    t.invalid(
        "InternationalizedEmailAddress",
        [
            String::new(),
            "user".into(),
            "@example.com".into(),
            "user@".into(),
            "@".into(),
            // '.' matches neither line feed nor carriage return.
            "user\n@example.com".into(),
            "user@example.com\n".into(),
            "user@example.com\r".into(),
            "\ruser@example.com".into(),
            format!("{}@example.com", rep("\u{e9}", 244)),
        ],
    );
    t.not_xml("InternationalizedEmailAddress", ["user\u{1}@example.com"]);

    // --- SIP and TEL URIs: xs:anyURI + pattern ---------------------------------------------------
    // The character class is [a-zA-Z0-9!#$&-;=?-\[\]_~%]: it includes & ' ( ) * + , - . / 0-9 : ;
    // and ? @ A-Z [ (ranges), ] _ ~ %; it excludes space " < > \ ^ ` { | } and non-ASCII.
    t.valid(
        "SIPURI",
        [
            "sip:alice@example.com",
            "sips:bob@example.com",
            "sip:alice@example.com;transport=tcp",
            "sip:+4420794600@example.com;user=phone",
            "sip:alice@example.com?subject=project&priority=urgent",
            "sip:alice:secret@example.com:5060",
            "sip:alice@[2001:db8::1]",
            "sip:alice@[2001:db8::1]:5060;transport=udp",
            "sip:alice%20smith@example.com",
            "sip:a_b~c!d$e'f(g)h*i,j@example.com",
            "sip:alice@example.com#frag",
            " sip:alice@example.com\t",
        ],
    );
    t.invalid(
        "SIPURI",
        [
            "sip:",
            "sips:",
            "sip",
            "SIP:alice@example.com",
            "sipx:alice@example.com",
            "tel:+442079460000",
            "sip:alice smith@example.com",
            "sip:alice^smith@example.com",
            "sip:alice\\smith@example.com",
            "sip:alice<smith>@example.com",
            "sip:alice\"smith\"@example.com",
            "sip:alice{smith}@example.com",
            "sip:alice|smith@example.com",
            "sip:alice`smith@example.com",
            "sip:al\u{ed}ce@example.com",
            " sip: alice@example.com",
            // xs:anyURI (XSD 1.0: RFC 2396 as amended by RFC 2732): '%' must start an escape.
            "sip:alice%zz@example.com",
            "sip:alice@example.com%2",
            "sip:a#b#c",
        ],
    );

    t.valid(
        "TELURI",
        [
            "tel:+44-20-7946-0958",
            "tel:+1-201-555-0123;ext=1234",
            "tel:7042;phone-context=example.com",
            "tel:863-1234;phone-context=+1-914-555",
            "tel:%2B44",
            "tel:+44(0)20.7946.0958",
            "\ntel:+442079460958 ",
        ],
    );
    t.invalid(
        "TELURI",
        [
            "tel:",
            "tel",
            "TEL:+442079460958",
            "sip:+442079460958",
            "tel:+44 20 7946 0958",
            "tel:+44^20",
            "tel:+44<20>",
            "tel:+44{20}",
            "tel:\u{2212}44",
            "tel:%zz",
        ],
    );

    // --- WGS84 coordinates: xs:string + pattern --------------------------------------------------
    t.valid(
        "WGS84LatitudeDecimal",
        ["N51.507351", "S00.000000", "N99.999999"],
    );
    t.invalid(
        "WGS84LatitudeDecimal",
        [
            "N51.50735",
            "N51.5073510",
            "N5.507351",
            "n51.507351",
            "E51.507351",
            "51.507351",
            "+51.507351",
            "N51,507351",
            " N51.507351",
            "N51.507351 ",
            "N51.507351\n",
        ],
    );

    t.valid(
        "WGS84LongitudeDecimal",
        ["W000.127758", "E180.000000", "E999.999999"],
    );
    t.invalid(
        "WGS84LongitudeDecimal",
        [
            "W00.127758",
            "W0000.127758",
            "W000.12775",
            "N000.127758",
            "w000.127758",
            "\tW000.127758",
        ],
    );

    t.valid("WGS84LatitudeAngular", ["N513027.12", "S000000.00"]);
    t.invalid(
        "WGS84LatitudeAngular",
        [
            "N51302.12",
            "N5130270.12",
            "N513027.1",
            "N513027.123",
            "E513027.12",
            "N513027.12 ",
        ],
    );

    t.valid("WGS84LongitudeAngular", ["W0000738.40", "E1800000.00"]);
    t.invalid(
        "WGS84LongitudeAngular",
        [
            "W000738.40",
            "W00000738.40",
            "W0000738.4",
            "S0000738.40",
            " W0000738.40",
        ],
    );

    // --- NAI family: xs:string, no facets --------------------------------------------------------
    for nai in ["NAI", "SUPINAI", "GPSINAI"] {
        t.valid(
            nai,
            [
                "",
                "user@realm.example.com",
                "type0.rid678.schid0.userid0999999999@nai.5gc.mnc015.mcc234.3gppnetwork.org",
                "  spaced\tout\n",
                "\u{1F600}",
            ],
        );
        // No value made of XML characters is invalid: only non-XML characters are.
        t.not_xml(nai, ["\u{1}", "user\u{FFFF}@realm", "\u{FFFE}"]);
    }

    // --- SUCI: xs:hexBinary ----------------------------------------------------------------------
    t.valid(
        "SUCI",
        [
            "",
            "00",
            "0a1B",
            "DEADbeef",
            " 0123456789abcdefABCDEF ",
            "\t\n",
        ],
    );
    t.invalid(
        "SUCI",
        [
            "0",
            "0a1",
            "0g",
            "0x0a",
            "0A 1B",
            "0A-1B",
            "\u{ff10}\u{ff10}",
        ],
    );

    // --- EUI64: xs:long --------------------------------------------------------------------------
    t.valid(
        "EUI64",
        [
            "0",
            "-0",
            "+1",
            "9223372036854775807",
            "-9223372036854775808",
            "+9223372036854775807",
            "000000000000000000009223372036854775807",
            " 42 ",
        ],
    );
    t.invalid(
        "EUI64",
        [
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "1.0",
            "1e3",
            "0x1F",
            "00:1a:2b:ff:fe:3c:4d:5e",
            "",
            "-",
            "4 2",
        ],
    );

    // --- LDID: xs:string, [A-Z]{2}-.+-.+ ---------------------------------------------------------
    t.valid(
        "LDID",
        [
            "GB-ACME-1",
            "XX-a-b",
            "GB---x",
            "GB-a b-c d",
            "GB-a-b ",
            "GB-\u{e9}-\u{1F600}",
            "GB-a\t-b",
            "GB-a-b-c-d",
        ],
    );
    t.invalid(
        "LDID",
        [
            "", "gb-a-b", "G-a-b", "GBR-a-b", "GB-a", "GB--x", "GB-a-", "GB-ab", " GB-a-b",
            "GB-a\n-b", "GB-a-b\r", "GB-\ra-b",
        ],
    );
    t.not_xml("LDID", ["GB-a-\u{8}"]);

    // --- 5G identifiers: xs:string + pattern -----------------------------------------------------
    t.valid(
        "FiveGSTMSI",
        [
            "5gstmsi-3ff-3f-0123abcd",
            "5gstmsi-000-00-00000000",
            "5gstmsi-9AF-0a-ABCDEF01",
        ],
    );
    t.invalid(
        "FiveGSTMSI",
        [
            "5gstmsi-aff-3f-0123abcd",
            "5gstmsi-3ff-af-0123abcd",
            "5gstmsi-3ff-3f-0123abc",
            "5gstmsi-3ff-3f-0123abcde",
            "5gstmsi-3fg-3f-0123abcd",
            "5GSTMSI-3ff-3f-0123abcd",
            "5gstmsi-3ff-3f-0123abcd ",
            " 5gstmsi-3ff-3f-0123abcd",
            "5gstmsi3ff3f0123abcd",
        ],
    );

    t.valid(
        "FiveGGUTI",
        [
            "5gguti-234-15-ab-3ff-3f-0123abcd",
            "5gguti-234-150-AB-000-00-FFFFFFFF",
            "5gguti-001-01-00-0a0-3F-0123abcd",
        ],
    );
    t.invalid(
        "FiveGGUTI",
        [
            "5gguti-234-1-ab-3ff-3f-0123abcd",
            "5gguti-234-1500-ab-3ff-3f-0123abcd",
            "5gguti-23-15-ab-3ff-3f-0123abcd",
            "5gguti-2a4-15-ab-3ff-3f-0123abcd",
            "5gguti-234-15-a-3ff-3f-0123abcd",
            "5gguti-234-15-ab-4ff-3f-0123abcd",
            "5gguti-234-15-ab-3ff-4f-0123abcd",
            "5gguti-234-15-ab-3ff-3f-0123abcg",
            "5GGUTI-234-15-ab-3ff-3f-0123abcd",
            "5gguti-234-15-ab-3ff-3f-0123abcd\t",
        ],
    );

    t.rows
}

// ---------------------------------------------------------------------------------------------
// The schema file: every named xs:simpleType
// ---------------------------------------------------------------------------------------------

/// The names of the top-level `xs:simpleType`s of the official dictionary file.
fn schema_simple_types(xsd: &Path) -> BTreeSet<String> {
    const XS: &str = "http://www.w3.org/2001/XMLSchema";
    let text = String::from_utf8(paths::read(xsd)).expect("the schema is UTF-8");
    let mut reader = quick_xml::NsReader::from_str(&text);
    let mut names = BTreeSet::new();
    let mut depth = 0usize;
    let mut target_namespace = None;
    loop {
        let event = reader
            .read_resolved_event()
            .unwrap_or_else(|e| panic!("cannot parse {}: {e}", xsd.display()));
        match event {
            (ns, Event::Start(ref start)) | (ns, Event::Empty(ref start)) => {
                let is_xs =
                    matches!(ns, quick_xml::name::ResolveResult::Bound(n) if n.as_ref() == XS);
                let local = start.local_name();
                if depth == 0 {
                    assert!(is_xs && local.as_ref() == "schema", "root is not xs:schema");
                    target_namespace = start
                        .try_get_attribute("targetNamespace")
                        .expect("attribute")
                        .map(|a| a.value.into_owned());
                } else if depth == 1 && is_xs && local.as_ref() == "simpleType" {
                    let name = start
                        .try_get_attribute("name")
                        .expect("attribute")
                        .expect("a top-level xs:simpleType has a name");
                    let name = name.value.into_owned();
                    assert!(names.insert(name.clone()), "duplicate simple type {name}");
                }
                if matches!(event.1, Event::Start(_)) {
                    depth += 1;
                }
            }
            (_, Event::End(_)) => depth -= 1,
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    assert_eq!(
        target_namespace.as_deref(),
        Some(ETSI_NS),
        "{} has an unexpected targetNamespace",
        xsd.display()
    );
    names
}

// ---------------------------------------------------------------------------------------------
// xmllint, batched
// ---------------------------------------------------------------------------------------------

/// xmllint's verdict on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lint {
    Valid,
    /// Well-formed, schema-invalid; the diagnostics.
    Invalid(String),
    /// Not well-formed (no schema verdict); the parser diagnostics.
    NotWellFormed(String),
}

impl Lint {
    fn is_valid(&self) -> bool {
        *self == Lint::Valid
    }

    fn agrees_with(&self, expect: Expect) -> bool {
        matches!(
            (self, expect),
            (Lint::Valid, Expect::Valid)
                | (Lint::Invalid(_), Expect::Invalid)
                | (Lint::NotWellFormed(_), Expect::NotXmlChars)
        )
    }

    fn describe(&self) -> String {
        match self {
            Lint::Valid => "valid".into(),
            Lint::Invalid(_) => "invalid".into(),
            Lint::NotWellFormed(_) => "not well-formed (invalid)".into(),
        }
    }

    fn diagnostics(&self) -> &str {
        match self {
            Lint::Valid => "",
            Lint::Invalid(d) | Lint::NotWellFormed(d) => d,
        }
    }
}

/// Writes the test schema: one global element per dictionary type.
fn write_test_schema(dir: &Path, official: &Path, types: &BTreeSet<String>) -> PathBuf {
    let mut xsd = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xsd,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:etsi=\"{ETSI_NS}\" \
         targetNamespace=\"{TEST_NS}\" elementFormDefault=\"qualified\">"
    );
    let location = official.to_str().expect("UTF-8 schema path");
    let _ = writeln!(
        xsd,
        "  <xs:import namespace=\"{ETSI_NS}\" schemaLocation=\"{}\"/>",
        escape_xml(location)
    );
    for name in types {
        let _ = writeln!(xsd, "  <xs:element name=\"{name}\" type=\"etsi:{name}\"/>");
    }
    xsd.push_str("</xs:schema>\n");
    let path = dir.join("facets-280.xsd");
    std::fs::write(&path, xsd).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// Escapes a value for element content or a double-quoted attribute. White space other than
/// the space and every character XML does not allow literally become character references, so
/// the parser hands the validator exactly `value` (or, for non-XML characters, fails).
fn escape_xml(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            ' ' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' || c == '\u{7F}' => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn instance(row: &Row) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<t:{name} xmlns:t=\"{TEST_NS}\">{value}</t:{name}>\n",
        name = row.type_name,
        value = escape_xml(&row.value)
    )
}

/// Validates every file with as few xmllint runs as possible; one verdict per file.
fn xmllint_batch(schema: &Path, files: &[PathBuf]) -> Vec<Lint> {
    let mut verdicts = Vec::with_capacity(files.len());
    for chunk in files.chunks(BATCH) {
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(schema)
            .args(chunk)
            .output()
            .unwrap_or_else(|e| {
                if e.kind() == ErrorKind::NotFound {
                    panic!("xmllint not found on PATH: install libxml2-utils");
                }
                panic!("cannot run xmllint: {e}")
            });
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_ne!(
            output.status.code(),
            Some(5),
            "xmllint could not compile the test schema {}:\n{stderr}",
            schema.display()
        );
        // Per file: the verdict line, and the diagnostics (lines starting with the path).
        let mut per_file: BTreeMap<&str, (Option<bool>, String)> = BTreeMap::new();
        let names: Vec<String> = chunk
            .iter()
            .map(|f| f.to_str().expect("UTF-8 temp path").to_owned())
            .collect();
        for name in &names {
            per_file.insert(name, (None, String::new()));
        }
        let mut current: Option<&str> = None;
        for line in stderr.lines() {
            if let Some(file) = line.strip_suffix(" validates") {
                if let Some(entry) = per_file.get_mut(file) {
                    entry.0 = Some(true);
                    current = None;
                    continue;
                }
            }
            if let Some(file) = line.strip_suffix(" fails to validate") {
                if let Some(entry) = per_file.get_mut(file) {
                    entry.0 = Some(false);
                    current = None;
                    continue;
                }
            }
            if let Some(name) = names.iter().find(|n| line.starts_with(&format!("{n}:"))) {
                current = Some(name);
            }
            if let Some(name) = current {
                let entry = per_file.get_mut(name).expect("known file");
                entry.1.push_str(line);
                entry.1.push('\n');
            }
        }
        for name in &names {
            let (verdict, diagnostics) = per_file.remove(name.as_str()).expect("known file");
            verdicts.push(match verdict {
                Some(true) => Lint::Valid,
                Some(false) => Lint::Invalid(diagnostics),
                None if diagnostics.contains("parser error") => Lint::NotWellFormed(diagnostics),
                None => panic!(
                    "no xmllint verdict for {name} (exit {:?}):\n{stderr}",
                    output.status.code()
                ),
            });
        }
    }
    verdicts
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

fn show(value: &str) -> String {
    let mut shown = if value.chars().count() > 80 {
        let head: String = value.chars().take(40).collect();
        format!("{head:?}... ({} chars)", value.chars().count())
    } else {
        format!("{value:?}")
    };
    shown.truncate(200);
    shown
}

/// Prints one summary line past libtest's output capture (which takes only the print macros),
/// so that the CI log shows the counts on success too.
fn announce(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

#[test]
fn every_280_simple_type_facet_table_matches_xmllint() {
    let official = paths::official_schema(SCHEMA_FILE);
    let schema_types = schema_simple_types(&official);
    let rows = table();

    // Completeness: the file, the table and the li707 dispatch list the same types.
    let table_types: BTreeSet<String> = rows.iter().map(|r| r.type_name.to_owned()).collect();
    let li707_types: BTreeSet<String> = LI707_TYPES.iter().map(|t| (*t).to_owned()).collect();
    let missing: Vec<_> = schema_types.difference(&table_types).collect();
    assert!(
        missing.is_empty(),
        "simple types of {SCHEMA_FILE} without rows in the facet table: {missing:?}"
    );
    let extra: Vec<_> = table_types.difference(&schema_types).collect();
    assert!(
        extra.is_empty(),
        "facet table rows for types not in {SCHEMA_FILE}: {extra:?}"
    );
    assert_eq!(
        li707_types, schema_types,
        "the li707 dispatch must list exactly the simple types of {SCHEMA_FILE}"
    );
    for name in &schema_types {
        let of_type = || rows.iter().filter(|r| r.type_name == name);
        assert!(
            of_type().any(|r| r.expect == Expect::Valid),
            "etsi:{name} has no valid value in the table"
        );
        assert!(
            of_type().any(|r| r.expect != Expect::Valid),
            "etsi:{name} has no invalid value in the table"
        );
    }
    let mut seen = BTreeSet::new();
    for row in &rows {
        assert!(
            seen.insert((row.type_name, row.value.as_str())),
            "duplicate row etsi:{} {}",
            row.type_name,
            show(&row.value)
        );
    }
    for (list, entries) in [
        ("KNOWN_LI707_BUGS", KNOWN_LI707_BUGS),
        ("KNOWN_XMLLINT_BUGS", KNOWN_XMLLINT_BUGS),
    ] {
        for (type_name, value) in entries {
            assert!(
                seen.contains(&(*type_name, *value)),
                "{list} lists etsi:{type_name} {} which is not in the table",
                show(value)
            );
        }
    }

    // xmllint: one document per row, validated in batches.
    let dir = TempDirLike::new("li707-facets-280");
    let schema = write_test_schema(dir.path(), &official, &schema_types);
    let files: Vec<PathBuf> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let file = dir.path().join(format!("row-{i:04}.xml"));
            std::fs::write(&file, instance(row))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
            file
        })
        .collect();
    let lint = xmllint_batch(&schema, &files);
    assert_eq!(lint.len(), rows.len());

    let mut table_wrong = Vec::new();
    let mut li707_wrong = Vec::new();
    let mut li707_bugs_fixed = Vec::new();
    let mut xmllint_bugs_fixed = Vec::new();
    for (row, lint) in rows.iter().zip(&lint) {
        let li707 = li707_verdict(row.type_name, &row.value);
        let key = (row.type_name, row.value.as_str());
        let li707_bug = KNOWN_LI707_BUGS.contains(&key);
        let xmllint_bug = KNOWN_XMLLINT_BUGS.contains(&key);
        let line = |what: &str| {
            format!(
                "  etsi:{} {}: {what}; table {:?}, li707 {}, xmllint {}{}",
                row.type_name,
                show(&row.value),
                row.expect,
                match &li707 {
                    Ok(()) => "valid".to_owned(),
                    Err(e) => format!("invalid ({e})"),
                },
                lint.describe(),
                match lint {
                    Lint::Valid => String::new(),
                    _ => format!(
                        "\n    xmllint: {}",
                        lint.diagnostics().trim().replace('\n', "\n    ")
                    ),
                }
            )
        };
        // 1. The table is right: xmllint agrees with it (except known xmllint deviations).
        if lint.agrees_with(row.expect) == xmllint_bug {
            if xmllint_bug {
                xmllint_bugs_fixed.push(line("KNOWN_XMLLINT_BUGS row, xmllint now agrees"));
            } else {
                table_wrong.push(line("xmllint disagrees with the table"));
            }
        }
        // 2. li707 agrees with the reference (the table where xmllint is known to deviate).
        let reference_valid = if xmllint_bug {
            row.expect.is_valid()
        } else {
            lint.is_valid()
        };
        let agree = li707.is_ok() == reference_valid;
        if agree == li707_bug {
            if li707_bug {
                li707_bugs_fixed.push(line("KNOWN_LI707_BUGS row, li707 now agrees"));
            } else {
                li707_wrong.push(line("li707 disagrees"));
            }
        }
    }

    announce(&format!(
        "facets_280: {} (type, value) rows checked over {} simple types of {SCHEMA_FILE} \
         ({} valid, {} invalid, {} with non-XML characters; {} known li707 bugs, {} known \
         xmllint deviations)",
        rows.len(),
        schema_types.len(),
        rows.iter().filter(|r| r.expect.is_valid()).count(),
        rows.iter().filter(|r| r.expect == Expect::Invalid).count(),
        rows.iter()
            .filter(|r| r.expect == Expect::NotXmlChars)
            .count(),
        KNOWN_LI707_BUGS.len(),
        KNOWN_XMLLINT_BUGS.len(),
    ));

    for line in &xmllint_bugs_fixed {
        println!("note: {line}");
    }
    let mut report = String::new();
    for (title, lines) in [
        ("table rows disagree with xmllint", &table_wrong),
        (
            "rows where li707's verdict differs from the reference",
            &li707_wrong,
        ),
        (
            "KNOWN_LI707_BUGS rows now agree (remove them from the list)",
            &li707_bugs_fixed,
        ),
    ] {
        if !lines.is_empty() {
            let _ = writeln!(report, "{} {title}:\n{}", lines.len(), lines.join("\n"));
        }
    }
    assert!(report.is_empty(), "{report}");
}
