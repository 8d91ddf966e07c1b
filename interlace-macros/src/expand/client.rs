//! The client method (the `client_method` key): an extension trait on the
//! client, one per endpoint.
//!
//! An extension trait (not an inherent method) works the same in the facade
//! and in a downstream crate, where the client type is foreign.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::tokens::{Doc, join};
use crate::model::{Endpoint, snake_case};

fn names(e: &Endpoint) -> (syn::Ident, syn::Ident) {
    let trait_ident = format_ident!("{}Ext", e.ident);
    let method = format_ident!("{}", snake_case(&e.ident.to_string()));
    (trait_ident, method)
}

/// The trait, a public item at the declaration's level.
pub struct Trait<'a>(pub &'a Endpoint);

impl ToTokens for Trait<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.0;
        let (ident, vis, krate) = (&e.ident, &e.vis, &e.krate);
        let (trait_ident, method) = names(e);
        let doc = Doc(format!(
            "Sends [`{ident}`]: `{} {}`.",
            e.method.as_str(),
            e.path.value()
        ));
        let trait_doc = Doc(format!(
            "Adds `{method}` to the client, where this trait is in scope."
        ));
        join(
            out,
            quote! {
                #trait_doc
                #vis trait #trait_ident {
                    #doc
                    fn #method(&self, request: #ident) -> #krate::__private::Call<#ident>;
                }
            },
        );
    }
}

/// Its impl, placed in the endpoint's `const _` block, where `__p` names the
/// private module.
pub struct Impl<'a>(pub &'a Endpoint);

impl ToTokens for Impl<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let ident = &self.0.ident;
        let (trait_ident, method) = names(self.0);
        join(
            out,
            quote! {
                impl #trait_ident for __p::Client {
                    fn #method(&self, request: #ident) -> __p::Call<#ident> {
                        self.send(request)
                    }
                }
            },
        );
    }
}
