//! Application correlation (clause 5.3.2): within a delivery, the items that share an
//! applicationLevelID are numbered from zero, each number used once. Gaps are allowed (see the
//! module documentation of [`crate::rules`]).

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::{clause, ItemRef, Options, RuleId, Violation};

/// The items of one applicationLevelID in one delivery. Items are kept as indexes into the
/// checked items: paths are built only for violations.
struct Group<'a> {
    id: &'a str,
    /// The item whose applicationLevelID came first.
    first: usize,
    /// Canonical sequence number → the item that used it first.
    numbers: HashMap<Cow<'a, str>, usize>,
}

/// The canonical form of a non-negative `xs:integer` lexical value (no sign, no leading zeros),
/// borrowed when the value is canonical already.
fn canonical(lexical: &str) -> Cow<'_, str> {
    let digits = lexical
        .trim_start_matches(['+', '-'])
        .trim_start_matches('0');
    if digits.is_empty() {
        Cow::Borrowed("0")
    } else {
        Cow::Borrowed(digits)
    }
}

/// Path of the applicationCorrelation child `child` of an item.
fn correlation_path(item: &ItemRef<'_>, child: &str) -> String {
    format!(
        "{}/etsi707:header/etsi707:applicationCorrelation/etsi707:{child}",
        item.path()
    )
}

