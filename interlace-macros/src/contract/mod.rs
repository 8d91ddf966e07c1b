//! Declarations checked against the API contract, an OpenAPI document.
//!
//! By default that is the bundled Interlace contract (the crate
//! `interlace-contract`, which also reads every document); `contract =
//! "path"` names another, and `unlisted = "why"` opts a declaration out.

mod endpoint;
pub mod model;
mod source;
mod suggest;

use std::sync::Arc;

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
/// `e.contract`, what the generated code needs from it.
pub fn endpoint(args: &Args, e: &mut Endpoint) -> Result<(), syn::Error> {
    if let Some(why) = &args.unlisted {
        if args.contract.is_some() {
            return Err(syn::Error::new(
                why.span(),
                "`unlisted` skips the contract check, so `contract` would be ignored; give one of them",
            ));
        }
        e.contract = ContractFacts {
            doc: Some(format!(
                "**Not in the API contract:** {}",
                why.value().trim()
            )),
            ..ContractFacts::default()
        };
        return Ok(());
    }
    let (contract, track) = named(args.contract.as_ref())?;
    let mut errors = Errors::default();
    let op = endpoint::check(args, e, &contract, &mut errors);
    errors.into_result()?;
    let op = op.expect("no errors means an operation matched");
    e.contract = ContractFacts {
        doc: Some(endpoint::doc(op, e.docs.is_some())),
        kinds: endpoint::kinds(e, op),
        track,
    };
    Ok(())
}
