//! Messaging identifiers of TS 103 707 Annex A, Table A.2: user ID, username, MSISDN,
//! E.164 number and e-mail address, each optionally with the time it was observed (the
//! "-and-timestamp" forms).
//!
//! Table 7 leaves the format of the `identifier` strings to the CSP, so the wire value is the
//! CSP's choice: [`super::PartyBuilder::identifier`] takes any string. [`Identifier`] checks a
//! typed value and gives li707's default rendering ([`Identifier::render`]):
//!
//! | Identifier | Rendering |
//! |---|---|
//! | user ID | `userid:4711` |
//! | username | `username:bob_the_builder` |
//! | MSISDN | `msisdn:447700900123` |
//! | E.164 number | `e164-format:447700900123` |
//! | e-mail address | `email-address:alice@example.invalid` |
//! | any, with timestamp | `msisdn-and-timestamp:447700900123;2024-03-14T09:25:10Z` |
//!
//! That is, the Table A.2 parameter name, a colon, the value, and for the "-and-timestamp"
//! forms a semicolon and the TS 103 280 QualifiedDateTime. The prefix ends at the first colon;
//! the timestamp starts after the last semicolon (timestamps contain none).
//!
//! Checks: MSISDN and E.164 numbers are TS 103 280 `InternationalE164` values, 1 to 15 digits
//! (one leading `+` is dropped); e-mail addresses follow the TS 103 280 `EmailAddress` pattern
//! (at most 255 characters); user IDs and usernames are non-empty text.

use std::fmt;

use crate::error::{Rule, ValueError};
use crate::schema::etsi::QualifiedDateTime;
use crate::value::facet::{self, Pattern};

/// The TS 103 280 `InternationalE164` pattern (the generated dictionary does not include the
/// type, so it is checked here).
static E164: Pattern = Pattern::new("^(?:[0-9]{1,15})$", "[0-9]{1,15}");

/// The TS 103 280 `EmailAddress` pattern, on top of `ShortString` (255 characters).
static EMAIL: Pattern = Pattern::new(
    r"^(?:[a-zA-Z0-9.!#$%&'*+\\/=?^_`{|}~\-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)$",
    r"[a-zA-Z0-9\.!#$%&'\*\+\\/=\?\^_`\{\|\}~\-]+@[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*",
);

/// The kinds of identifier of Table A.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifierKind {
    /// User ID (`userid`).
    UserId,
    /// Username (`username`).
    Username,
    /// MSISDN (`msisdn`, ITU-T E.164).
    Msisdn,
    /// Phone number in E.164 format (`e164-format`).
    E164Format,
    /// E-mail address (`email-address`, RFC 5322/5321/3696).
    EmailAddress,
}

impl IdentifierKind {
    /// The Table A.2 parameter name: `userid`, `username`, `msisdn`, `e164-format` or
    /// `email-address`.
    pub fn parameter(self) -> &'static str {
        match self {
            IdentifierKind::UserId => "userid",
            IdentifierKind::Username => "username",
            IdentifierKind::Msisdn => "msisdn",
            IdentifierKind::E164Format => "e164-format",
            IdentifierKind::EmailAddress => "email-address",
        }
    }
}

/// A checked Table A.2 identifier, optionally with the time it was observed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    kind: IdentifierKind,
    value: String,
    timestamp: Option<QualifiedDateTime>,
}

impl Identifier {
    /// A user ID: any non-empty text.
    pub fn user_id(value: impl Into<String>) -> Result<Identifier, ValueError> {
        Self::free_text(IdentifierKind::UserId, value.into())
    }

    /// A username: any non-empty text.
    pub fn username(value: impl Into<String>) -> Result<Identifier, ValueError> {
        Self::free_text(IdentifierKind::Username, value.into())
    }

    /// An MSISDN: 1 to 15 digits (TS 103 280 `InternationalE164`); one leading `+` is dropped.
    pub fn msisdn(value: impl Into<String>) -> Result<Identifier, ValueError> {
        Self::number(IdentifierKind::Msisdn, value.into())
    }

    /// A phone number in E.164 format: 1 to 15 digits (TS 103 280 `InternationalE164`); one
    /// leading `+` is dropped.
    pub fn e164(value: impl Into<String>) -> Result<Identifier, ValueError> {
        Self::number(IdentifierKind::E164Format, value.into())
    }

    /// An e-mail address, checked with the TS 103 280 `EmailAddress` pattern.
    pub fn email(value: impl Into<String>) -> Result<Identifier, ValueError> {
        let value = value.into();
        check_email(&value)?;
        Ok(Identifier {
            kind: IdentifierKind::EmailAddress,
            value,
            timestamp: None,
        })
    }

    /// The "-and-timestamp" form: the identifier together with the time it was observed.
    pub fn with_timestamp(mut self, timestamp: QualifiedDateTime) -> Identifier {
        self.timestamp = Some(timestamp);
        self
    }

