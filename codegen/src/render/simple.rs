//! Simple types: checked newtypes, enumerations, lists and unions.

use super::names::*;
use crate::model::{Builtin, WhiteSpace};
use crate::plan::builtin::{is_eq, rust_builtin};
use crate::plan::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn ws_tokens(ws: WhiteSpace) -> TokenStream {
    match ws {
        WhiteSpace::Preserve => quote!(li707::value::WhiteSpace::Preserve),
        WhiteSpace::Replace => quote!(li707::value::WhiteSpace::Replace),
        WhiteSpace::Collapse => quote!(li707::value::WhiteSpace::Collapse),
    }
}

/// A simple type item.
pub fn simple_item(s: &SimplePlan, cur: usize, plan: &Plan) -> TokenStream {
    match &s.kind {
        SimpleKind::Restricted {
            builtin,
            white_space,
            steps,
        } => restricted(s, *builtin, *white_space, steps),
        SimpleKind::Enumeration {
            white_space,
            values,
        } => enumeration(s, *white_space, values),
        SimpleKind::List { item } => list(s, item, cur, plan),
        SimpleKind::Union { members } => union(s, members, cur, plan),
    }
}

fn common_impls(id: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl std::fmt::Display for #id {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&li707::value::SimpleValue::to_lexical(self))
            }
        }

        impl std::str::FromStr for #id {
            type Err = li707::ValueError;
            fn from_str(s: &str) -> Result<Self, li707::ValueError> {
                <Self as li707::value::SimpleValue>::from_lexical(s)
            }
        }
    }
}

