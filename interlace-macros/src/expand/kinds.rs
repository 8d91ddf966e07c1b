//! The assertions that a field's type is of the JSON kind the contract gives
//! the field, for endpoints and for models.
//!
//! Each is spanned at the type, so a mismatch is reported there, and names
//! the check without calling it, so it costs nothing at run time:
//!
//! - one kind: `let _ = P::contract::string::<T, Op>;`
//! - several: a closure that is never called, holding the probe of
//!   `P::contract::one_of` (see there for how it works):
//!   `let _ = || { #[allow(unused_imports)] use P::contract::one_of::{Fallback as _, String2 as _,
//!   Integer1 as _}; P::contract::one_of::allows::<T, Op, (kinds…), _>(
//!   (&&P::contract::one_of::Probe::<T, Op>::NEW).kind()); };`

use proc_macro2::{Delimiter, Ident, TokenStream};
use quote::ToTokens;

use super::tokens::{At, group};
use crate::model::KindCheck;

/// Appends the assertion for `ty` of `op`, with `private` the path of the
/// facade's private module (`["__p"]`, or `["", "interlace", "__private"]`).
pub fn assert(
    out: &mut TokenStream,
    private: &[&str],
    ty: &syn::Type,
    op: &Ident,
    check: &KindCheck,
) {
    let evident = match check {
        KindCheck::One(kind) => evidently(ty, kind),
        KindCheck::AnyOf(kinds) => kinds.iter().any(|kind| evidently(ty, kind)),
        // A string or a number is no model: its kind check says so
        // already, and once is enough.
        KindCheck::Model(_) => ["string", "number", "boolean"]
            .iter()
            .any(|kind| evidently(ty, kind)),
    };
    if evident {
        return;
    }
    if let KindCheck::Model(name) = check {
        return model(out, private, ty, op, name);
    }
    let at = At(syn::spanned::Spanned::span(ty));
    at.ident(out, "let");
    at.ident(out, "_");
    at.punct(out, '=');
    let path = |out: &mut TokenStream, tail: &[&str]| {
        let mut segments = private.to_vec();
        segments.push("contract");
        segments.extend_from_slice(tail);
        at.path(out, &segments);
    };
    // `<T, Op>` or `<T, Op, …>` after a turbofish.
    let generics = |out: &mut TokenStream, more: &dyn Fn(&mut TokenStream)| {
        at.path(out, &["", ""]);
        at.punct(out, '<');
        ty.to_tokens(out);
        at.punct(out, ',');
        op.to_tokens(out);
        more(out);
        at.punct(out, '>');
    };
    match check {
        KindCheck::One(check) => {
            path(out, &[check]);
            generics(out, &|_| {});
        }
        KindCheck::Model(_) => unreachable!("asserted by `model` above"),
        KindCheck::AnyOf(kinds) => {
            at.punct(out, '|');
            at.punct(out, '|');
            group(out, Delimiter::Brace, |out| {
                // Only the trait that answers is used; the others are asked.
                at.punct(out, '#');
                group(out, Delimiter::Bracket, |out| {
                    at.ident(out, "allow");
                    group(out, Delimiter::Parenthesis, |out| {
                        at.ident(out, "unused_imports")
                    });
                });
                at.ident(out, "use");
                path(out, &["one_of", ""]);
                group(out, Delimiter::Brace, |out| {
                    let depths = (1..=kinds.len()).rev();
                    let traits = kinds.iter().zip(depths).map(|(kind, depth)| {
                        let mut name = kind.to_string();
                        name[..1].make_ascii_uppercase();
                        format!("{name}{depth}")
                    });
                    for name in std::iter::once("Fallback".to_string()).chain(traits) {
                        at.ident(out, &name);
                        at.ident(out, "as");
                        at.ident(out, "_");
                        at.punct(out, ',');
                    }
                });
                at.punct(out, ';');
                path(out, &["one_of", "allows"]);
                generics(out, &|out| {
                    at.punct(out, ',');
                    group(out, Delimiter::Parenthesis, |out| {
                        for kind in kinds {
                            path(out, &["one_of", "kinds", kind]);
                            at.punct(out, ',');
                        }
                    });
                    at.punct(out, ',');
                    at.ident(out, "_");
                });
                group(out, Delimiter::Parenthesis, |out| {
                    group(out, Delimiter::Parenthesis, |out| {
                        for _ in kinds {
                            at.punct(out, '&');
                        }
                        path(out, &["one_of", "Probe"]);
                        generics(out, &|_| {});
                        at.path(out, &["", "NEW"]);
                    });
                    at.punct(out, '.');
                    at.ident(out, "kind");
                    group(out, Delimiter::Parenthesis, |_| {});
                });
                at.punct(out, ';');
            });
        }
    }
    at.punct(out, ';');
}

