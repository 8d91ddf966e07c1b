//! The client method: an extension trait on the client, one per endpoint.
//!
//! An extension trait (not an inherent method) works the same in the facade
//! and in a downstream crate, where the client type is foreign.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::request::doc_attr;
use crate::model::{Endpoint, snake_case};

/// The trait (a public item at the declaration's level) and its impl (placed
/// in the endpoint's `const _` block, where `__p` names the private module).
pub fn extension(e: &Endpoint) -> (TokenStream, TokenStream) {
    let ident = &e.ident;
    let vis = &e.vis;
    let krate = &e.krate;
    let p = quote!(#krate::__private);
    let trait_ident = format_ident!("{}Ext", ident);
    let method = format_ident!("{}", snake_case(&ident.to_string()));
    let doc = format!(
        "Sends [`{ident}`]: `{} {}`.",
        e.method.as_str(),
        e.path.value()
    );
    let trait_doc = format!(
        "Adds [`{method}`]({trait_ident}::{method}) to the client. In scope through the prelude."
    );

    let (trait_doc, doc) = (doc_attr(false, &[&trait_doc]), doc_attr(false, &[&doc]));
    let declaration = quote! {
        #trait_doc
        #vis trait #trait_ident {
            #doc
            fn #method(&self, request: #ident) -> #p::Call<#ident>;
        }
    };
    let implementation = quote! {
        impl #trait_ident for __p::Client {
            fn #method(&self, request: #ident) -> __p::Call<#ident> {
                self.send(request)
            }
        }
    };
    (declaration, implementation)
}
