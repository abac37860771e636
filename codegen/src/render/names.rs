//! Tokens for names, paths and simple-type plumbing shared by the renderers.

use crate::model::Process;
use crate::plan::builtin::rust_builtin;
use crate::plan::{
    ElemValue, First, ItemRef, NameRef, NsConstraintPlan, Plan, SimpleTy, WildcardPlan,
};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// An identifier.
pub fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

/// A Rust path written as text (`li707::value::Integer`, `<A as B>::f`).
pub fn path(s: &str) -> TokenStream {
    s.parse()
        .unwrap_or_else(|_| quote!(compile_error!("invalid path")))
}

/// The namespace constant of `ns` (`super::ns::CORE`, or `0` for none).
pub fn ns_const(plan: &Plan, ns: u16, in_root: bool) -> TokenStream {
    if ns == 0 {
        return quote!(0);
    }
    let k = format_ident!("{}", plan.namespaces[ns as usize - 1].konst);
    if in_root {
        quote!(ns::#k)
    } else {
        quote!(super::ns::#k)
    }
}

/// `li707::xml::Name::new(NS, "local")`.
pub fn name(plan: &Plan, n: &NameRef, in_root: bool) -> TokenStream {
    let ns = ns_const(plan, n.ns, in_root);
    let local = &n.local;
    quote!(li707::xml::Name::new(#ns, #local))
}

/// The path of an item from module `cur` (`None` for `mod.rs`).
pub fn item_path(plan: &Plan, cur: Option<usize>, item: &ItemRef) -> TokenStream {
    let id = ident(&item.ident);
    if cur == Some(item.module) {
        quote!(#id)
    } else {
        let m = ident(&plan.modules[item.module].ident);
        if cur.is_some() {
            quote!(super::#m::#id)
        } else {
            quote!(#m::#id)
        }
    }
}

/// The Rust type of a simple type.
pub fn simple_type(plan: &Plan, cur: Option<usize>, st: &SimpleTy) -> TokenStream {
    match st {
        SimpleTy::Builtin(b) => path(rust_builtin(*b).map_or("String", |r| r.ty)),
        SimpleTy::Def(item, _) => item_path(plan, cur, item),
    }
}

/// A function `fn(&str) -> Result<T, ValueError>` parsing a simple type.
pub fn simple_parse(plan: &Plan, cur: Option<usize>, st: &SimpleTy) -> TokenStream {
    match st {
        SimpleTy::Builtin(b) => {
            path(rust_builtin(*b).map_or("li707::value::builtin::parse_string", |r| r.parse))
        }
        SimpleTy::Def(item, _) => {
            let p = item_path(plan, cur, item);
            quote!(<#p as li707::value::SimpleValue>::from_lexical)
        }
    }
}

/// An expression of type `Cow<str>` writing the simple value `v` (a reference). Built-in types
/// whose lexical space is narrower than their Rust type (`xs:nonNegativeInteger` as `Integer`,
/// `xs:NCName` as `String`, …) are checked first (`?` inside), so an invalid value is never
/// written.
pub fn simple_write(st: &SimpleTy, v: TokenStream) -> TokenStream {
    if let SimpleTy::Builtin(b) = st {
        if let Some(rb) = rust_builtin(*b).filter(|_| narrow(*b)) {
            use crate::model::Builtin::*;
            let parse = match b {
                String | AnySimpleType | NormalizedString | Token => {
                    path("li707::value::builtin::check_xml_text")
                }
                _ => path(rb.parse),
            };
            let text = simple_write_unchecked(st, v);
            return quote!(w.checked(#text, #parse)?);
        }
    }
    simple_write_unchecked(st, v)
}

/// Whether the Rust type of a built-in type holds values outside its lexical space.
pub fn narrow(b: crate::model::Builtin) -> bool {
    use crate::model::Builtin::*;
    matches!(
        b,
        NonNegativeInteger
            | PositiveInteger
            | NonPositiveInteger
            | NegativeInteger
            | String
            | AnySimpleType
            | NormalizedString
            | Token
            | AnyUri
            | Language
            | Name
            | NcName
            | NmToken
            | Id
            | IdRef
            | Entity
    )
}

/// As [`simple_write`] without the check (for `to_lexical`, which cannot fail).
pub fn simple_write_unchecked(st: &SimpleTy, v: TokenStream) -> TokenStream {
    match st {
        SimpleTy::Builtin(b) => match rust_builtin(*b).and_then(|r| r.write) {
            Some(w) => {
                let w = path(w);
                quote!(#w(#v))
            }
            None => quote!(li707::value::SimpleValue::to_lexical(#v)),
        },
        SimpleTy::Def(..) => quote!(li707::value::SimpleValue::to_lexical(#v)),
    }
}

/// `Some(&Name)` of a simple type's XSD name (for `xsi:type` checks), or `None`.
pub fn simple_declared(plan: &Plan, st: &SimpleTy, in_root: bool) -> TokenStream {
    match st {
        SimpleTy::Def(_, Some(n)) => {
            let n = name(plan, n, in_root);
            quote!(Some(&#n))
        }
        _ => quote!(None),
    }
}

/// The Rust type of an element value.
pub fn value_type(plan: &Plan, cur: Option<usize>, v: &ElemValue) -> TokenStream {
    match v {
        ElemValue::Simple(st) => simple_type(plan, cur, st),
        ElemValue::Complex(item) => item_path(plan, cur, item),
        ElemValue::AnyType => quote!(li707::xml::AnyContent),
        ElemValue::Nillable(inner) => {
            let t = value_type(plan, cur, inner);
            quote!(li707::xml::Nillable<#t>)
        }
    }
}

/// A reader function `(r, start) -> Result<T>` for an element value (with its fixed value, if
/// any).
pub fn value_reader(
    plan: &Plan,
    cur: Option<usize>,
    v: &ElemValue,
    fixed: Option<&str>,
) -> TokenStream {
    match v {
        ElemValue::Simple(st) => {
            let parse = simple_parse(plan, cur, st);
            let declared = simple_declared(plan, st, cur.is_none());
            match fixed {
                Some(f) => quote!(|r, s| r.simple_fixed(s, #declared, #parse, #f)),
                None => quote!(|r, s| r.simple(s, #declared, #parse)),
            }
        }
        ElemValue::Complex(item) => {
            let p = item_path(plan, cur, item);
            quote!(#p::read_content)
        }
        ElemValue::AnyType => quote!(|r, s| r.any_content(s)),
        ElemValue::Nillable(inner) => {
            let f = value_reader(plan, cur, inner, fixed);
            quote!(|r, s| r.nillable(s, #f))
        }
    }
}

/// A statement writing element `n` with a value: `r` is a reference to it, `recv` a receiver
/// expression for method calls.
pub fn value_writer(
    plan: &Plan,
    v: &ElemValue,
    n: &NameRef,
    r: &TokenStream,
    recv: &TokenStream,
    in_root: bool,
) -> TokenStream {
    let n_ref = n;
    let n = name(plan, n, in_root);
    match v {
        ElemValue::Simple(st) => {
            let text = simple_write(st, r.clone());
            quote!(w.simple(&#n, &#text);)
        }
        ElemValue::Complex(_) => quote!(w.element(&#n, |w| #recv.write_content(w))?;),
        ElemValue::AnyType => quote!(w.element(&#n, |w| #recv.write(w))?;),
        ElemValue::Nillable(inner) => {
            let v = quote!(v);
            let write = value_writer(plan, inner, n_ref, &v, &v, in_root);
            quote!(match #r {
                li707::xml::Nillable::Nil => w.nil_element(&#n),
                li707::xml::Nillable::Value(v) => { #write }
            })
        }
    }
}

/// A `li707::xml::Wildcard` constant expression.
pub fn wildcard(plan: &Plan, w: &WildcardPlan) -> TokenStream {
    let namespaces = ns_constraint(plan, w);
    let process = match w.process {
        Process::Strict => quote!(li707::xml::Process::Strict),
        Process::Lax => quote!(li707::xml::Process::Lax),
        Process::Skip => quote!(li707::xml::Process::Skip),
    };
    quote!(li707::xml::Wildcard { namespaces: #namespaces, process: #process })
}

/// A `li707::xml::NsConstraint` constant expression.
pub fn ns_constraint(plan: &Plan, w: &WildcardPlan) -> TokenStream {
    match &w.namespaces {
        NsConstraintPlan::Any => quote!(li707::xml::NsConstraint::Any),
        NsConstraintPlan::Other(t) => {
            let t = ns_const(plan, *t, false);
            quote!(li707::xml::NsConstraint::Other(li707::xml::NsId(#t)))
        }
        NsConstraintPlan::List(l) => {
            let l = l.iter().map(|n| ns_const(plan, *n, false));
            quote!(li707::xml::NsConstraint::List(&[#(li707::xml::NsId(#l)),*]))
        }
    }
}

/// A boolean expression (`Result<bool>` with `?`) true when the next child may start `first`.
pub fn first_check(plan: &Plan, first: &[First]) -> TokenStream {
    let names: Vec<TokenStream> = first
        .iter()
        .filter_map(|f| match f {
            First::Element(n) => Some(name(plan, n, false)),
            First::Any(_) => None,
        })
        .collect();
    let mut parts = Vec::new();
    if !names.is_empty() {
        parts.push(quote!(r.next_is_any(&[#(#names),*])?));
    }
    for f in first {
        if let First::Any(w) = f {
            let w = wildcard(plan, w);
            parts.push(quote!(r.next_matches(&#w)?));
        }
    }
    if parts.is_empty() {
        quote!(false)
    } else {
        quote!(#(#parts)||*)
    }
}

/// The element names of `first` (for "expected" messages).
pub fn first_names(plan: &Plan, first: &[First]) -> TokenStream {
    let names = first.iter().filter_map(|f| match f {
        First::Element(n) => Some(name(plan, n, false)),
        First::Any(_) => None,
    });
    quote!(&[#(#names),*])
}

/// Rustdoc attributes for a text.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = format!(" {}", l.trim());
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}
