//! placeholder until the example crate is written
