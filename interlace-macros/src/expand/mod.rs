//! [`Endpoint`] → code: the request struct, its constructor and setters, the
//! `Endpoint` implementation and, with `client_method`, the client method.
//!
//! The generated code is kept small on purpose: each endpoint becomes a few
//! calls into non-generic runtime functions. How the tokens are built
//! matters as much as how many there are: see `tokens`.

mod client;
pub mod kinds;
mod request;
mod tokens;
mod wire;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Endpoint;

/// How much of the endpoint to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everything, for a checked declaration.
    Full,
    /// The same items with stub bodies and no assertions, next to the
    /// `compile_error!`s of a declaration that broke a rule.
    Stub,
}

/// The struct and the client trait at the declaration's level; every impl in
/// one `const _` block where `__p` names the facade's private module, which
/// keeps the generated token stream (and so expansion time) small.
pub fn endpoint(e: &Endpoint, mode: Mode) -> TokenStream {
    let krate = &e.krate;
    let structure = request::Structure(e);
    let required = request::RequiredFields(e);
    let client_trait = e.client_method.then_some(client::Trait(e));
    let constructor = request::Constructor {
        endpoint: e,
        checked: mode == Mode::Full,
    };
    let endpoint_impl = wire::EndpointImpl { endpoint: e, mode };
    let client_impl = e.client_method.then_some(client::Impl(e));
    // The contract file, included so that editing it rebuilds the crate.
    let track = match mode {
        Mode::Full => e.contract.track.as_deref(),
        Mode::Stub => None,
    }
    .map(|path| {
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });
    quote! {
        #structure
        #required
        #client_trait
        const _: () = {
            use #krate::__private as __p;
            #constructor
            #endpoint_impl
            #client_impl
            #track
        };
    }
}
