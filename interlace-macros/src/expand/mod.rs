//! [`Endpoint`] → code: the request struct, its constructor and setters, the
//! `Endpoint` implementation and the client method.
//!
//! The generated code is kept small on purpose: each endpoint becomes a few
//! calls into non-generic runtime functions.

mod client;
mod request;
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

pub fn endpoint(e: &Endpoint, mode: Mode) -> TokenStream {
    let strukt = request::structure(e);
    let constructor = request::constructor(e);
    let endpoint_impl = wire::endpoint_impl(e, mode);
    let client = client::extension(e);
    quote! {
        #strukt
        #constructor
        #endpoint_impl
        #client
    }
}
