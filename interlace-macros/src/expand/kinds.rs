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
