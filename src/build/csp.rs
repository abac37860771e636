//! CSP-defined information (TS 103 707 clause 5.6): `cspDefinedParameters` with
//! `schemaDetails` (Table 9) and `xmlData`.

use super::{BuildError, Collect};
use crate::error::{Error, Rule, ValueError};
use crate::schema::{etsi707, Any, NAMESPACES};
use crate::xml::RawElement;

const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// Builds `etsi707:cspDefinedParameters` > `cspDefinedMetadata`: the `schemaDetails` of the
/// CSP's schema (Table 9: `schemaIdentifier` required, `schemaURL` and `schemaContent`
/// optional) and the CSP-defined data as `xmlData`, elements of the CSP's own namespace.
///
/// CSP data generated with `li707-codegen` from the CSP's schema comes in through its XML:
/// `.xml_data_document(event.to_xml())` (or [`RawElement::from_xml`] yourself).
///
/// Errors name `schemaDetails/schemaIdentifier` (missing or invalid),
/// `schemaDetails/schemaURL` (not an `xs:anyURI`), `schemaDetails/schemaContent` (not an
/// element of the XML Schema namespace, or unreadable XML) and `xmlData` (an element without
/// namespace or in the TS 103 707 namespace, or unreadable XML).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CspParametersBuilder {
    schema_identifier: Option<String>,
    schema_url: Option<String>,
    schema_content: Option<Result<RawElement, Error>>,
    xml_data: Vec<Result<RawElement, Error>>,
}

impl CspParametersBuilder {
    /// An empty block (`schemaIdentifier` is required).
    pub fn new() -> CspParametersBuilder {
        CspParametersBuilder::default()
    }

    /// Sets `schemaIdentifier` (Table 9): the CSP's unique identifier of the schema; a changed
    /// schema gets a new identifier.
    pub fn schema_identifier(mut self, id: impl Into<String>) -> CspParametersBuilder {
        self.schema_identifier = Some(id.into());
        self
    }

    /// Sets `schemaURL` (Table 9): where the schema may be retrieved.
    pub fn schema_url(mut self, url: impl Into<String>) -> CspParametersBuilder {
        self.schema_url = Some(url.into());
        self
    }

    /// Sets `schemaContent` (Table 9): the schema itself, an `xs:schema` element.
    pub fn schema_content(mut self, schema: RawElement) -> CspParametersBuilder {
        self.schema_content = Some(Ok(schema));
        self
    }

    /// Sets `schemaContent` from the text of the XSD file (its root `xs:schema` element).
    pub fn schema_content_xml(mut self, xsd: &[u8]) -> CspParametersBuilder {
        self.schema_content = Some(RawElement::from_xml(xsd));
        self
    }

    /// Adds an element to `xmlData`.
    pub fn xml_data(mut self, element: RawElement) -> CspParametersBuilder {
        self.xml_data.push(Ok(element));
        self
    }

    /// Adds the root element of an XML document to `xmlData`.
    pub fn xml_data_xml(mut self, xml: &[u8]) -> CspParametersBuilder {
        self.xml_data.push(RawElement::from_xml(xml));
        self
    }

    /// Adds a document of another generated schema set (the CSP's, clause 5.6) to `xmlData`,
    /// given the result of its `to_xml()`: `.xml_data_document(event.to_xml())`. A writing
    /// error is reported by `build()`.
    pub fn xml_data_document(self, written: Result<Vec<u8>, Error>) -> CspParametersBuilder {
        match written {
            Ok(xml) => self.xml_data_xml(&xml),
            Err(e) => {
                let mut s = self;
                s.xml_data.push(Err(e));
                s
            }
        }
    }

