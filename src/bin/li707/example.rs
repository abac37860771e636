//! `li707 example`: write a complete, valid sample delivery to stdout.
//!
//! The delivery comes from [`li707::build::sample::sample_delivery`] (deterministic per seed,
//! built and validated by the build module). It is written indented, two spaces per level,
//! unless `--compact`; the indented form is checked again before it is written.

use std::io::Write;

use crate::output;
use crate::status;

/// Arguments of `li707 example`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many handover items.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    items: u32,
    /// How many binary objects, spread over the items (object j goes to item j mod N).
    #[arg(long, value_name = "K", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=100_000))]
    binary: u32,
    /// Wrap the items in a handoverItemCollection (always done for more than one item).
    #[arg(long)]
    collection: bool,
    /// Seed for the generated identifiers, times and values (same seed, same document).
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Write the XML on one line, as the library writes it, instead of indented.
    #[arg(long)]
    compact: bool,
}

/// Runs `li707 example`; returns the exit status.
pub fn run(args: &Args) -> std::io::Result<u8> {
    let message = match li707::build::sample::sample_delivery(
        args.items as usize,
        args.binary as usize,
        args.collection,
        args.seed,
    ) {
        Ok(message) => message,
        Err(e) => {
            output::diag(&format!("example: cannot build the sample delivery: {e}"));
            return Ok(status::ERROR);
        }
    };
    let xml = match message.to_xml() {
        Ok(xml) => xml,
        Err(e) => {
            output::diag(&format!("example: cannot write the sample delivery: {e}"));
            return Ok(status::ERROR);
        }
    };
    let xml = if args.compact {
        xml
    } else {
        // Indentation only touches whitespace between elements; keep the compact form should
        // the indented one not read back as the same valid delivery.
        let limits = li707::Limits::default();
        // Inside the TS 103 120 / TS 103 707 elements only: wildcard content (CSP-defined data,
        // embedded schemas) stays exactly as generated.
        let ours = |ns: &str| {
            ns != "http://www.w3.org/2001/XMLSchema"
                && li707::schema::NAMESPACES.iter().any(|n| n.uri == ns)
        };
        match output::indent(&xml, ours) {
            Some(pretty)
                if li707::read(&pretty, &limits)
                    .delivery
                    .is_some_and(|d| d.message == message) =>
            {
                pretty
            }
            _ => xml,
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(&xml)?;
    out.flush()?;
    Ok(status::OK)
}
