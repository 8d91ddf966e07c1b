//! `#[interlace_endpoint]`: declare an Interlace endpoint with one attribute.
//!
//! The pipeline is parse → check → expand, with a typed model in between:
//! `model::Declaration` as written, `model::Endpoint` once every rule
//! holds. Expansion only ever sees a checked model; a declaration with errors
//! goes to `fallback` instead. A checked model is then held against the API
//! contract (`contract`), an OpenAPI document read once per compiler
//! process: documented facts give errors, guessed ones warnings
//! (`errors.rs`). Use the attribute through the `interlace` crate, whose
//! documentation describes the syntax.

mod check;
mod contract;
mod errors;
mod expand;
mod fallback;
mod model;
mod parse;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// Checks a type against a schema of the API contract:
/// `#[interlace_model("Card")]`, or `#[interlace_model("Pet", contract =
/// "openapi.json")]` for another document. On a struct, every field's wire
/// name must be a property of the schema, of the property's JSON kind; every
/// field the schema does not list as required must be an `Option` or
/// `#[serde(default)]`; and a struct that derives `Serialize` (it is sent)
/// must carry every required property, not as an `Option`. On an enum, every
/// variant's wire name must be one of the schema's `enum` values. Put it
/// above the `derive`. See the `interlace` crate.
#[proc_macro_attribute]
pub fn interlace_model(args: TokenStream, item: TokenStream) -> TokenStream {
    contract::model::expand(args.into(), item.into()).into()
}

/// Turns a struct into a typed Interlace endpoint. See the `interlace` crate.
#[proc_macro_attribute]
pub fn interlace_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    endpoint(args.into(), item.into()).into()
}

fn endpoint(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let mut errors = errors::Errors::default();
    let decl = match parse::declaration(args, item, &mut errors) {
        Ok(decl) => decl,
        Err(e) => return e.to_compile_error(),
    };
    match check::endpoint(decl.clone(), errors) {
        // A declaration that contradicts the contract is still well formed:
        // it expands in full, so the compiler reports the contract's
        // complaints together with any others, without knock-on errors.
        Ok(mut model) => {
            let (warnings, contract) = contract::endpoint(&decl.args, &mut model);
            let mut out = expand::endpoint(&model, expand::Mode::Full);
            out.extend(warnings);
            out.extend(contract.err().map(|e| e.to_compile_error()));
            out
        }
        Err(e) => fallback::expand(&decl, e),
    }
}
