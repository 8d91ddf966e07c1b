//! The client method: an extension trait on the client, one per endpoint.
//!
//! An extension trait (not an inherent method) works the same in the facade
//! and in a downstream crate, where the client type is foreign.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::Mode;
use crate::model::{Endpoint, snake_case};

pub fn extension(e: &Endpoint, mode: Mode) -> TokenStream {
    let ident = &e.ident;
    let vis = &e.vis;
    let krate = &e.krate;
    let p = quote!(#krate::__private);
    let trait_ident = format_ident!("{}Ext", ident);
    let method = format_ident!("{}", snake_case(&ident.to_string()));
    let response = match &e.response {
        Some(ty) => quote!(#ty),
        None => quote!(#p::NoContent),
    };
    let doc = format!(
        "Sends [`{ident}`]: `{} {}`.",
        e.method.as_str(),
        e.path.value()
    );
    let trait_doc = format!(
        "Adds [`{method}`]({trait_ident}::{method}) to the client. In scope through the prelude."
    );

    let (stream_decl, stream_impl) = if e.paginated && mode == Mode::Full {
        let stream = format_ident!("{}_stream", method);
        let resp = e
            .response
            .as_ref()
            .expect("checked: paginated endpoints declare a response");
        let item = quote_spanned!(resp.span()=> <#resp as #p::ListPage>::Item);
        let stream_doc = format!(
            "Every item of [`{ident}`] across pages, starting at its `page` with its `limit`."
        );
        (
            quote! {
                #[doc = #stream_doc]
                fn #stream(&self, request: #ident)
                    -> impl #p::Stream<Item = ::core::result::Result<#item, #p::Error>> + ::core::marker::Send + 'static;
            },
            quote! {
                fn #stream(&self, request: #ident)
                    -> impl #p::Stream<Item = ::core::result::Result<#item, #p::Error>> + ::core::marker::Send + 'static
                {
                    #p::paginate(::core::clone::Clone::clone(self), request)
                }
            },
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };

    quote! {
        #[doc = #trait_doc]
        #vis trait #trait_ident {
            #[doc = #doc]
            fn #method(&self, request: #ident)
                -> impl ::core::future::Future<Output = ::core::result::Result<#response, #p::Error>> + ::core::marker::Send;
            #stream_decl
        }
        impl #trait_ident for #p::Client {
            fn #method(&self, request: #ident)
                -> impl ::core::future::Future<Output = ::core::result::Result<#response, #p::Error>> + ::core::marker::Send
            {
                self.send(request)
            }
            #stream_impl
        }
    }
}
