//! How each XSD built-in type is represented in Rust, and the runtime functions that parse and
//! write it.

use crate::model::{Builtin, WhiteSpace};

/// The Rust side of a built-in type.
#[derive(Debug, Clone, Copy)]
pub struct RustBuiltin {
    /// The Rust type, as a path.
    pub ty: &'static str,
    /// Parses a lexical value (`fn(&str) -> Result<T, ValueError>`).
    pub parse: &'static str,
    /// Writes a value (`fn(&T) -> Cow<str>`), or `None` when the type is a `SimpleValue`
    /// (write with `.to_lexical()`).
    pub write: Option<&'static str>,
    /// Whether the Rust type is `String` (checks see it as `&str`).
    pub is_string: bool,
    /// The white space rule of the type.
    pub white_space: WhiteSpace,
    /// Whether range facets apply (numeric types).
    pub numeric: bool,
    /// Whether length facets count bytes (binary types).
    pub binary: bool,
}

/// The Rust form of `b`, or `None` when it is not supported (QName and NOTATION).
pub fn rust_builtin(b: Builtin) -> Option<RustBuiltin> {
    use Builtin::*;
    let string = |parse: &'static str, ws| RustBuiltin {
        ty: "String",
        parse,
        write: Some("li707::value::builtin::write_str"),
        is_string: true,
        white_space: ws,
        numeric: false,
        binary: false,
    };
    let value = |ty: &'static str, parse: &'static str, numeric| RustBuiltin {
        ty,
        parse,
        write: None,
        is_string: false,
        white_space: WhiteSpace::Collapse,
        numeric,
        binary: false,
    };
    let native = |ty: &'static str, parse: &'static str, write: &'static str| RustBuiltin {
        ty,
        parse,
        write: Some(write),
        is_string: false,
        white_space: WhiteSpace::Collapse,
        numeric: true,
        binary: false,
    };
    Some(match b {
        AnyType | AnySimpleType | String => {
            string("li707::value::builtin::parse_string", WhiteSpace::Preserve)
        }
        NormalizedString => string(
            "li707::value::builtin::parse_normalized_string",
            WhiteSpace::Replace,
        ),
        Token | NmTokens | IdRefs | Entities => {
            string("li707::value::builtin::parse_token", WhiteSpace::Collapse)
        }
        AnyUri => string("li707::value::builtin::parse_any_uri", WhiteSpace::Collapse),
        Language => string(
            "li707::value::builtin::parse_language",
            WhiteSpace::Collapse,
        ),
        Name => string("li707::value::builtin::parse_name", WhiteSpace::Collapse),
        NcName | Id | IdRef | Entity => {
            string("li707::value::builtin::parse_ncname", WhiteSpace::Collapse)
        }
        NmToken => string("li707::value::builtin::parse_nmtoken", WhiteSpace::Collapse),
        QName | Notation => return None,
        Boolean => RustBuiltin {
            ty: "bool",
            parse: "li707::value::builtin::parse_boolean",
            write: Some("li707::value::builtin::write_boolean"),
            is_string: false,
            white_space: WhiteSpace::Collapse,
            numeric: false,
            binary: false,
        },
        Decimal => value(
            "li707::value::Decimal",
            "<li707::value::Decimal as li707::value::SimpleValue>::from_lexical",
            true,
        ),
        Integer => value(
            "li707::value::Integer",
            "li707::value::builtin::parse_integer",
            true,
        ),
        NonNegativeInteger => value(
            "li707::value::Integer",
            "li707::value::builtin::parse_non_negative_integer",
            true,
        ),
        PositiveInteger => value(
            "li707::value::Integer",
            "li707::value::builtin::parse_positive_integer",
            true,
        ),
        NonPositiveInteger => value(
            "li707::value::Integer",
            "li707::value::builtin::parse_non_positive_integer",
            true,
        ),
        NegativeInteger => value(
            "li707::value::Integer",
            "li707::value::builtin::parse_negative_integer",
            true,
        ),
        Long => native(
            "i64",
            "li707::value::builtin::parse_long",
            "li707::value::builtin::write_long",
        ),
        Int => native(
            "i32",
            "li707::value::builtin::parse_int",
            "li707::value::builtin::write_int",
        ),
        Short => native(
            "i16",
            "li707::value::builtin::parse_short",
            "li707::value::builtin::write_short",
        ),
        Byte => native(
            "i8",
            "li707::value::builtin::parse_byte",
            "li707::value::builtin::write_byte",
        ),
        UnsignedLong => native(
            "u64",
            "li707::value::builtin::parse_unsigned_long",
            "li707::value::builtin::write_unsigned_long",
        ),
        UnsignedInt => native(
            "u32",
            "li707::value::builtin::parse_unsigned_int",
            "li707::value::builtin::write_unsigned_int",
        ),
        UnsignedShort => native(
            "u16",
            "li707::value::builtin::parse_unsigned_short",
            "li707::value::builtin::write_unsigned_short",
        ),
        UnsignedByte => native(
            "u8",
            "li707::value::builtin::parse_unsigned_byte",
            "li707::value::builtin::write_unsigned_byte",
        ),
        Float => native(
            "f32",
            "li707::value::builtin::parse_float",
            "li707::value::builtin::write_float",
        ),
        Double => native(
            "f64",
            "li707::value::builtin::parse_double",
            "li707::value::builtin::write_double",
        ),
        DateTime => value(
            "li707::value::DateTime",
            "li707::value::DateTime::new",
            false,
        ),
        Date => value("li707::value::Date", "li707::value::Date::new", false),
        Time => value("li707::value::Time", "li707::value::Time::new", false),
        Duration => value(
            "li707::value::Duration",
            "li707::value::Duration::new",
            false,
        ),
        GYear => value("li707::value::GYear", "li707::value::GYear::new", false),
        GYearMonth => value(
            "li707::value::GYearMonth",
            "li707::value::GYearMonth::new",
            false,
        ),
        GMonth => value("li707::value::GMonth", "li707::value::GMonth::new", false),
        GMonthDay => value(
            "li707::value::GMonthDay",
            "li707::value::GMonthDay::new",
            false,
        ),
        GDay => value("li707::value::GDay", "li707::value::GDay::new", false),
        Base64Binary => RustBuiltin {
            binary: true,
            ..value(
                "li707::value::Base64Binary",
                "<li707::value::Base64Binary as li707::value::SimpleValue>::from_lexical",
                false,
            )
        },
        HexBinary => RustBuiltin {
            binary: true,
            ..value(
                "li707::value::HexBinary",
                "<li707::value::HexBinary as li707::value::SimpleValue>::from_lexical",
                false,
            )
        },
    })
}

/// Whether the Rust type implements `Eq` and `Hash` (floats do not).
pub fn is_eq(b: Builtin) -> bool {
    !matches!(b, Builtin::Float | Builtin::Double)
}