    /// As [`Identifier::with_timestamp`], from the lexical form of a TS 103 280
    /// QualifiedDateTime (e.g. `2024-03-14T09:25:10Z`).
    pub fn at(self, timestamp: &str) -> Result<Identifier, ValueError> {
        let ts: QualifiedDateTime = timestamp.parse()?;
        Ok(self.with_timestamp(ts))
    }

    /// The kind.
    pub fn kind(&self) -> IdentifierKind {
        self.kind
    }

    /// The value as checked (for numbers, without a leading `+`).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The observation time of the "-and-timestamp" form.
    pub fn timestamp(&self) -> Option<&QualifiedDateTime> {
        self.timestamp.as_ref()
    }

    /// The Table A.2 parameter: e.g. `msisdn`, or `msisdn-and-timestamp` with a timestamp.
    pub fn parameter(&self) -> String {
        match self.timestamp {
            None => self.kind.parameter().to_owned(),
            Some(_) => format!("{}-and-timestamp", self.kind.parameter()),
        }
    }

    /// li707's default rendering as an `identifier` string (see the
    /// [module documentation](self)): `msisdn:447700900123`,
    /// `msisdn-and-timestamp:447700900123;2024-03-14T09:25:10Z`.
    pub fn render(&self) -> String {
        match &self.timestamp {
            None => format!("{}:{}", self.kind.parameter(), self.value),
            Some(ts) => format!("{}:{};{}", self.parameter(), self.value, ts),
        }
    }

    fn free_text(kind: IdentifierKind, value: String) -> Result<Identifier, ValueError> {
        crate::value::builtin::check_xml_text(&value)?;
        if value.is_empty() {
            return Err(ValueError::new("xs:string", Rule::MinLength(1), &value));
        }
        Ok(Identifier {
            kind,
            value,
            timestamp: None,
        })
    }

    fn number(kind: IdentifierKind, value: String) -> Result<Identifier, ValueError> {
        let digits = value.strip_prefix('+').unwrap_or(&value);
        check_e164(digits)?;
        Ok(Identifier {
            kind,
            value: digits.to_owned(),
            timestamp: None,
        })
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Checks a TS 103 280 `InternationalE164` value: 1 to 15 digits.
pub fn check_e164(value: &str) -> Result<(), ValueError> {
    facet::patterns("etsi:InternationalE164", value, &[&E164])
}

/// Checks a TS 103 280 `EmailAddress` value: at most 255 characters and the TS 103 280
/// pattern.
pub fn check_email(value: &str) -> Result<(), ValueError> {
    facet::length(
        "etsi:EmailAddress",
        value,
        facet::char_len(value),
        None,
        None,
        Some(255),
    )?;
    facet::patterns("etsi:EmailAddress", value, &[&EMAIL])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_e164_digits() {
        let m = Identifier::msisdn("447700900123").expect("valid");
        assert_eq!(m.render(), "msisdn:447700900123");
        assert_eq!(
            Identifier::e164("+447700900123")
                .expect("plus dropped")
                .render(),
            "e164-format:447700900123"
        );
        for bad in ["", "+", "44 7700", "4477009001234567", "12a", "++44"] {
            let e = Identifier::msisdn(bad).expect_err(bad);
            assert_eq!(e.type_name, "etsi:InternationalE164", "{bad}");
        }
        assert!(Identifier::e164("123456789012345").is_ok());
    }

    #[test]
    fn emails_follow_the_ts_103_280_pattern() {
        for ok in [
            "alice@example.invalid",
            "a.b+c@x",
            "o'neil/x=y@mail-1.example.com",
        ] {
            assert!(Identifier::email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "alice",
            "@example.com",
            "a@-x.com",
            "a@x-.com",
            "a b@x.com",
            "a@x..com",
            "ä@x.com",
        ] {
            let e = Identifier::email(bad).expect_err(bad);
            assert_eq!(e.type_name, "etsi:EmailAddress", "{bad}");
        }
        let long = format!("{}@x.com", "a".repeat(250));
        assert!(matches!(
            Identifier::email(long).map_err(|e| e.rule),
            Err(Rule::MaxLength(255))
        ));
    }

    #[test]
    fn timestamp_forms_and_free_text() {
        let u = Identifier::username("bob;the:builder")
            .expect("any text")
            .at("2024-03-14T09:25:10Z")
            .expect("timestamp");
        assert_eq!(u.parameter(), "username-and-timestamp");
        assert_eq!(
            u.render(),
            "username-and-timestamp:bob;the:builder;2024-03-14T09:25:10Z"
        );
        assert_eq!(u.to_string(), u.render());
        assert_eq!(u.kind(), IdentifierKind::Username);
        assert_eq!(u.value(), "bob;the:builder");
        assert!(u.timestamp().is_some());
        assert!(Identifier::user_id("4711")
            .expect("ok")
            .at("yesterday")
            .is_err());
        assert!(Identifier::user_id("").is_err());
        assert!(Identifier::username("a\u{1}b").is_err());
        assert_eq!(
            Identifier::user_id("4711").expect("ok").render(),
            "userid:4711"
        );
    }
}
