//! `MessagingParty` (TS 103 707 clause 5.4.2, Table 7).

use super::identifiers::Identifier;
use super::{BuildError, Collect};
use crate::error::ValueError;
use crate::schema::etsi707;

/// Builds an `etsi707:MessagingParty`: one or more identifiers (M) and whether the party is
/// the subject of interception (C).
///
/// The identifier strings are the CSP's choice (Table 7): [`PartyBuilder::identifier`] takes
/// any text (at most 65 535 characters); the typed shortcuts check the value and write li707's
/// default rendering (see [`super::identifiers`]).
///
/// Errors name `MessagingParty/identifiers` (missing) and `MessagingParty/identifiers/identifier`
/// (invalid); inside a [`super::HandoverItemBuilder`] the sender's are named
/// `messageSender/…` and the receivers' `recipient/…`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartyBuilder {
    identifiers: Vec<Result<String, ValueError>>,
    targeted: Option<bool>,
}

/// Field names of one place a party is written.
pub(crate) struct PartyFields {
    identifiers: &'static str,
    identifier: &'static str,
}

pub(crate) const PARTY: PartyFields = PartyFields {
    identifiers: "MessagingParty/identifiers",
    identifier: "MessagingParty/identifiers/identifier",
};
pub(crate) const SENDER: PartyFields = PartyFields {
    identifiers: "messageSender/identifiers",
    identifier: "messageSender/identifiers/identifier",
};
pub(crate) const RECIPIENT: PartyFields = PartyFields {
    identifiers: "recipient/identifiers",
    identifier: "recipient/identifiers/identifier",
};

impl PartyBuilder {
    /// An empty party (an identifier is required).
    pub fn new() -> PartyBuilder {
        PartyBuilder::default()
    }

    /// Adds an identifier written exactly as given (Table 7: the CSP chooses the format).
    pub fn identifier(mut self, value: impl Into<String>) -> PartyBuilder {
        self.identifiers.push(Ok(value.into()));
        self
    }

    /// Adds a checked Table A.2 identifier in li707's default rendering
    /// ([`Identifier::render`]).
    pub fn typed(mut self, id: &Identifier) -> PartyBuilder {
        self.identifiers.push(Ok(id.render()));
        self
    }

    /// Adds a user ID (`userid:…`).
    pub fn user_id(self, value: impl Into<String>) -> PartyBuilder {
        self.checked(Identifier::user_id(value))
    }

    /// Adds a username (`username:…`).
    pub fn username(self, value: impl Into<String>) -> PartyBuilder {
        self.checked(Identifier::username(value))
    }

    /// Adds an MSISDN (`msisdn:…`, 1 to 15 digits).
    pub fn msisdn(self, value: impl Into<String>) -> PartyBuilder {
        self.checked(Identifier::msisdn(value))
    }

    /// Adds an E.164 number (`e164-format:…`, 1 to 15 digits).
    pub fn e164(self, value: impl Into<String>) -> PartyBuilder {
        self.checked(Identifier::e164(value))
    }

    /// Adds an e-mail address (`email-address:…`, TS 103 280 EmailAddress).
    pub fn email(self, value: impl Into<String>) -> PartyBuilder {
        self.checked(Identifier::email(value))
    }

    /// Adds the result of an [`Identifier`] constructor; an error is reported by `build()`.
    pub fn checked(mut self, id: Result<Identifier, ValueError>) -> PartyBuilder {
        self.identifiers.push(id.map(|id| id.render()));
        self
    }

    /// Sets `isTargetedParty` (Table 7): whether the party is the subject of interception.
    /// Left out when not set (not the subject, or not known).
    pub fn targeted(mut self, targeted: bool) -> PartyBuilder {
        self.targeted = Some(targeted);
        self
    }

    /// Builds the party, or returns every error.
    pub fn build(self) -> Result<etsi707::MessagingParty, BuildError> {
        self.build_as(&PARTY)
    }

    pub(crate) fn build_as(
        self,
        fields: &PartyFields,
    ) -> Result<etsi707::MessagingParty, BuildError> {
        let mut c = Collect::new();
        if self.identifiers.is_empty() {
            c.missing(fields.identifiers);
        }
        let mut identifier = Vec::with_capacity(self.identifiers.len());
        for id in self.identifiers {
            if let Some(v) = c.value(fields.identifier, id.and_then(|s| super::long_string(&s))) {
                identifier.push(v);
            }
        }
        if !c.is_ok() {
            return Err(c.into_error(fields.identifiers));
        }
        Ok(etsi707::MessagingParty {
            identifiers: etsi707::MessagingPartyIdentifiers { identifier },
            is_targeted_party: self.targeted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_requires_an_identifier_and_names_bad_ones() {
        let e = PartyBuilder::new()
            .targeted(true)
            .build()
            .expect_err("empty");
        assert_eq!(e.missing, ["MessagingParty/identifiers"]);
        assert!(e.to_string().contains("MessagingParty/identifiers"));

        let e = PartyBuilder::new()
            .msisdn("44-7700")
            .email("not an address")
            .identifier("ok")
            .identifier("bad \u{0} char")
            .build()
            .expect_err("invalid");
        assert!(e.missing.is_empty());
        let fields: Vec<_> = e.invalid.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["MessagingParty/identifiers/identifier"; 3]);
        assert_eq!(e.invalid[0].1.type_name, "etsi:InternationalE164");
        assert_eq!(e.invalid[1].1.type_name, "etsi:EmailAddress");

        let long = "x".repeat(65_536);
        assert!(PartyBuilder::new().identifier(long).build().is_err());
    }

    #[test]
    fn party_builds() {
        let p = PartyBuilder::new()
            .identifier("user-4711")
            .msisdn("+447700900123")
            .typed(&Identifier::email("alice@example.invalid").expect("valid"))
            .targeted(true)
            .build()
            .expect("valid");
        let ids: Vec<_> = p
            .identifiers
            .identifier
            .iter()
            .map(|i| i.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "user-4711",
                "msisdn:447700900123",
                "email-address:alice@example.invalid"
            ]
        );
        assert_eq!(p.is_targeted_party, Some(true));
    }
}
