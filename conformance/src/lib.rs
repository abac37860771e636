//! Types generated at build time from the official ETSI TS 103 120 V1.12.1 schema set (with the
//! TS 103 280 dictionary), read unchanged from `../shared/etsi`, and from li707's own fixture of
//! XSD constructs. Used by this crate's tests.
#![allow(missing_docs)]

pub mod baseline;

/// The official split schema set, as published.
pub mod official {
    include!(concat!(env!("OUT_DIR"), "/official/mod.rs"));
}

/// The official set plus the example CSP schema `FooServiceSchema.xsd`.
pub mod official_foo {
    include!(concat!(env!("OUT_DIR"), "/official_foo/mod.rs"));
}

/// li707's fixture of XSD constructs the ETSI sets do not all use (`fixtures/constructs.xsd`).
pub mod constructs {
    include!(concat!(env!("OUT_DIR"), "/constructs/mod.rs"));
}