fn restricted(
    s: &SimplePlan,
    builtin: Builtin,
    ws: WhiteSpace,
    steps: &[FacetStep],
) -> TokenStream {
    let id = ident(&s.ident);
    let d = doc(&s.doc);
    let xsd = &s.xsd_name;
    let Some(rb) = rust_builtin(builtin) else {
        return quote!(compile_error!("unsupported built-in type"););
    };
    let repr = path(rb.ty);
    let parse = path(rb.parse);
    let ws_t = ws_tokens(ws);
    let mut statics = Vec::new();
    let mut checks = Vec::new();
    for (si, step) in steps.iter().enumerate() {
        let name = &step.xsd_name;
        let f = &step.facets;
        if !f.patterns.is_empty() {
            let mut refs = Vec::new();
            for (pi, p) in f.patterns.iter().enumerate() {
                let st = format_ident!("PATTERN_{}_{}", si, pi);
                let (rust, x) = (&p.rust, &p.xsd);
                statics.push(quote!(static #st: li707::value::facet::Pattern = li707::value::facet::Pattern::new(#rust, #x);));
                refs.push(quote!(&#st));
            }
            checks.push(quote!(li707::value::facet::patterns(#name, lexical, &[#(#refs),*])?;));
        }
        if f.length.is_some() || f.min_length.is_some() || f.max_length.is_some() {
            let opt = |v: Option<u64>| match v {
                Some(n) => {
                    let n = proc_macro2::Literal::u64_unsuffixed(n);
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            let (e, mi, ma) = (opt(f.length), opt(f.min_length), opt(f.max_length));
            let len = if rb.binary {
                quote!(value.0.len() as u64)
            } else {
                quote!(li707::value::facet::char_len(lexical))
            };
            checks.push(quote!(li707::value::facet::length(#name, lexical, #len, #e, #mi, #ma)?;));
        }
        let bounds = [
            &f.min_inclusive,
            &f.max_inclusive,
            &f.min_exclusive,
            &f.max_exclusive,
        ];
        if bounds.iter().any(|b| b.is_some()) {
            let o = |v: &Option<String>| match v {
                Some(s) => quote!(Some(#s)),
                None => quote!(None),
            };
            let (a, b, c, e) = (o(bounds[0]), o(bounds[1]), o(bounds[2]), o(bounds[3]));
            checks.push(quote!(li707::value::facet::range(#name, lexical, &li707::value::facet::RangeFacets {
                min_inclusive: #a,
                max_inclusive: #b,
                min_exclusive: #c,
                max_exclusive: #e,
            })?;));
        }
        if f.total_digits.is_some() || f.fraction_digits.is_some() {
            let o = |v: Option<u32>| match v {
                Some(n) => {
                    let n = proc_macro2::Literal::u32_unsuffixed(n);
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            let (t, fr) = (o(f.total_digits), o(f.fraction_digits));
            checks.push(quote!(li707::value::facet::digits(#name, lexical, #t, #fr)?;));
        }
    }
    let lexical = if rb.is_string {
        quote!(let lexical: &str = value;)
    } else {
        let w = simple_write_unchecked(&SimpleTy::Builtin(builtin), quote!(value));
        quote!(let lexical = #w; let lexical: &str = &lexical;)
    };
    let check_param = if rb.is_string {
        quote!(&str)
    } else {
        quote!(&#repr)
    };
    let uses_lexical = !checks.is_empty();
    // Facet checks work on the lexical form, except length facets of binary types, which
    // count decoded bytes: those types check the value.
    let (check_body, facets_fn) = if rb.binary {
        let lexical = if uses_lexical {
            lexical
        } else {
            quote!(let _ = value;)
        };
        (quote!(#(#statics)* #lexical #(#checks)* Ok(())), quote!())
    } else {
        let body = if uses_lexical {
            quote!(#(#statics)* #(#checks)* Ok(()))
        } else {
            quote!(let _ = lexical; Ok(()))
        };
        let call = if uses_lexical {
            quote!(#lexical Self::check_facets(lexical))
        } else {
            quote!(let _ = value; Ok(()))
        };
        let facets_fn = uses_lexical.then(|| {
            quote! {
                /// Checks the facets of every derivation step on a lexical value.
                fn check_facets(lexical: &str) -> Result<(), li707::ValueError> {
                    #body
                }
            }
        });
        (call, quote!(#facets_fn))
    };
    let then_facets = if uses_lexical && !rb.binary {
        quote!(Self::check_facets(&v))
    } else {
        quote!(let _ = v; Ok(()))
    };
    let plain_string = matches!(
        builtin,
        Builtin::String | Builtin::AnySimpleType | Builtin::NormalizedString | Builtin::Token
    );
    let lexical_repr = matches!(
        builtin,
        Builtin::DateTime
            | Builtin::Date
            | Builtin::Time
            | Builtin::Duration
            | Builtin::GYear
            | Builtin::GYearMonth
            | Builtin::GMonth
            | Builtin::GMonthDay
            | Builtin::GDay
            | Builtin::Decimal
            | Builtin::Integer
    );
    let builtin_ws = ws_tokens(rb.white_space);
    let second_ws = (ws != rb.white_space).then(|| quote!(let v = #ws_t.apply(&v);));
    let check_lexical_body = if plain_string {
        quote! {
            let v = #builtin_ws.apply(text);
            li707::value::builtin::check_xml_text(&v)?;
            #second_ws
            #then_facets
        }
    } else if lexical_repr {
        quote! {
            let v = li707::value::WhiteSpace::Collapse.apply(text);
            #repr::check_lexical(&v)?;
            #then_facets
        }
    } else {
        quote!(<Self as li707::value::SimpleValue>::from_lexical(text).map(|_| ()))
    };
    let derive = if is_eq(builtin) {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let (ctor, access, to_lex, from_lex) = if rb.is_string {
        (
            quote! {
                /// Builds the value: white space is processed as the type says, then every facet
                /// of every derivation step is checked.
                pub fn new(value: impl Into<String>) -> Result<Self, li707::ValueError> {
                    let value: String = value.into();
                    let value = match #ws_t.apply(&value) {
                        std::borrow::Cow::Borrowed(_) => value,
                        std::borrow::Cow::Owned(v) => v,
                    };
                    Self::check(&value)?;
                    Ok(Self(value))
                }
            },
            quote! {
                /// The value.
                pub fn as_str(&self) -> &str {
                    &self.0
                }

                /// The value, consuming `self`.
                pub fn into_inner(self) -> String {
                    self.0
                }
            },
            quote!(std::borrow::Cow::Borrowed(&self.0)),
            quote!(Self::new(#parse(text)?)),
        )
    } else {
        let write = simple_write_unchecked(&SimpleTy::Builtin(builtin), quote!(&self.0));
        (
            quote! {
                /// Builds the value, checking every facet of every derivation step.
                pub fn new(value: #repr) -> Result<Self, li707::ValueError> {
                    Self::check(&value)?;
                    Ok(Self(value))
                }
            },
            quote! {
                /// The value.
                pub fn get(&self) -> &#repr {
                    &self.0
                }

                /// The value, consuming `self`.
                pub fn into_inner(self) -> #repr {
                    self.0
                }
            },
            write,
            quote!(Self::new(#parse(&#ws_t.apply(text))?)),
        )
    };
    let as_ref = rb.is_string.then(|| {
        quote! {
            impl AsRef<str> for #id {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }
        }
    });
    let common = common_impls(&id);
    quote! {
        #d
        #derive
        pub struct #id(#repr);

        impl #id {
            /// The XSD name of the type.
            pub const XSD_NAME: &'static str = #xsd;

            #ctor
            #access

            /// Checks every facet of the type's derivation chain.
            pub fn check(value: #check_param) -> Result<(), li707::ValueError> {
                #check_body
            }

            #facets_fn

            /// Checks a lexical value as it stands in a document (white space not yet
            /// processed) without building a value: what validation uses.
            pub fn check_lexical(text: &str) -> Result<(), li707::ValueError> {
                #check_lexical_body
            }
        }

        impl li707::value::SimpleValue for #id {
            fn from_lexical(text: &str) -> Result<Self, li707::ValueError> {
                #from_lex
            }

            fn to_lexical(&self) -> std::borrow::Cow<'_, str> {
                #to_lex
            }
        }

        #as_ref
        #common
    }
}

fn enumeration(
    s: &SimplePlan,
    ws: WhiteSpace,
    values: &[(String, String, Option<String>)],
) -> TokenStream {
    let id = ident(&s.ident);
    let d = doc(&s.doc);
    let xsd = &s.xsd_name;
    let ws_t = ws_tokens(ws);
    let variants = values.iter().map(|(v, value, vdoc)| {
        let vid = ident(v);
        let text = vdoc.clone().unwrap_or_else(|| format!("`{value}`"));
        let d = doc(&text);
        quote!(#d #vid)
    });
    let strs = values.iter().map(|(_, value, _)| quote!(#value));
    let to = values.iter().map(|(v, value, _)| {
        let vid = ident(v);
        quote!(Self::#vid => #value,)
    });
    let from = values.iter().map(|(v, value, _)| {
        let vid = ident(v);
        quote!(#value => Ok(Self::#vid),)
    });
    let common = common_impls(&id);
    quote! {
        #d
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #id {
            #(#variants,)*
        }

        impl #id {
            /// The XSD name of the type.
            pub const XSD_NAME: &'static str = #xsd;
            /// The allowed values (`xs:enumeration`).
            pub const VALUES: &'static [&'static str] = &[#(#strs),*];

            /// Checks a lexical value without building a value.
            pub fn check_lexical(text: &str) -> Result<(), li707::ValueError> {
                <Self as li707::value::SimpleValue>::from_lexical(text).map(|_| ())
            }

            /// The value as written in documents.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #(#to)*
                }
            }
        }

        impl li707::value::SimpleValue for #id {
            fn from_lexical(text: &str) -> Result<Self, li707::ValueError> {
                match #ws_t.apply(text).as_ref() {
                    #(#from)*
                    _ => Err(li707::ValueError::new(
                        #xsd,
                        li707::Rule::Enumeration(Self::VALUES),
                        text,
                    )),
                }
            }

            fn to_lexical(&self) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        #common
    }
}

fn list(s: &SimplePlan, item: &SimpleTy, cur: usize, plan: &Plan) -> TokenStream {
    let id = ident(&s.ident);
    let d = doc(&s.doc);
    let t = simple_type(plan, Some(cur), item);
    let parse = simple_parse(plan, Some(cur), item);
    let write = simple_write_unchecked(item, quote!(v));
    let common = common_impls(&id);
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        pub struct #id(Vec<#t>);

        impl #id {
            /// A list of items.
            pub fn new(items: Vec<#t>) -> Self {
                Self(items)
            }

            /// The items.
            pub fn items(&self) -> &[#t] {
                &self.0
            }

            /// Checks a lexical value without building a value.
            pub fn check_lexical(text: &str) -> Result<(), li707::ValueError> {
                <Self as li707::value::SimpleValue>::from_lexical(text).map(|_| ())
            }
        }

        impl li707::value::SimpleValue for #id {
            fn from_lexical(text: &str) -> Result<Self, li707::ValueError> {
                text.split_ascii_whitespace()
                    .map(#parse)
                    .collect::<Result<Vec<_>, _>>()
                    .map(Self)
            }

            fn to_lexical(&self) -> std::borrow::Cow<'_, str> {
                let items: Vec<String> = self.0.iter().map(|v| #write.into_owned()).collect();
                std::borrow::Cow::Owned(items.join(" "))
            }
        }

        #common
    }
}

fn union(s: &SimplePlan, members: &[(String, SimpleTy)], cur: usize, plan: &Plan) -> TokenStream {
    let id = ident(&s.ident);
    let d = doc(&s.doc);
    let xsd = &s.xsd_name;
    let variants = members.iter().map(|(v, st)| {
        let vid = ident(v);
        let t = simple_type(plan, Some(cur), st);
        let text = format!(" Member type `{v}`.");
        quote!(#[doc = #text] #vid(#t))
    });
    let tries = members.iter().map(|(v, st)| {
        let vid = ident(v);
        let parse = simple_parse(plan, Some(cur), st);
        quote!(if let Ok(v) = #parse(text) {
            return Ok(Self::#vid(v));
        })
    });
    let writes = members.iter().map(|(v, st)| {
        let vid = ident(v);
        let w = simple_write_unchecked(st, quote!(v));
        quote!(Self::#vid(v) => #w,)
    });
    let common = common_impls(&id);
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        pub enum #id {
            #(#variants,)*
        }

        impl #id {
            /// Checks a lexical value without building a value.
            pub fn check_lexical(text: &str) -> Result<(), li707::ValueError> {
                <Self as li707::value::SimpleValue>::from_lexical(text).map(|_| ())
            }
        }

        impl li707::value::SimpleValue for #id {
            fn from_lexical(text: &str) -> Result<Self, li707::ValueError> {
                #(#tries)*
                Err(li707::ValueError::new(#xsd, li707::Rule::Union, text))
            }

            fn to_lexical(&self) -> std::borrow::Cow<'_, str> {
                match self {
                    #(#writes)*
                }
            }
        }

        #common
    }
}
