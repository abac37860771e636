//! `li707 inspect FILE`: a human summary of one delivery.
//!
//! Prints (stdout) the envelope, each DeliveryObject (reference, delivery id and sequence,
//! manifest) and each handover item (correlation, sender, receivers, timestamp, binary
//! objects, CSP-defined data). A document that is not a valid delivery has its errors printed
//! on stderr and exits 1; when only TS 103 707 rules are broken (the schemas are met) the
//! summary is printed as well.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use li707::schema::{delivery, etsi707};

use crate::output::{self, printable};
use crate::{status, CheckArgs, Source};

/// Arguments of `li707 inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The delivery to inspect, or - for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// How the document is checked.
    #[command(flatten)]
    check: CheckArgs,
}

/// Runs `li707 inspect`; returns the exit status.
pub fn run(args: &Args) -> std::io::Result<u8> {
    let limits = args.check.limits();
    let source = Source::from_arg(&args.file);
    let name = printable(&source.name());
    let bytes = match source.read(limits.max_size) {
        Ok(bytes) => bytes,
        Err(e) => {
            output::diag(&format!("{name}: {e}"));
            return Ok(status::ERROR);
        }
    };
    let reading = li707::read(&bytes, &limits);
    if let Some(delivery) = &reading.delivery {
        let mut out = std::io::stdout().lock();
        out.write_all(summary(&name, delivery).as_bytes())?;
        out.flush()?;
    }
    let report = &reading.report;
    if report.errors.is_empty() && !report.truncated {
        return Ok(status::OK);
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{name}: not a valid delivery:");
    for error in &report.errors {
        let _ = writeln!(err, "{}", output::error_line(&name, error));
    }
    if report.truncated {
        let _ = writeln!(err, "{}", output::truncated_line(&name));
    }
    Ok(status::INVALID)
}

/// `Some(value)` shown, or `-`.
fn or_dash<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| printable(&v.to_string()))
}

/// The human summary of a delivery.
pub fn summary(name: &str, d: &li707::Delivery) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write_summary(&mut s, name, d);
    s
}

fn write_summary(s: &mut String, name: &str, d: &li707::Delivery) -> std::fmt::Result {
    let h = d.header();
    writeln!(s, "{name}: TS 103 707 delivery (TS 103 120 HI1Message)")?;
    writeln!(s, "envelope")?;
    writeln!(
        s,
        "  sender:          {} / {}",
        printable(h.sender_identifier.country_code.as_str()),
        printable(h.sender_identifier.unique_identifier.as_str())
    )?;
    writeln!(
        s,
        "  receiver:        {} / {}",
        printable(h.receiver_identifier.country_code.as_str()),
        printable(h.receiver_identifier.unique_identifier.as_str())
    )?;
    writeln!(
        s,
        "  transaction id:  {}",
        printable(h.transaction_identifier.as_str())
    )?;
    writeln!(
        s,
        "  timestamp:       {}",
        printable(&h.timestamp.to_string())
    )?;
    writeln!(
        s,
        "  version:         {} (national profile: {} / {})",
        printable(h.version.etsi_version.as_str()),
        printable(h.version.national_profile_owner.as_str()),
        printable(h.version.national_profile_version.as_str())
    )?;
    let objects = d.objects();
    for (i, o) in objects.iter().enumerate() {
        write_object(s, i + 1, objects.len(), o)?;
    }
    let items = d.items();
    writeln!(s, "handover items: {}", items.len())?;
    for (i, item) in items.iter().enumerate() {
        write_item(s, i + 1, item)?;
    }
    Ok(())
}

