//! Declarations checked against the API contract, an OpenAPI document.
//!
//! By default that is the bundled Interlace contract (the crate
//! `interlace-contract`, which also reads every document); `contract =
//! "path"` names another, and `unlisted = "why"` opts a declaration out.

pub mod endpoint;
pub mod model;
mod source;
pub mod suggest;

use std::sync::Arc;

use proc_macro2::TokenStream;
use syn::LitStr;

use crate::errors::Errors;
use crate::model::{Args, ContractFacts, Endpoint};
use interlace_contract::Document as Contract;

/// The contract a declaration names, with the file to include when it is
/// not the bundled one and this is the crate's first declaration naming it.
fn named(contract: Option<&LitStr>) -> Result<(Arc<Contract>, Option<String>), syn::Error> {
    match contract {
        None => source::bundled().map(|c| (c, None)).map_err(|e| {
            syn::Error::new(
                proc_macro2::Span::call_site(),
                format!("the bundled API contract is unusable: {e}"),
            )
        }),
        Some(lit) => {
            let path = source::resolve(&lit.value());
            let contract =
                source::file(&path, &lit.value()).map_err(|e| syn::Error::new(lit.span(), e))?;
            let track = source::first_naming(&path).then(|| path.to_string_lossy().into_owned());
            Ok((contract, track))
        }
    }
}

/// Checks a well-formed declaration against its contract and records, in
/// `e.contract`, what the generated code needs from it. Returns the
/// warnings (as items to expand) and the errors; what the generated code
/// needs is recorded even when there are errors, so that the kind
/// assertions report in the same compiler run as the name errors.
pub fn endpoint(args: &Args, e: &mut Endpoint) -> (TokenStream, Result<(), syn::Error>) {
    let strict = args.strict.is_some() || cfg!(feature = "strict");
    if let Some(why) = &args.unlisted {
        if args.contract.is_some() {
            let error = syn::Error::new(
                why.span(),
                "`unlisted` skips the contract check, so `contract` would be ignored; give one of them",
            );
            return (TokenStream::new(), Err(error));
        }
        if let Ok((contract, _)) = named(None) {
            let shape = interlace_contract::shape(&e.path.value());
            if let Some(op) = contract
                .operations_at(&shape)
                .find(|o| o.method == e.method.as_str())
            {
                let error = syn::Error::new(
                    why.span(),
                    format!(
                        "the API contract has this endpoint, {}: `unlisted` would turn its \
                         checks off, so remove `unlisted`",
                        op.label()
                    ),
                );
                return (TokenStream::new(), Err(error));
            }
        }
        e.contract = ContractFacts {
            doc: Some(format!(
                "**Not in the API contract:** {}",
                why.value().trim()
            )),
            ..ContractFacts::default()
        };
        return (TokenStream::new(), Ok(()));
    }
    let (contract, track) = match named(args.contract.as_ref()) {
        Ok(named) => named,
        Err(error) => return (TokenStream::new(), Err(error)),
    };
    let mut errors = Errors::strict(strict);
    let op = endpoint::check(args, e, &contract, &mut errors);
    e.contract = ContractFacts {
        doc: op.map(|op| endpoint::doc(op, e.docs.is_some())),
        kinds: op
            .map(|op| endpoint::kinds(e, op, &contract, strict))
            .unwrap_or_default(),
        track,
    };
    errors.split(&e.attrs)
}