pub(super) fn check(items: &[ItemRef<'_>], options: &Options, out: &mut Vec<Violation>) {
    let mut index: HashMap<(usize, &str), usize> = HashMap::new();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (n, r) in items.iter().enumerate() {
        let Some(c) = r
            .item
            .header
            .as_ref()
            .and_then(|h| h.application_correlation.as_ref())
        else {
            continue;
        };
        let id = c.application_level_id.as_str();
        let g = *index.entry((r.delivery, id)).or_insert_with(|| {
            groups.push(Group {
                id,
                first: n,
                numbers: HashMap::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        let number = &c.application_sequence_number;
        if number.is_negative() {
            out.push(
                Violation::new(
                    RuleId::SequenceStart,
                    clause::CORRELATION,
                    correlation_path(r, "applicationSequenceNumber"),
                    "applicationSequenceNumber is negative; the sequence number shall start \
                     at zero",
                )
                .with_value(number.as_str()),
            );
            continue;
        }
        match group.numbers.entry(canonical(number.as_str())) {
            Entry::Occupied(first) => out.push(
                Violation::new(
                    RuleId::SequenceDuplicate,
                    clause::CORRELATION,
                    correlation_path(r, "applicationSequenceNumber"),
                    format!(
                        "applicationSequenceNumber {} is used twice for applicationLevelID \
                         \"{}\" within the delivery (first at {})",
                        first.key(),
                        super::shorten(id),
                        correlation_path(&items[*first.get()], "applicationSequenceNumber")
                    ),
                )
                .with_value(number.as_str()),
            ),
            Entry::Vacant(slot) => {
                slot.insert(n);
            }
        }
    }
    if !options.require_sequence_zero {
        return;
    }
    for group in groups {
        if !group.numbers.contains_key("0") {
            out.push(
                Violation::new(
                    RuleId::SequenceStart,
                    clause::CORRELATION,
                    correlation_path(&items[group.first], "applicationLevelID"),
                    format!(
                        "no item with applicationLevelID \"{}\" has applicationSequenceNumber \
                         0 within the delivery; the sequence number shall start at zero",
                        super::shorten(group.id)
                    ),
                )
                .with_value(group.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::super::{check, Options, RuleId};
    use crate::schema::etsi707;
    use crate::value::Integer;

    fn correlation(item: &mut etsi707::HandoverItem) -> &mut etsi707::ApplicationCorrelation {
        item.header
            .as_mut()
            .and_then(|h| h.application_correlation.as_mut())
            .expect("applicationCorrelation")
    }

    fn set_number(item: &mut etsi707::HandoverItem, n: &str) {
        correlation(item).application_sequence_number = Integer::new(n).expect("integer");
    }

    #[test]
    fn zero_and_one_pass() {
        let doc = sample();
        assert!(check(&doc, &Options::default()).is_empty());
    }

    #[test]
    fn gaps_are_allowed() {
        let mut doc = sample();
        set_number(item(&mut doc, 1), "7");
        let v = check(&doc, &Options::default());
        assert!(v.is_empty(), "{}", show(&v));
    }

    #[test]
    fn leading_zeros_and_plus_sign_are_the_same_number() {
        let mut doc = sample();
        set_number(item(&mut doc, 0), "+000");
        assert!(check(&doc, &Options::default()).is_empty());
        set_number(item(&mut doc, 1), "00");
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::SequenceDuplicate);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.3.2");
    }

    #[test]
    fn duplicate_number_fails() {
        let mut doc = sample();
        set_number(item(&mut doc, 1), "0");
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::SequenceDuplicate);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.3.2");
        assert_eq!(
            v[0].path,
            format!(
                "{}/etsi707:header/etsi707:applicationCorrelation\
                 /etsi707:applicationSequenceNumber",
                item_path(2)
            )
        );
        assert_eq!(v[0].value.as_deref(), Some("0"));
        assert!(v[0].message.contains(&item_path(1)), "{}", v[0]);
    }

    #[test]
    fn missing_zero_fails() {
        let mut doc = sample();
        set_number(item(&mut doc, 0), "2");
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::SequenceStart);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.3.2");
        assert_eq!(
            v[0].path,
            format!(
                "{}/etsi707:header/etsi707:applicationCorrelation/etsi707:applicationLevelID",
                item_path(1)
            )
        );
        assert_eq!(v[0].value.as_deref(), Some("conversation-8841"));
        // A delivery that continues groups begun earlier may leave the zero out.
        let options = Options {
            require_sequence_zero: false,
            ..Options::default()
        };
        assert!(check(&doc, &options).is_empty());
    }

    #[test]
    fn groups_are_per_application_level_id() {
        let mut doc = sample();
        // Item 2 starts a group of its own with number 1: that group has no zero.
        correlation(item(&mut doc, 1)).application_level_id =
            crate::schema::etsi::LongString::new("conversation-9000").unwrap();
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.3.2");
        assert_eq!(v[0].value.as_deref(), Some("conversation-9000"));
        set_number(item(&mut doc, 1), "0");
        assert!(check(&doc, &Options::default()).is_empty());
    }

    #[test]
    fn items_without_correlation_are_ignored() {
        let mut doc = sample();
        item(&mut doc, 0).header = None;
        // Item 2 (number 1) is now alone in its group.
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::SequenceStart);
        item(&mut doc, 1).header = None;
        assert!(check(&doc, &Options::default()).is_empty());
    }

    #[test]
    fn negative_number_fails() {
        // The schema type is xs:nonNegativeInteger, but a value built in Rust can be negative.
        let mut doc = sample();
        set_number(item(&mut doc, 1), "-1");
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::SequenceStart);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.3.2");
        assert_eq!(v[0].value.as_deref(), Some("-1"));
    }

    #[test]
    fn standalone_collection_is_one_delivery() {
        let mut doc = sample();
        let mut c = collection(&mut doc).clone();
        assert!(super::super::check_collection(&c, &Options::default()).is_empty());
        c.handover_item.push(c.handover_item[1].clone());
        let v = super::super::check_collection(&c, &Options::default());
        assert_eq!(v.len(), 3, "{}", show(&v)); // number 1 twice, and its two URLs again
        let dup = v
            .iter()
            .find(|v| v.rule == RuleId::SequenceDuplicate)
            .expect("duplicate");
        assert_eq!(dup.clause, "TS 103 707 clause 5.3.2");
        assert!(dup
            .path
            .starts_with("/etsi707:handoverItemCollection/etsi707:handoverItem[3]/etsi707:header"));
    }
}
