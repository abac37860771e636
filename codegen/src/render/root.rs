//! `mod.rs`: the namespace table, the modules, `Document` (one variant per global element) and
//! `from_xml`/`to_xml` on the types of global elements.

use super::names::*;
use crate::plan::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::HashSet;

/// The tokens of `mod.rs`.
pub fn render(plan: &Plan) -> TokenStream {
    let ns_entries = plan.namespaces.iter().map(|n| {
        let (uri, prefix) = (&n.uri, &n.prefix);
        quote!(li707::xml::Namespace { uri: #uri, prefix: #prefix })
    });
    let ns_consts = plan.namespaces.iter().enumerate().map(|(i, n)| {
        let k = format_ident!("{}", n.konst);
        let v = proc_macro2::Literal::u16_unsuffixed(i as u16 + 1);
        let text = format!(" `{}` (prefix `{}`).", n.uri, n.prefix);
        quote!(#[doc = #text] pub const #k: u16 = #v;)
    });
    let modules = plan
        .modules
        .iter()
        .filter(|m| !m.items.is_empty())
        .map(|m| {
            let id = ident(&m.ident);
            let file = format!("{}.rs", m.ident);
            let text = if m.uri.is_empty() {
                " Types of no namespace.".to_owned()
            } else {
                format!(" Types of namespace `{}`.", m.uri)
            };
            quote! {
                #[doc = #text]
                pub mod #id {
                    include!(#file);
                }
            }
        });
    let variants = plan.globals.iter().map(|g| {
        let v = ident(&g.variant);
        let t = value_type(plan, None, &g.value);
        let d = doc(&g.doc);
        quote!(#d #v(#t))
    });
    let reads = plan.globals.iter().map(|g| {
        let v = ident(&g.variant);
        let n = name(plan, &g.name, true);
        let read = match &g.value {
            ElemValue::Simple(st) => {
                let parse = simple_parse(plan, None, st);
                let declared = simple_declared(plan, st, true);
                quote!(r.simple(start, #declared, #parse)?)
            }
            ElemValue::Complex(item) => {
                let p = item_path(plan, None, item);
                quote!(#p::read_content(r, start)?)
            }
            ElemValue::AnyType => quote!(r.any_content(start)?),
            ElemValue::Nillable(_) => {
                let f = value_reader(plan, None, &g.value, None);
                quote!(r.element(start, #f)?)
            }
        };
        quote!(if start.is(&#n) {
            return Ok(Self::#v(#read));
        })
    });
    let checks = plan.globals.iter().map(|g| {
        let n = name(plan, &g.name, true);
        let check = match &g.value {
            ElemValue::Simple(st) => {
                let check = super::check::simple_check(plan, None, st);
                let declared = simple_declared(plan, st, true);
                quote!(r.check_simple(start, #declared, #check))
            }
            ElemValue::Complex(item) => {
                let p = item_path(plan, None, item);
                quote!(#p::check_content(r, start))
            }
            ElemValue::AnyType => quote!(r.check_any_content(start)),
            ElemValue::Nillable(_) => quote!(r.check_any_content(start)),
        };
        quote!(if start.is(&#n) {
            return #check;
        })
    });
    let writes = plan.globals.iter().map(|g| {
        let v = ident(&g.variant);
        let wr = value_writer(plan, &g.value, &g.name, &quote!(v), &quote!(v), true);
        quote!(Self::#v(v) => { #wr })
    });
    let has = plan.globals.iter().map(|g| {
        let ns = ns_const(plan, g.name.ns, true);
        let local = &g.name.local;
        quote!((#ns, #local))
    });
    let names = plan.globals.iter().map(|g| {
        let v = ident(&g.variant);
        let n = name(plan, &g.name, true);
        quote!(Self::#v(_) => #n,)
    });
    let mut seen = HashSet::new();
    let type_impls = plan.globals.iter().filter_map(|g| {
        let ElemValue::Complex(item) = &g.value else {
            return None;
        };
        if !seen.insert(item.clone()) {
            return None;
        }
        let p = item_path(plan, None, item);
        let v = ident(&g.variant);
        let n = name(plan, &g.name, true);
        let prefixed = format!(
            "{}:{}",
            plan.namespaces
                .get((g.name.ns as usize).wrapping_sub(1))
                .map_or("", |n| n.prefix.as_str()),
            g.name.local
        );
        let from_doc = format!(
            " Reads a document whose root is `{prefixed}`, validating it in the same pass."
        );
        let to_doc = format!(" Writes `self` as a document with root `{prefixed}`.");
        Some(quote! {
            impl #p {
                #[doc = #from_doc]
                #[allow(unreachable_patterns)]
                pub fn from_xml(input: &[u8]) -> Result<Self, li707::Error> {
                    match Document::from_xml(input)? {
                        Document::#v(v) => Ok(v),
                        other => Err(li707::Error::new(li707::ErrorKind::UnknownRoot(format!(
                            "{} (expected {})",
                            other.name().local,
                            #prefixed
                        )))),
                    }
                }

                #[doc = #to_doc]
                pub fn to_xml(&self) -> Result<Vec<u8>, li707::Error> {
                    let mut w = li707::xml::Writer::new(NAMESPACES);
                    w.element(&#n, |w| self.write_content(w))?;
                    w.finish()
                }
            }
        })
    });
    let empty = plan.globals.is_empty();
    let write_body = if empty {
        quote!(let _ = w; match *self {})
    } else {
        quote!(match self { #(#writes)* } Ok(()))
    };
    let name_body = if empty {
        quote!(match *self {})
    } else {
        quote!(match self { #(#names)* })
    };
    let has_body = if empty {
        quote!(let _ = (namespace, local); false)
    } else {
        quote!(matches!((namespace.0, local), #(#has)|*))
    };
    quote! {
        /// The namespaces of the schema set, numbered from 1 in this order, with the prefixes
        /// written for them.
        pub const NAMESPACES: &[li707::xml::Namespace] = &[#(#ns_entries),*];

        /// Namespace numbers, as `li707::xml::Name` uses them.
        pub mod ns {
            #(#ns_consts)*
        }

        #(#modules)*

        /// Wildcard content of this schema set: a global element read as its type, or raw XML.
        pub type Any = li707::xml::Any<Document>;

        /// A document of this schema set: one variant per global element.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Document {
            #(#variants,)*
        }

        impl Document {
            /// Reads and validates a document in one pass.
            pub fn from_xml(input: &[u8]) -> Result<Document, li707::Error> {
                Self::from_xml_with_limits(input, li707::xml::ReadLimits::default())
            }

            /// As [`Document::from_xml`], with explicit limits.
            pub fn from_xml_with_limits(input: &[u8], limits: li707::xml::ReadLimits) -> Result<Document, li707::Error> {
                let mut r = li707::xml::Reader::with_limits(input, NAMESPACES, limits)?;
                let start = r.root()?;
                let doc = r.element(start, Self::read_element)?;
                r.finish_document()?;
                Ok(doc)
            }

            fn read_element<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<Document, li707::Error> {
                #(#reads)*
                Err(r.unknown_root(&start))
            }

            /// Validates a document without building it and returns every error found, up to
            /// [`li707::DEFAULT_ERROR_LIMIT`], each with line:column, path and rule.
            pub fn validate_xml(input: &[u8]) -> li707::Report {
                Self::validate_xml_with(input, li707::xml::ReadLimits::default(), li707::DEFAULT_ERROR_LIMIT)
            }

            /// As [`Document::validate_xml`], with explicit limits and error limit.
            pub fn validate_xml_with(input: &[u8], limits: li707::xml::ReadLimits, max_errors: usize) -> li707::Report {
                let mut r = match li707::xml::Reader::validating(input, NAMESPACES, limits, max_errors) {
                    Ok(r) => r,
                    Err(e) => return li707::Report { errors: vec![e], truncated: false },
                };
                let result = r.root().and_then(|start| {
                    r.element(start, Self::check_element)?;
                    r.finish_document()
                });
                r.into_report(result)
            }

            fn check_element<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<(), li707::Error> {
                #(#checks)*
                let e = r.unknown_root(&start);
                r.reject_element(start, e)
            }

            /// Checks a typed document and returns every error: occurrence bounds, built-in
            /// lexical spaces and wildcard namespaces.
            pub fn validate(&self) -> li707::Report {
                li707::xml::Writer::validate(NAMESPACES, li707::DEFAULT_ERROR_LIMIT, |w| self.write_element(w))
            }

            /// Writes the document.
            pub fn to_xml(&self) -> Result<Vec<u8>, li707::Error> {
                let mut w = li707::xml::Writer::new(NAMESPACES);
                self.write_element(&mut w)?;
                w.finish()
            }

            fn write_element(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                #write_body
            }

            /// The name of the root element.
            pub fn name(&self) -> li707::xml::Name {
                #name_body
            }
        }

        impl li707::xml::GlobalElements for Document {
            fn has_global(namespace: li707::xml::NsId, local: &str) -> bool {
                #has_body
            }

            fn read_global<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<Self, li707::Error> {
                Self::read_element(r, start)
            }

            fn write_global(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                self.write_element(w)
            }

            fn element_ns(&self) -> li707::xml::NsId {
                self.name().ns
            }

            fn check_global<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<(), li707::Error> {
                Self::check_element(r, start)
            }
        }

        #(#type_impls)*
    }
}