/// `const _: () = assert!(P::contract::models(<T as P::contract::Models<Op>>::SCHEMA, "Name"), "…");`:
/// the type models a schema (the bound's message says so when it does not),
/// and it is the contract's for this field.
fn model(out: &mut TokenStream, private: &[&str], ty: &syn::Type, op: &Ident, name: &str) {
    let at = At(syn::spanned::Spanned::span(ty));
    let mut contract = TokenStream::new();
    let mut segments = private.to_vec();
    segments.push("contract");
    at.path(&mut contract, &segments);
    let message = format!(
        "`{}` models another schema than `{name}`, which the API contract gives this field of `{op}`",
        ty.to_token_stream().to_string().replace(' ', "")
    );
    let span = syn::spanned::Spanned::span(ty);
    out.extend(quote::quote_spanned! {span=>
        const _: () = ::core::assert!(
            #contract::models(<#ty as #contract::Models<#op>>::SCHEMA, #name),
            #message
        );
    });
}

/// Whether `ty` is, by its name, a standard type of the kind `kind` (the
/// runtime's check function name): `String` for a string, `u32` for an
/// integer, `bool` for a boolean, each maybe in `Option`. The assertion
/// would hold, and each costs the compiler work on every build, so it is
/// left out. The name is trusted as the constructor's `impl Into<String>`
/// trusts it: a crate that names a type of its own `String` is not served.
fn evidently(ty: &syn::Type, kind: &str) -> bool {
    let syn::Type::Path(p) = ty else {
        return false;
    };
    if p.qself.is_some() {
        return false;
    }
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    let name = last.ident.to_string();
    let std_path = p.path.segments.len() == 1
        || p.path
            .segments
            .first()
            .is_some_and(|s| s.ident == "std" || s.ident == "core" || s.ident == "alloc");
    if !std_path {
        return false;
    }
    match &last.arguments {
        syn::PathArguments::None => {}
        syn::PathArguments::AngleBracketed(args) if name == "Option" && args.args.len() == 1 => {
            return match args.args.first() {
                Some(syn::GenericArgument::Type(inner)) => evidently(inner, kind),
                _ => false,
            };
        }
        _ => return false,
    }
    const INTEGERS: &[&str] = &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    match kind {
        "string" => name == "String",
        "integer" => INTEGERS.contains(&name.as_str()),
        "number" => INTEGERS.contains(&name.as_str()) || name == "f32" || name == "f64",
        "boolean" => name == "bool",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::evidently;

    #[test]
    fn standard_types_by_name() {
        let ty = |s: &str| syn::parse_str::<syn::Type>(s).unwrap();
        assert!(evidently(&ty("String"), "string"));
        assert!(evidently(&ty("Option<String>"), "string"));
        assert!(evidently(&ty("std::string::String"), "string"));
        assert!(evidently(&ty("Option<u32>"), "integer"));
        assert!(evidently(&ty("u32"), "number"));
        assert!(evidently(&ty("bool"), "boolean"));
        // Money is never a plain string, and other kinds are asserted.
        assert!(!evidently(&ty("String"), "decimal"));
        assert!(!evidently(&ty("f64"), "integer"));
        assert!(!evidently(&ty("String"), "integer"));
        assert!(!evidently(&ty("AccountId"), "string"));
        assert!(!evidently(&ty("my::String"), "string"));
        assert!(!evidently(&ty("Vec<String>"), "array"));
    }
}
