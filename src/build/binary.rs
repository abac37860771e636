//! `binaryObject` records (TS 103 707 clause 5.4.3, Table 8) with `contentLength` and the
//! SHA-256 `checksum` computed from the data.

use std::io::{self, Read};
use std::time::SystemTime;

use sha2::Digest as _;

use super::{BuildError, Collect};
use crate::error::{Rule, ValueError};
use crate::schema::{etsi, etsi707};
use crate::value::Integer;

/// Length and SHA-256 (FIPS 180-4) of binary data, as Table 8 `contentLength` and `checksum`
/// describe it: the data before any encryption, compression or transfer encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest {
    /// Size in octets.
    pub length: u64,
    /// The SHA-256 hash.
    pub sha256: [u8; 32],
}

impl Digest {
    /// The digest of `data`.
    pub fn of(data: &[u8]) -> Digest {
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(&sha2::Sha256::digest(data));
        Digest {
            length: data.len() as u64,
            sha256,
        }
    }

    /// The digest of everything `reader` yields, read to its end in 64 KiB blocks
    /// (interrupted reads are retried). The reader is the caller's; nothing is opened here.
    pub fn from_reader<R: Read>(mut reader: R) -> io::Result<Digest> {
        let mut hasher = sha2::Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut length = 0u64;
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let chunk = buf.get(..n).unwrap_or(&buf);
                    hasher.update(chunk);
                    length = length.saturating_add(chunk.len() as u64);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(&hasher.finalize());
        Ok(Digest { length, sha256 })
    }

    /// The hash as 64 lower-case hexadecimal digits (the form li707 writes in `checksum`).
    pub fn hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(64);
        for b in self.sha256 {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        s
    }
}

/// The SHA-256 of `data` as 64 lower-case hexadecimal digits.
pub fn sha256_hex(data: &[u8]) -> String {
    Digest::of(data).hex()
}

/// Builds an `etsi707:binaryObject` (Table 8). `url` is required; give the data with
/// [`content`](Self::content) or [`content_from_reader`](Self::content_from_reader) to fill
/// `contentLength` and `checksum`.
///
/// Errors name `binaryObject/url` (missing or not an `xs:anyURI`), `binaryObject/contentType`
/// (not an RFC 6838 media type), `binaryObject/expiry`, `binaryObject/checksum` (not 64
/// hexadecimal digits), `binaryObject/originalFilename`, `binaryObject/cspDefinedIdentifier`.
///
/// Table 8 asks for a `url` unique to the object and never re-used; `expiry` is needed when
/// the LEA fetches the data (Model A, Annex C.2).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BinaryObjectBuilder {
    url: Option<String>,
    content_length: Option<u64>,
    content_type: Option<String>,
    expiry: Option<Result<etsi::QualifiedDateTime, ValueError>>,
    checksum: Option<String>,
    original_filename: Option<String>,
    csp_defined_identifier: Option<String>,
}

impl BinaryObjectBuilder {
    /// An empty record (`url` is required).
    pub fn new() -> BinaryObjectBuilder {
        BinaryObjectBuilder::default()
    }

    /// Sets `url` (M): where the data is delivered (Annex C).
    pub fn url(mut self, url: impl Into<String>) -> BinaryObjectBuilder {
        self.url = Some(url.into());
        self
    }

    /// Sets `contentLength` and `checksum` from the data.
    pub fn content(self, data: &[u8]) -> BinaryObjectBuilder {
        self.digest(&Digest::of(data))
    }

    /// Sets `contentLength` and `checksum` from everything `reader` yields.
    pub fn content_from_reader<R: Read>(self, reader: R) -> io::Result<BinaryObjectBuilder> {
        Ok(self.digest(&Digest::from_reader(reader)?))
    }

    /// Sets `contentLength` and `checksum` from a digest computed elsewhere.
    pub fn digest(mut self, digest: &Digest) -> BinaryObjectBuilder {
        self.content_length = Some(digest.length);
        self.checksum = Some(digest.hex());
        self
    }

    /// Sets `contentLength` (O) alone, in octets.
    pub fn content_length(mut self, octets: u64) -> BinaryObjectBuilder {
        self.content_length = Some(octets);
        self
    }

    /// Sets `checksum` (O) alone: a SHA-256 as 64 hexadecimal digits.
    pub fn checksum(mut self, sha256_hex: impl Into<String>) -> BinaryObjectBuilder {
        self.checksum = Some(sha256_hex.into());
        self
    }

    /// Sets `contentType` (O): an RFC 6838 media type such as `image/jpeg`.
    pub fn content_type(mut self, media_type: impl Into<String>) -> BinaryObjectBuilder {
        self.content_type = Some(media_type.into());
        self
    }

    /// Sets `expiry` (C, Model A) from a TS 103 280 QualifiedDateTime such as
    /// `2024-03-15T09:26:53Z`.
    pub fn expiry(mut self, expiry: &str) -> BinaryObjectBuilder {
        self.expiry = Some(expiry.parse());
        self
    }

    /// Sets `expiry` (C, Model A) from a time, in UTC to the second.
    pub fn expiry_at(mut self, expiry: SystemTime) -> BinaryObjectBuilder {
        self.expiry = Some(super::clock::qualified_date_time(expiry));
        self
    }

    /// Sets `originalFilename` (C).
    pub fn original_filename(mut self, name: impl Into<String>) -> BinaryObjectBuilder {
        self.original_filename = Some(name.into());
        self
    }