    /// Builds the block, or returns every error.
    pub fn build(self) -> Result<etsi707::CspDefinedParameters, BuildError> {
        let mut c = Collect::new();
        let schema_identifier = c.required(
            "schemaDetails/schemaIdentifier",
            self.schema_identifier.as_deref().map(super::long_string),
        );
        let schema_url = self.schema_url.as_deref().and_then(|u| {
            c.value(
                "schemaDetails/schemaURL",
                crate::value::builtin::parse_any_uri(u),
            )
        });
        let schema_content = match self.schema_content {
            None => None,
            Some(Err(e)) => {
                c.xml("schemaDetails/schemaContent", e);
                None
            }
            Some(Ok(el)) if el.namespace.as_deref() != Some(XS_NS) => {
                c.invalid(
                    "schemaDetails/schemaContent",
                    ValueError::new(
                        "etsi707:CspSchemaContent",
                        Rule::Lexical("an element of namespace http://www.w3.org/2001/XMLSchema"),
                        &expanded_name(&el),
                    ),
                );
                None
            }
            Some(Ok(el)) => Some(etsi707::CspSchemaContent { any: Any::Raw(el) }),
        };
        let mut xml_data = Vec::with_capacity(self.xml_data.len());
        for el in self.xml_data {
            match el {
                Err(e) => c.xml("xmlData", e),
                Ok(el) if !xml_data_namespace_ok(&el) => c.invalid(
                    "xmlData",
                    ValueError::new(
                        "etsi707:CspDefinedXmlData",
                        Rule::Lexical(
                            "an element of a namespace other than http://uri.etsi.org/03707/2020/02",
                        ),
                        &expanded_name(&el),
                    ),
                ),
                Ok(el) => xml_data.push(Any::Raw(el)),
            }
        }
        let (true, Some(schema_identifier)) = (c.is_ok(), schema_identifier) else {
            return Err(c.into_error("schemaDetails/schemaIdentifier"));
        };
        Ok(etsi707::CspDefinedParameters {
            csp_defined_metadata: Some(etsi707::CspDefinedMetadata {
                schema_details: etsi707::SchemaDetails {
                    schema_identifier,
                    schema_url,
                    schema_content,
                },
                xml_data: if xml_data.is_empty() {
                    None
                } else {
                    Some(etsi707::CspDefinedXmlData { any: xml_data })
                },
            }),
        })
    }
}

/// `xmlData` is `##other`: a namespace, not the TS 103 707 one.
fn xml_data_namespace_ok(el: &RawElement) -> bool {
    let etsi707_ns = NAMESPACES
        .get(usize::from(crate::schema::ns::ETSI707).saturating_sub(1))
        .map(|n| n.uri);
    match el.namespace.as_deref() {
        None | Some("") => false,
        Some(ns) => Some(ns) != etsi707_ns,
    }
}

fn expanded_name(el: &RawElement) -> String {
    format!("{{{}}}{}", el.namespace.as_deref().unwrap_or(""), el.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &[u8] = br#"<csp:messageEvent xmlns:csp="urn:example:csp:1"><csp:eventType>messageSent</csp:eventType></csp:messageEvent>"#;
    const XSD: &[u8] = br#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:csp:1"/>"#;

    #[test]
    fn csp_parameters_name_missing_and_invalid_fields() {
        let e = CspParametersBuilder::new()
            .xml_data_xml(EVENT)
            .build()
            .expect_err("no identifier");
        assert_eq!(e.missing, ["schemaDetails/schemaIdentifier"]);

        let e = CspParametersBuilder::new()
            .schema_identifier("x".repeat(70_000))
            .schema_url("http://a b%")
            .schema_content_xml(EVENT)
            .xml_data_xml(b"<plain/>")
            .xml_data_xml(b"<x:a xmlns:x='http://uri.etsi.org/03707/2020/02'/>")
            .xml_data_xml(b"<broken>")
            .xml_data_document(Err(Error::new(crate::ErrorKind::Syntax("test".into()))))
            .build()
            .expect_err("invalid");
        let invalid: Vec<_> = e.invalid.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            invalid,
            [
                "schemaDetails/schemaIdentifier",
                "schemaDetails/schemaURL",
                "schemaDetails/schemaContent",
                "xmlData",
                "xmlData",
            ]
        );
        let xml: Vec<_> = e.xml.iter().map(|(f, _)| *f).collect();
        assert_eq!(xml, ["xmlData", "xmlData"]);
    }

    #[test]
    fn csp_parameters_build() {
        let p = CspParametersBuilder::new()
            .schema_identifier("urn:example:csp:1#v1")
            .schema_url("https://csp.example/schemas/csp-1.xsd")
            .schema_content_xml(XSD)
            .xml_data_document(Ok(EVENT.to_vec()))
            .build()
            .expect("valid");
        let m = p.csp_defined_metadata.expect("metadata");
        assert_eq!(
            m.schema_details.schema_identifier.as_str(),
            "urn:example:csp:1#v1"
        );
        assert!(m.schema_details.schema_content.is_some());
        assert_eq!(m.xml_data.map(|x| x.any.len()), Some(1));
        // Identifier only: no xmlData element at all.
        let p = CspParametersBuilder::new()
            .schema_identifier("urn:example:csp:1#v1")
            .build()
            .expect("valid");
        assert_eq!(p.csp_defined_metadata.and_then(|m| m.xml_data), None);
    }
}
