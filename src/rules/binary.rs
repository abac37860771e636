//! binaryObject records (clause 5.4.3, Table 8, and Annex C): unique `url`, SHA-256
//! `checksum`, RFC 6838 `contentType`, and `expiry` under Model A.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::{clause, media_type, BinaryModel, ItemRef, Options, RuleId, Violation};
use crate::schema::etsi707;

/// Hex digits in a SHA-256 value (FIPS 180-4: 256 bits).
const SHA256_HEX_DIGITS: usize = 64;

/// The messaging payload of an item (the only payload TS 103 707 V1.4.1 defines).
// The wildcard arm keeps this right if other payload types are transcribed.
#[allow(unreachable_patterns)]
fn messaging(payload: &etsi707::Payload) -> Option<&etsi707::MessagingPayload> {
    match payload {
        etsi707::Payload::MessagingPayload(p) => Some(p),
        _ => None,
    }
}

/// Whether `s` is a SHA-256 value written as hexadecimal digits, either case.
fn is_sha256_hex(s: &str) -> bool {
    s.len() == SHA256_HEX_DIGITS && s.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(super) fn check(items: &[ItemRef<'_>], options: &Options, out: &mut Vec<Violation>) {
    // url → the binaryObject that used it first (item, 0-based object index): paths are
    // built only for violations.
    let mut urls: HashMap<&str, (usize, usize)> = HashMap::new();
    let object_path = |item: &ItemRef<'_>, k: usize| {
        format!(
            "{}/etsi707:payload/etsi707:coreParameters/etsi707:associatedBinaryData\
             /etsi707:binaryObject[{}]",
            item.path(),
            k + 1
        )
    };
    for (n, r) in items.iter().enumerate() {
        let Some(binary) = messaging(&r.item.payload)
            .and_then(|p| p.core_parameters.associated_binary_data.as_ref())
        else {
            continue;
        };
        for (k, object) in binary.binary_object.iter().enumerate() {
            let path = || object_path(r, k);
            match urls.entry(object.url.as_str()) {
                Entry::Occupied(first) => out.push(
                    Violation::new(
                        RuleId::UrlUnique,
                        clause::BINARY_OBJECT,
                        format!("{}/etsi707:url", path()),
                        format!(
                            "url is already used by {}; it shall be unique for a given \
                             binary object",
                            object_path(&items[first.get().0], first.get().1)
                        ),
                    )
                    .with_value(&object.url),
                ),
                Entry::Vacant(slot) => {
                    slot.insert((n, k));
                }
            }
            if let Some(checksum) = &object.checksum {
                let c = checksum.as_str();
                if !is_sha256_hex(c) {
                    out.push(
                        Violation::new(
                            RuleId::Checksum,
                            clause::BINARY_OBJECT,
                            format!("{}/etsi707:checksum", path()),
                            format!(
                                "checksum shall be a SHA-256 value: {SHA256_HEX_DIGITS} \
                                 hexadecimal digits (found {} characters)",
                                c.chars().count()
                            ),
                        )
                        .with_value(c),
                    );
                }
            }
            if let Some(content_type) = &object.content_type {
                if let Err(e) = media_type::parse(content_type.as_str()) {
                    out.push(
                        Violation::new(
                            RuleId::ContentType,
                            clause::BINARY_OBJECT,
                            format!("{}/etsi707:contentType", path()),
                            format!("contentType is not an RFC 6838 media type: {e}"),
                        )
                        .with_value(content_type.as_str()),
                    );
                }
            }
            if options.binary_model == Some(BinaryModel::A) && object.expiry.is_none() {
                out.push(Violation::new(
                    RuleId::Expiry,
                    clause::MODEL_A,
                    format!("{}/etsi707:expiry", path()),
                    "expiry is missing; with Model A delivery every binaryObject gives the time \
                     at which its URL ceases to be valid",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::super::{check, check_item, BinaryModel, Options, RuleId};
    use crate::schema::etsi;
    use crate::value::DateTime;

    fn object_path(item: usize, object: usize) -> String {
        format!(
            "{}/etsi707:payload/etsi707:coreParameters/etsi707:associatedBinaryData\
             /etsi707:binaryObject[{object}]",
            item_path(item)
        )
    }

    // ---- url ---------------------------------------------------------------------------------

    #[test]
    fn distinct_urls_pass() {
        let doc = sample();
        let v = check(&doc, &Options::default());
        assert!(
            v.iter().all(|v| v.rule != RuleId::UrlUnique),
            "{}",
            show(&v)
        );
    }

    #[test]
    fn repeated_url_fails() {
        let mut doc = sample();
        let url = binary_objects(item(&mut doc, 0))[0].url.clone();
        binary_objects(item(&mut doc, 1))[1].url = url.clone();
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::UrlUnique);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.4.3, Table 8");
        assert_eq!(v[0].path, format!("{}/etsi707:url", object_path(2, 2)));
        assert_eq!(v[0].value.as_deref(), Some(url.as_str()));
        assert!(v[0].message.contains(&object_path(1, 1)), "{}", v[0]);
    }

    #[test]
    fn repeated_url_within_one_item_fails() {
        let mut doc = sample();
        let mut one = item(&mut doc, 1).clone();
        let url = binary_objects(&mut one)[0].url.clone();
        binary_objects(&mut one)[1].url = url;
        let v = check_item(&one, &Options::default());
        let v: Vec<_> = v
            .into_iter()
            .filter(|v| v.rule == RuleId::UrlUnique)
            .collect();
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.4.3, Table 8");
        assert_eq!(
            v[0].path,
            "/etsi707:handoverItem/etsi707:payload/etsi707:coreParameters\
             /etsi707:associatedBinaryData/etsi707:binaryObject[2]/etsi707:url"
        );
    }

    // ---- checksum ------------------------------------------------------------------------

    #[test]
    fn sha256_checksum_passes_in_either_case() {
        let mut doc = sample();
        binary_objects(item(&mut doc, 1))[0].checksum = Some(
            etsi::ShortString::new(
                "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            )
            .unwrap(),
        );
        let v = check(&doc, &Options::default());
        assert!(v.is_empty(), "{}", show(&v));
    }

    #[test]
    fn bad_checksums_fail() {
        for bad in [
            // SHA-1, 40 digits.
            "a9993e364706816aba3e25717850c26c9cd0d89d",
            // 63 digits.
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
            // 64 characters, one not hexadecimal.
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g",
            // Prefixed.
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            // Base64 of a SHA-256 value.
            "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
            "",
        ] {
            let mut doc = sample();
            binary_objects(item(&mut doc, 0))[0].checksum =
                Some(etsi::ShortString::new(bad).unwrap());
            let v = check(&doc, &Options::default());
            assert_eq!(v.len(), 1, "{bad}: {}", show(&v));
            assert_eq!(v[0].rule, RuleId::Checksum);
            assert_eq!(v[0].clause, "TS 103 707 clause 5.4.3, Table 8");
            assert_eq!(v[0].path, format!("{}/etsi707:checksum", object_path(1, 1)));
            assert_eq!(v[0].value.as_deref(), Some(bad));
        }
    }

    // ---- expiry under Model A ----------------------------------------------------------------

    #[test]
    fn expiry_not_needed_without_model_a() {
        let doc = sample();
        for binary_model in [None, Some(BinaryModel::B)] {
            let options = Options {
                binary_model,
                ..Options::default()
            };
            assert!(check(&doc, &options).is_empty());
        }
    }

    #[test]
    fn model_a_without_expiry_fails() {
        let doc = sample();
        let options = Options {
            binary_model: Some(BinaryModel::A),
            ..Options::default()
        };
        let v = check(&doc, &options);
        // Item 1's object has an expiry; item 2's two objects have none.
        assert_eq!(v.len(), 2, "{}", show(&v));
        for (v, object) in v.iter().zip([1, 2]) {
            assert_eq!(v.rule, RuleId::Expiry);
            assert_eq!(v.clause, "TS 103 707 Annex C.2, Table 8");
            assert_eq!(v.path, format!("{}/etsi707:expiry", object_path(2, object)));
        }
    }

    #[test]
    fn model_a_with_expiry_passes() {
        let mut doc = sample();
        let expiry =
            etsi::QualifiedDateTime::new(DateTime::new("2024-03-15T10:00:00Z").expect("dateTime"))
                .expect("QualifiedDateTime");
        for object in binary_objects(item(&mut doc, 1)) {
            object.expiry = Some(expiry.clone());
        }
        let options = Options {
            binary_model: Some(BinaryModel::A),
            ..Options::default()
        };
        let v = check(&doc, &options);
        assert!(v.is_empty(), "{}", show(&v));
    }
}
