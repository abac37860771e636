//! Validators: `check_content` (and `check_choice`, `check_group`) functions that walk the same
//! content models as the readers without building values, and `validate()` on typed values.

use super::names::*;
use crate::plan::*;
use proc_macro2::TokenStream;
use quote::quote;

fn bounds(min: u32, max: Option<u32>) -> (TokenStream, TokenStream) {
    let lit = proc_macro2::Literal::u32_unsuffixed;
    let min_t = lit(min);
    let max_t = match max {
        Some(m) => {
            let m = lit(m);
            quote!(Some(#m))
        }
        None => quote!(None),
    };
    (quote!(#min_t), max_t)
}

/// A function checking a lexical value without building it.
pub fn simple_check(plan: &Plan, cur: Option<usize>, st: &SimpleTy) -> TokenStream {
    match st {
        SimpleTy::Builtin(crate::model::Builtin::String | crate::model::Builtin::AnySimpleType) => {
            quote!(li707::value::builtin::check_xml_text)
        }
        SimpleTy::Builtin(_) => {
            let parse = simple_parse(plan, cur, st);
            quote!(|t: &str| #parse(t).map(|_| ()))
        }
        SimpleTy::Def(item, _) => {
            let p = item_path(plan, cur, item);
            quote!(#p::check_lexical)
        }
    }
}

/// A checker function `(r, start) -> Result<()>` for an element value.
fn value_checker(
    plan: &Plan,
    cur: Option<usize>,
    v: &ElemValue,
    fixed: Option<&str>,
) -> TokenStream {
    match v {
        ElemValue::Simple(st) => {
            let declared = simple_declared(plan, st, cur.is_none());
            match fixed {
                Some(f) => {
                    let parse = simple_parse(plan, cur, st);
                    quote!(|r, s| r.check_simple_fixed(s, #declared, #parse, #f))
                }
                None => {
                    let check = simple_check(plan, cur, st);
                    quote!(|r, s| r.check_simple(s, #declared, #check))
                }
            }
        }
        ElemValue::Complex(item) => {
            let p = item_path(plan, cur, item);
            quote!(#p::check_content)
        }
        ElemValue::AnyType => quote!(|r, s| r.check_any_content(s)),
        ElemValue::Nillable(inner) => {
            let f = value_checker(plan, cur, inner, fixed);
            quote!(|r, s| r.check_nillable(s, #f))
        }
    }
}

/// Statements checking a field or variant.
fn kind_check(plan: &Plan, cur: usize, kind: &FieldKind, occurs: Occurs) -> TokenStream {
    match kind {
        FieldKind::Element {
            name: n,
            value,
            fixed,
        } => {
            let n = name(plan, n, false);
            let f = value_checker(plan, Some(cur), value, fixed.as_deref());
            match occurs {
                Occurs::One => quote!(r.check_required(&#n, #f)?;),
                Occurs::Optional => quote!(r.check_optional(&#n, #f)?;),
                Occurs::Many { min, max } => {
                    let (min, max) = bounds(min, max);
                    quote!(r.check_repeated(&#n, #min, #max, #f)?;)
                }
            }
        }
        FieldKind::Group {
            item,
            is_choice,
            first,
        } => {
            let p = item_path(plan, Some(cur), item);
            let method = if *is_choice {
                quote!(check_choice)
            } else {
                quote!(check_group)
            };
            let names = first_names(plan, first);
            match occurs {
                Occurs::One => quote! {
                    if !#p::#method(r)? {
                        let e = r.expected(#names);
                        r.content_error(e)?;
                    }
                },
                Occurs::Optional => quote!(#p::#method(r)?;),
                Occurs::Many { min, max } => {
                    let (min, max) = bounds(min, max);
                    let what = if *is_choice {
                        "xs:choice"
                    } else {
                        "xs:sequence"
                    };
                    quote!(r.check_repeat_group(#what, #min, #max, #p::#method)?;)
                }
            }
        }
        FieldKind::Any(w) => {
            let w = wildcard(plan, w);
            let (min, max) = match occurs {
                Occurs::One => (1, Some(1)),
                Occurs::Optional => (0, Some(1)),
                Occurs::Many { min, max } => (min, max),
            };
            let (min, max) = bounds(min, max);
            quote!(r.check_any_repeated::<super::Document>(&#w, #min, #max)?;)
        }
    }
}

fn fields_check(plan: &Plan, cur: usize, fields: &[FieldPlan]) -> TokenStream {
    let checks = fields
        .iter()
        .map(|f| kind_check(plan, cur, &f.kind, f.occurs));
    quote!(#(#checks)*)
}

fn all_check(plan: &Plan, cur: usize, fields: &[FieldPlan]) -> TokenStream {
    let flags: Vec<_> = fields
        .iter()
        .map(|f| ident(&format!("seen_{}", f.ident.trim_end_matches('_'))))
        .collect();
    let arms = fields.iter().zip(&flags).filter_map(|(f, flag)| {
        let FieldKind::Element {
            name: n,
            value,
            fixed,
        } = &f.kind
        else {
            return None;
        };
        let n = name(plan, n, false);
        let checker = value_checker(plan, Some(cur), value, fixed.as_deref());
        Some(quote!(if !#flag && r.next_is(&#n)? {
            #flag = true;
            r.child(#checker)?;
            continue;
        }))
    });
    let missing = fields.iter().zip(&flags).filter_map(|(f, flag)| {
        let FieldKind::Element { name: n, .. } = &f.kind else {
            return None;
        };
        (f.occurs == Occurs::One).then(|| {
            let n = name(plan, n, false);
            quote!(if !#flag {
                let e = r.expected(&[#n]);
                r.content_error(e)?;
            })
        })
    });
    quote! {
        #(let mut #flags = false;)*
        loop {
            #(#arms)*
            break;
        }
        #(#missing)*
    }
}

fn attr_check(plan: &Plan, cur: usize, s: &StructPlan) -> TokenStream {
    let declared = match &s.type_name {
        Some(n) => {
            let n = name(plan, n, false);
            quote!(Some(&#n))
        }
        None => quote!(None),
    };
    let flags: Vec<_> = s
        .attributes
        .iter()
        .map(|a| ident(&format!("seen_{}", a.ident.trim_end_matches('_'))))
        .collect();
    let arms = s.attributes.iter().zip(&flags).map(|(a, flag)| {
        let ns = ns_const(plan, a.name.ns, false);
        let local = &a.name.local;
        let parse = simple_parse(plan, Some(cur), &a.value);
        let parsed = match &a.fixed {
            Some(f) => quote! {
                let v = #parse(&value)?;
                li707::xml::check_fixed(&v, &value, #f, #parse)?;
            },
            None => quote!(#parse(&value)?;),
        };
        quote!((#ns, #local) => {
            #flag = true;
            #parsed
            Ok(true)
        })
    });
    let required = s
        .attributes
        .iter()
        .zip(&flags)
        .filter(|(a, _)| a.required)
        .map(|(a, flag)| {
            let local = &a.name.local;
            quote!(if !#flag {
                let e = r.missing_attribute(&start, #local);
                r.record(e)?;
            })
        });
    let body = if s.attributes.is_empty() {
        quote!(|_, _, _| Ok(false))
    } else {
        quote!(|ns, local, value| match (ns.0, local) {
            #(#arms)*
            _ => Ok(false),
        })
    };
    let call = match &s.any_attribute {
        Some(w) => {
            let c = ns_constraint(plan, w);
            quote! {
                let mut other_attributes = Vec::new();
                r.attributes_with_any(&start, #declared, &#c, &mut other_attributes, #body)?;
            }
        }
        None => quote!(r.attributes(&start, #declared, #body)?;),
    };
    quote! {
        #(let mut #flags = false;)*
        #call
        #(#required)*
    }
}

fn validate_method(write: TokenStream) -> TokenStream {
    quote! {
        /// Checks the value against its schema type and returns every error: occurrence
        /// bounds, built-in lexical spaces and wildcard namespaces (simple types hold their
        /// facets by construction).
        pub fn validate(&self) -> li707::Report {
            li707::xml::Writer::validate(super::NAMESPACES, li707::DEFAULT_ERROR_LIMIT, |w| #write)
        }
    }
}

/// The check functions of a struct.
pub fn struct_check(plan: &Plan, cur: usize, s: &StructPlan) -> TokenStream {
    let content = match &s.content {
        StructContent::Empty | StructContent::AnyType => quote!(),
        StructContent::Simple(st) => {
            let parse = simple_parse(plan, Some(cur), st);
            quote!(r.check_text(offset, #parse)?;)
        }
        StructContent::Sequence(fields) => fields_check(plan, cur, fields),
        StructContent::All(fields) => all_check(plan, cur, fields),
    };
    if let Some(first) = &s.group {
        let check = first_check(plan, first);
        return quote! {
            /// Validates the group when the next element starts it (returns whether it did).
            pub fn check_group<'a>(r: &mut li707::xml::Reader<'a>) -> Result<bool, li707::Error> {
                if !(#check) {
                    return Ok(false);
                }
                #content
                Ok(true)
            }
        };
    }
    let validate = validate_method(quote!(self.write_content(w)));
    if matches!(s.content, StructContent::AnyType) {
        return quote! {
            /// Validates an element of this type (its start tag taken) without building it.
            pub fn check_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<(), li707::Error> {
                r.check_any_content(start)
            }

            #validate
        };
    }
    let attrs = attr_check(plan, cur, s);
    let (offset, end) = match s.content {
        StructContent::Simple(_) => (quote!(let offset = start.offset();), quote!()),
        _ => (quote!(), quote!(r.check_end()?;)),
    };
    quote! {
        /// Validates an element of this type (its start tag taken) without building it,
        /// through its end tag; in validation mode every error is recorded.
        pub fn check_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<(), li707::Error> {
            #offset
            #attrs
            #content
            #end
            Ok(())
        }

        #validate
    }
}

/// The check functions of a choice enum.
pub fn choice_check(plan: &Plan, cur: usize, c: &ChoicePlan) -> TokenStream {
    let branches = c.variants.iter().map(|v| {
        let check = first_check(plan, &v.first);
        let body = kind_check(plan, cur, &v.kind, v.occurs);
        quote!(if #check {
            #body
            return Ok(true);
        })
    });
    let all_first: Vec<First> = c.variants.iter().flat_map(|v| v.first.clone()).collect();
    let names = first_names(plan, &all_first);
    let whole = c.whole_type.as_ref().map(|(type_name, _)| {
        let declared = match type_name {
            Some(n) => {
                let n = name(plan, n, false);
                quote!(Some(&#n))
            }
            None => quote!(None),
        };
        let validate = validate_method(quote!(self.write_content(w)));
        quote! {
            /// Validates an element of this type (its start tag taken) without building it.
            pub fn check_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<(), li707::Error> {
                r.attributes(&start, #declared, |_, _, _| Ok(false))?;
                if !Self::check_choice(r)? {
                    let e = r.expected(#names);
                    r.content_error(e)?;
                }
                r.check_end()
            }

            #validate
        }
    });
    let validate = if c.whole_type.is_none() {
        validate_method(quote!(self.write_choice(w)))
    } else {
        quote!()
    };
    quote! {
        /// Validates the alternative the next element starts (returns whether one did).
        pub fn check_choice<'a>(r: &mut li707::xml::Reader<'a>) -> Result<bool, li707::Error> {
            #(#branches)*
            Ok(false)
        }

        #whole
        #validate
    }
}

/// The check functions of a family enum.
pub fn family_check(plan: &Plan, cur: usize, f: &FamilyPlan) -> TokenStream {
    let xsd = &f.xsd_name;
    let absent = if f.is_abstract || f.variants.is_empty() {
        quote!({
            let e = r.abstract_type(&start, #xsd);
            r.reject_element(start, e)
        })
    } else {
        let p = item_path(plan, Some(cur), &f.variants[0].item);
        quote!(#p::check_content(r, start))
    };
    let arms = f.variants.iter().map(|v| {
        let p = item_path(plan, Some(cur), &v.item);
        let ns = ns_const(plan, v.type_name.ns, false);
        let local = &v.type_name.local;
        quote!((#ns, #local) => #p::check_content(r, start),)
    });
    let unknown = quote!({
        let e = r.unknown_xsi_type(&start, &ty, #xsd);
        r.reject_element(start, e)
    });
    let abstract_arm = f.is_abstract.then(|| {
        let ns = ns_const(plan, f.type_name.ns, false);
        let local = &f.type_name.local;
        quote!((#ns, #local) => {
            let e = r.abstract_type(&start, #xsd);
            r.reject_element(start, e)
        })
    });
    let dispatch = if f.variants.is_empty() && !f.is_abstract {
        unknown
    } else {
        quote!(match (ty.0 .0, ty.1.as_str()) {
            #(#arms)*
            #abstract_arm
            _ => #unknown,
        })
    };
    let validate = validate_method(quote!(self.write_content(w)));
    quote! {
        /// Validates an element declared with this type (its start tag taken) without
        /// building it: `xsi:type` selects the type checked.
        pub fn check_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<(), li707::Error> {
            match r.xsi_type(&start)? {
                None => #absent,
                Some(ty) => #dispatch,
            }
        }

        #validate
    }
}
