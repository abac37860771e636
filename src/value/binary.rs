//! `xs:base64Binary` and `xs:hexBinary`: bytes, decoded when read and encoded when written.

use super::SimpleValue;
use crate::error::{Rule, ValueError};
use std::borrow::Cow;

/// `xs:base64Binary`: the decoded bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`: the decoded bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct HexBinary(pub Vec<u8>);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn sextet(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let chars: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .collect();
    if chars.len() % 4 != 0 {
        return None;
    }
    let pad = chars.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 || chars[..chars.len() - pad].contains(&b'=') {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len() / 4 * 3);
    for (i, quad) in chars.chunks(4).enumerate() {
        let last = i + 1 == chars.len() / 4;
        let mut n = 0u32;
        let mut valid = 0;
        for &c in quad {
            if c == b'=' {
                if !last {
                    return None;
                }
                n <<= 6;
            } else {
                if valid < 4 - if last { pad } else { 0 } {
                    n = (n << 6) | sextet(c)?;
                } else {
                    return None;
                }
                valid += 1;
            }
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = if last { 3 - pad } else { 3 };
        // Canonical encodings have zero bits in the unused part of the last sextet.
        if last && pad == 1 && n & 0xff != 0 || last && pad == 2 && n & 0xffff != 0 {
            return None;
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Some(out)
}

fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl SimpleValue for Base64Binary {
    fn from_lexical(text: &str) -> Result<Self, ValueError> {
        decode_base64(text).map(Base64Binary).ok_or_else(|| {
            ValueError::new("xs:base64Binary", Rule::Lexical("xs:base64Binary"), text)
        })
    }
    fn to_lexical(&self) -> Cow<'_, str> {
        Cow::Owned(encode_base64(&self.0))
    }
}

impl SimpleValue for HexBinary {
    fn from_lexical(text: &str) -> Result<Self, ValueError> {
        let t = text.trim_matches([' ', '\t', '\n', '\r']);
        let err = || ValueError::new("xs:hexBinary", Rule::Lexical("xs:hexBinary"), text);
        if t.len() % 2 != 0 {
            return Err(err());
        }
        let digit = |c: u8| (c as char).to_digit(16);
        t.as_bytes()
            .chunks(2)
            .map(|p| Some((digit(p[0])? << 4 | digit(p[1])?) as u8))
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
            .ok_or_else(err)
    }
    fn to_lexical(&self) -> Cow<'_, str> {
        let mut s = String::with_capacity(self.0.len() * 2);
        for b in &self.0 {
            s.push_str(&format!("{b:02X}"));
        }
        Cow::Owned(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for data in [
            &b""[..],
            b"a",
            b"ab",
            b"abc",
            b"This isn't actually an image.",
        ] {
            let enc = Base64Binary(data.to_vec()).to_lexical().into_owned();
            assert_eq!(
                Base64Binary::from_lexical(&enc).map(|b| b.0),
                Ok(data.to_vec())
            );
        }
        assert_eq!(
            Base64Binary::from_lexical("VGhpcyBpc24ndCBhY3R1YWxseSBhbiBpbWFnZS4=").map(|b| b.0),
            Ok(b"This isn't actually an image.".to_vec())
        );
        assert!(Base64Binary::from_lexical("abc").is_err());
        assert!(Base64Binary::from_lexical("ab=c").is_err());
        assert!(Base64Binary::from_lexical("QR==").is_err());
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(
            HexBinary::from_lexical("0aFF").map(|h| h.0),
            Ok(vec![10, 255])
        );
        assert_eq!(HexBinary(vec![10, 255]).to_lexical(), "0AFF");
        assert!(HexBinary::from_lexical("0aF").is_err());
        assert!(HexBinary::from_lexical("zz").is_err());
    }
}
