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

/// The struct and the client trait at the declaration's level; every impl in
/// one `const _` block where `__p` names the facade's private module, which
/// keeps the generated token stream (and so expansion time) small.
pub fn endpoint(e: &Endpoint, mode: Mode) -> TokenStream {
    let krate = &e.krate;
    let strukt = request::structure(e);
    let required = request::required_fields(e);
    let constructor = request::constructor(e);
    let endpoint_impl = wire::endpoint_impl(e, mode);
    let (client_trait, client_impl) = client::extension(e);
    let contract = match mode {
        Mode::Full => contract_checks(e),
        Mode::Stub => TokenStream::new(),
    };
    quote! {
        #strukt
        #required
        #client_trait
        const _: () = {
            use #krate::__private as __p;
            #constructor
            #endpoint_impl
            #client_impl
            #contract
        };
    }
}

/// One assertion per field that the field's type is sent as the JSON kind
/// the contract gives it, spanned at the type so a mismatch points there;
/// and the contract file, included so that editing it rebuilds the crate.
fn contract_checks(e: &Endpoint) -> TokenStream {
    let ident = &e.ident;
    let checks = e.contract.kinds.iter().map(|(ty, check)| {
        let check = syn::Ident::new(check, proc_macro2::Span::call_site());
        let span = syn::spanned::Spanned::span(ty);
        quote::quote_spanned!(span=> __p::contract::#check::<#ty, #ident>();)
    });
    let track = e.contract.track.as_ref().map(|path| {
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });
    // In a function that is never called: type-checked, so a mismatch is
    // an error, but not evaluated at compile time as a `const` would be.
    let checks = (!e.contract.kinds.is_empty()).then(|| {
        quote! {
            #[allow(dead_code)]
            fn __contract() { #(#checks)* }
        }
    });
    quote! {
        #checks
        #track
    }
}
