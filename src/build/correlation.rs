//! Application correlation (TS 103 707 clause 5.3.2): related items share an
//! applicationLevelID and are numbered from zero.

use std::collections::HashMap;

use super::{BuildError, Collect};
use crate::schema::etsi707;
use crate::value::Integer;

/// One item's place in a correlation group: the `applicationLevelID` and the
/// `applicationSequenceNumber` of its `applicationCorrelation` (checked when the item is
/// built; errors name `applicationCorrelation/applicationLevelID`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Correlation {
    /// The applicationLevelID shared by related items (a TS 103 280 LongString).
    pub application_level_id: String,
    /// The applicationSequenceNumber of this item.
    pub sequence_number: u64,
}

impl Correlation {
    /// A correlation given explicitly (use a [`Correlator`] to allocate numbers).
    pub fn new(application_level_id: impl Into<String>, sequence_number: u64) -> Correlation {
        Correlation {
            application_level_id: application_level_id.into(),
            sequence_number,
        }
    }

    /// Builds the `etsi707:applicationCorrelation` element.
    pub fn build(&self) -> Result<etsi707::ApplicationCorrelation, BuildError> {
        let mut c = Collect::new();
        match self.build_into(&mut c) {
            Some(v) => Ok(v),
            None => Err(c.into_error("applicationCorrelation/applicationLevelID")),
        }
    }

    pub(crate) fn build_into(&self, c: &mut Collect) -> Option<etsi707::ApplicationCorrelation> {
        let id = c.value(
            "applicationCorrelation/applicationLevelID",
            super::long_string(&self.application_level_id),
        )?;
        Some(etsi707::ApplicationCorrelation {
            application_level_id: id,
            application_sequence_number: Integer::from(self.sequence_number),
        })
    }
}

/// Allocates applicationSequenceNumbers: for each applicationLevelID, 0, 1, 2, … in the order
/// items are allocated (clause 5.3.2: "the sequence number shall start at zero").
///
/// Clause 5.3.2 asks for an applicationLevelID unique within a given LIID or LDID; keep one
/// `Correlator` per Reference. The numbering continues across deliveries while the same
/// `Correlator` is used; a delivery that continues a group begun earlier has no item numbered
/// zero, so check it with [`crate::rules::Options::require_sequence_zero`] set to `false`
/// (see [`super::DeliveryBuilder::rule_options`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Correlator {
    next: HashMap<String, u64>,
}

impl Correlator {
    /// A correlator with no groups.
    pub fn new() -> Correlator {
        Correlator::default()
    }

    /// The next correlation of group `application_level_id`: sequence number 0 for a new
    /// group, then one more each time. (After `u64::MAX` numbers the last one repeats.)
    pub fn next(&mut self, application_level_id: &str) -> Correlation {
        let sequence_number = match self.next.get_mut(application_level_id) {
            Some(n) => {
                let current = *n;
                *n = n.saturating_add(1);
                current
            }
            None => {
                self.next.insert(application_level_id.to_owned(), 1);
                0
            }
        };
        Correlation {
            application_level_id: application_level_id.to_owned(),
            sequence_number,
        }
    }

    /// The number the next item of the group will get (0 for a new group).
    pub fn peek(&self, application_level_id: &str) -> u64 {
        self.next.get(application_level_id).copied().unwrap_or(0)
    }

    /// Continues a group from stored state: its next item gets `next_sequence_number`.
    pub fn resume(&mut self, application_level_id: impl Into<String>, next_sequence_number: u64) {
        self.next
            .insert(application_level_id.into(), next_sequence_number);
    }

    /// Forgets a group (its next item gets 0 again).
    pub fn reset(&mut self, application_level_id: &str) {
        self.next.remove(application_level_id);
    }

    /// How many groups have been allocated.
    pub fn len(&self) -> usize {
        self.next.len()
    }

    /// Whether no group has been allocated.
    pub fn is_empty(&self) -> bool {
        self.next.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlator_numbers_from_zero_per_id() {
        let mut c = Correlator::new();
        assert!(c.is_empty());
        let a: Vec<u64> = (0..3).map(|_| c.next("a").sequence_number).collect();
        assert_eq!(a, [0, 1, 2]);
        assert_eq!(c.next("b"), Correlation::new("b", 0));
        assert_eq!(c.next("a").sequence_number, 3);
        assert_eq!(c.next("b").sequence_number, 1);
        assert_eq!(c.peek("a"), 4);
        assert_eq!(c.peek("new"), 0);
        assert_eq!(c.len(), 2);
        c.reset("a");
        assert_eq!(c.next("a").sequence_number, 0);
        c.resume("b", u64::MAX);
        assert_eq!(c.next("b").sequence_number, u64::MAX);
        assert_eq!(c.next("b").sequence_number, u64::MAX);
    }

    #[test]
    fn correlation_names_an_invalid_id() {
        let ok = Correlation::new("conversation-8841", 2)
            .build()
            .expect("valid");
        assert_eq!(ok.application_level_id.as_str(), "conversation-8841");
        assert_eq!(ok.application_sequence_number, Integer::from(2u64));
        let e = Correlation::new("bad\u{0}", 0)
            .build()
            .expect_err("invalid");
        assert_eq!(e.invalid.len(), 1);
        assert_eq!(e.invalid[0].0, "applicationCorrelation/applicationLevelID");
    }
}