    /// Sets `cspDefinedIdentifier` (C), e.g. the identifier used in the CSP-defined parameters.
    pub fn csp_defined_identifier(mut self, id: impl Into<String>) -> BinaryObjectBuilder {
        self.csp_defined_identifier = Some(id.into());
        self
    }

    /// Builds the record, or returns every error.
    pub fn build(self) -> Result<etsi707::BinaryObject, BuildError> {
        let mut c = Collect::new();
        let url = c.required(
            "binaryObject/url",
            self.url
                .as_deref()
                .map(crate::value::builtin::parse_any_uri),
        );
        let content_type = self
            .content_type
            .as_deref()
            .and_then(|t| c.value("binaryObject/contentType", media_type(t)));
        let expiry = self.expiry.and_then(|r| c.value("binaryObject/expiry", r));
        let checksum = self
            .checksum
            .as_deref()
            .and_then(|s| c.value("binaryObject/checksum", checksum(s)));
        let original_filename = self
            .original_filename
            .as_deref()
            .and_then(|s| c.value("binaryObject/originalFilename", super::long_string(s)));
        let csp_defined_identifier = self
            .csp_defined_identifier
            .as_deref()
            .and_then(|s| c.value("binaryObject/cspDefinedIdentifier", super::long_string(s)));
        let (true, Some(url)) = (c.is_ok(), url) else {
            return Err(c.into_error("binaryObject/url"));
        };
        Ok(etsi707::BinaryObject {
            url,
            content_length: self.content_length.map(Integer::from),
            content_type,
            expiry,
            checksum,
            original_filename,
            csp_defined_identifier,
        })
    }
}

fn media_type(value: &str) -> Result<etsi::ShortString, ValueError> {
    let v = super::short_string(value)?;
    match crate::rules::media_type::parse(value) {
        Ok(_) => Ok(v),
        Err(_) => Err(ValueError::new(
            "etsi:ShortString",
            Rule::Lexical("RFC 6838 media type"),
            value,
        )),
    }
}

fn checksum(value: &str) -> Result<etsi::ShortString, ValueError> {
    if value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        super::short_string(value)
    } else {
        Err(ValueError::new(
            "etsi:ShortString",
            Rule::Pattern("[0-9a-fA-F]{64}"),
            value,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn checksum_and_length_from_bytes_and_reader() {
        let d = Digest::of(b"abc");
        assert_eq!(d.hex(), ABC);
        assert_eq!(d.length, 3);
        assert_eq!(sha256_hex(b"abc"), ABC);
        assert_eq!(
            Digest::from_reader(&b"abc"[..]).expect("reads"),
            Digest::of(b"abc")
        );
        // Larger than one read block, through a reader that returns short reads.
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        struct Short<'a>(&'a [u8]);
        impl Read for Short<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(1000);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        assert_eq!(
            Digest::from_reader(Short(&big)).expect("reads"),
            Digest::of(&big)
        );

        let b = BinaryObjectBuilder::new()
            .url("https://csp.example/binary/1")
            .content(b"abc")
            .build()
            .expect("valid");
        assert_eq!(b.checksum.as_ref().map(|c| c.as_str()), Some(ABC));
        assert_eq!(b.content_length, Some(Integer::from(3u64)));
        let r = BinaryObjectBuilder::new()
            .url("https://csp.example/binary/1")
            .content_from_reader(&b"abc"[..])
            .expect("reads")
            .build()
            .expect("valid");
        assert_eq!(r, b);

        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk"))
            }
        }
        assert!(BinaryObjectBuilder::new()
            .content_from_reader(Failing)
            .is_err());
    }

    #[test]
    fn binary_object_names_missing_and_invalid_fields() {
        let e = BinaryObjectBuilder::new()
            .content(b"x")
            .build()
            .expect_err("no url");
        assert_eq!(e.missing, ["binaryObject/url"]);

        let e = BinaryObjectBuilder::new()
            .url("https://csp.example/%zz")
            .content_type("not a type")
            .expiry("2024-03-15 09:26:53")
            .checksum("abc")
            .original_filename("a\u{1}")
            .csp_defined_identifier("x".repeat(70_000))
            .build()
            .expect_err("invalid");
        assert!(e.missing.is_empty());
        let fields: Vec<_> = e.invalid.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "binaryObject/url",
                "binaryObject/contentType",
                "binaryObject/expiry",
                "binaryObject/checksum",
                "binaryObject/originalFilename",
                "binaryObject/cspDefinedIdentifier",
            ]
        );
        let text = e.to_string();
        assert!(text.contains("binaryObject/contentType"), "{text}");
    }

    #[test]
    fn binary_object_builds_every_field() {
        let b = BinaryObjectBuilder::new()
            .url("https://csp.example/binary/2")
            .content_length(10)
            .checksum(ABC.to_uppercase())
            .content_type("audio/ogg; codecs=opus")
            .expiry_at(super::super::FixedClock::at_unix(1_710_408_413, 0).0)
            .original_filename("voice.ogg")
            .csp_defined_identifier("attachment-78")
            .build()
            .expect("valid");
        assert_eq!(b.url, "https://csp.example/binary/2");
        assert_eq!(
            b.expiry.map(|e| e.to_string()).as_deref(),
            Some("2024-03-14T09:26:53Z")
        );
    }
}