fn write_object(
    s: &mut String,
    n: usize,
    of: usize,
    o: &delivery::DeliveryObject,
) -> std::fmt::Result {
    writeln!(
        s,
        "delivery object {n} of {of}: {}",
        printable(o.object_identifier.as_str())
    )?;
    let reference = match &o.reference {
        Some(delivery::Reference::Liid(l)) => format!("LIID {}", printable(l.as_str())),
        Some(delivery::Reference::Ldid(l)) => format!("LDID {}", printable(l.as_str())),
        None => "-".to_owned(),
    };
    writeln!(s, "  reference:       {reference}")?;
    writeln!(s, "  delivery id:     {}", or_dash(o.delivery_id.as_ref()))?;
    let last = match o.last_sequence {
        Some(true) => " (last)",
        Some(false) => " (more follow)",
        None => "",
    };
    writeln!(
        s,
        "  sequence:        {}{last}",
        or_dash(o.sequence_number.as_ref())
    )?;
    let manifest = match &o.manifest {
        Some(delivery::Manifest::Specification(e)) => format!(
            "{} / {} / {}",
            printable(e.owner.as_str()),
            printable(e.name.as_str()),
            printable(e.value.as_str())
        ),
        Some(delivery::Manifest::ExternalSchema(e)) => {
            format!("external schema {}", or_dash(e.manifest_id.as_ref()))
        }
        None => "-".to_owned(),
    };
    writeln!(s, "  manifest:        {manifest}")?;
    let content = match &o.delivery {
        Some(delivery::Delivery::XmlData(x)) => {
            let mut parts = Vec::new();
            for any in &x.any {
                parts.push(match any {
                    li707::xml::Any::Typed(doc) => match doc.as_ref() {
                        li707::schema::Document::HandoverItem(_) => "handoverItem".to_owned(),
                        li707::schema::Document::HandoverItemCollection(c) => format!(
                            "handoverItemCollection of {} item(s)",
                            c.handover_item.len()
                        ),
                        li707::schema::Document::Hi1Message(_) => "HI1Message".to_owned(),
                    },
                    li707::xml::Any::Raw(r) => format!("element {}", printable(&r.name)),
                });
            }
            format!("XMLData: {}", parts.join(", "))
        }
        Some(delivery::Delivery::BinaryData(b)) => format!(
            "BinaryData, {} bytes{}",
            b.data.0.len(),
            b.content_type
                .as_ref()
                .map_or(String::new(), |t| format!(", {}", printable(t.as_str())))
        ),
        None => "-".to_owned(),
    };
    writeln!(s, "  content:         {content}")
}

/// A party's identifiers, `(target)` when it is a targeted party.
fn party(p: &etsi707::MessagingParty) -> String {
    let ids: Vec<String> = p
        .identifiers
        .identifier
        .iter()
        .map(|i| printable(i.as_str()))
        .collect();
    let target = match p.is_targeted_party {
        Some(true) => " (target)",
        _ => "",
    };
    format!("{}{target}", ids.join(", "))
}

fn write_item(s: &mut String, n: usize, item: &etsi707::HandoverItem) -> std::fmt::Result {
    writeln!(s, "item {n}")?;
    let correlation = item
        .header
        .as_ref()
        .and_then(|h| h.application_correlation.as_ref())
        .map_or_else(
            || "-".to_owned(),
            |c| {
                format!(
                    "{} #{}",
                    printable(c.application_level_id.as_str()),
                    c.application_sequence_number
                )
            },
        );
    writeln!(s, "  correlation:     {correlation}")?;
    let etsi707::Payload::MessagingPayload(payload) = &item.payload;
    let core = &payload.core_parameters;
    writeln!(
        s,
        "  sender:          {}",
        core.message_sender.as_ref().map_or("-".to_owned(), party)
    )?;
    match &core.message_receivers {
        Some(r) if !r.recipient.is_empty() => {
            writeln!(s, "  receivers:       {}", r.recipient.len())?;
            for p in &r.recipient {
                writeln!(s, "    - {}", party(p))?;
            }
        }
        _ => writeln!(s, "  receivers:       -")?,
    }
    writeln!(s, "  timestamp:       {}", or_dash(core.timestamp.as_ref()))?;
    let objects = core
        .associated_binary_data
        .as_ref()
        .map_or(&[][..], |b| &b.binary_object[..]);
    writeln!(s, "  binary objects:  {}", objects.len())?;
    for b in objects {
        writeln!(s, "    - url:         {}", printable(&b.url))?;
        writeln!(s, "      type:        {}", or_dash(b.content_type.as_ref()))?;
        writeln!(
            s,
            "      length:      {}",
            or_dash(b.content_length.as_ref())
        )?;
        writeln!(s, "      checksum:    {}", or_dash(b.checksum.as_ref()))?;
        if let Some(expiry) = &b.expiry {
            writeln!(s, "      expiry:      {}", printable(&expiry.to_string()))?;
        }
        if let Some(f) = &b.original_filename {
            writeln!(s, "      filename:    {}", printable(f.as_str()))?;
        }
    }
    let csp = payload
        .csp_defined_parameters
        .as_ref()
        .and_then(|p| p.csp_defined_metadata.as_ref());
    let csp = match csp {
        None => "no".to_owned(),
        Some(m) => {
            let mut what = format!(
                "yes, schema {}",
                printable(m.schema_details.schema_identifier.as_str())
            );
            if m.schema_details.schema_content.is_some() {
                what.push_str(" (embedded)");
            }
            match &m.xml_data {
                Some(x) => {
                    let _ = write!(what, ", {} XML element(s)", x.any.len());
                }
                None => what.push_str(", no XML data"),
            }
            what
        }
    };
    writeln!(s, "  csp-defined data: {csp}")
}
