//! Snapshots of the expanded code for representative declarations.

use quote::quote;

fn expand(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
    let tokens = crate::endpoint(args, item);
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

macro_rules! snapshot {
    ($name:literal, [$($args:tt)*], $($item:tt)*) => {{
        let out = expand(quote!($($args)*), quote!($($item)*));
        insta::with_settings!({ snapshot_path => "../tests/snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, out);
        });
    }};
}

#[test]
fn plain_get() {
    snapshot!("plain_get", [GET "/open-api/v3/physical-cards/fees", response = Fees],
        /// List all physical card fees.
        pub struct ListPhysicalCardFees {}
    );
}

#[test]
fn post_with_body() {
    snapshot!("post_with_body", [POST "/open-api/v3/accounts/register", response = Account],
        pub struct RegisterAccount {
            pub email: String,
            pub name: String,
            pub parent_account_id: Option<AccountId>,
        }
    );
}

#[test]
fn path_and_query() {
    snapshot!("path_and_query", [GET "/open-api/v3/cards/{card_id}/card-summary", response = CardSummary,
            docs = "https://developer.interlace.money/reference/getcardsummary"],
        pub struct GetCardSummary {
            pub card_id: CardId,
            pub account_id: AccountId,
        }
    );
}

#[test]
fn idempotent_post() {
    snapshot!("idempotent_post", [POST "/open-api/v3/prepaid-card", response = Card, idempotent],
        pub struct CreatePrepaidCard {
            pub account_id: AccountId,
            pub amount: Option<Amount>,
        }
    );
}

#[test]
fn paginated_list() {
    snapshot!("paginated_list", [GET "/open-api/v3/card-list", response = Page<Card>, paginated],
        pub struct ListCards {
            pub account_id: AccountId,
            pub label: Option<String>,
        }
    );
}

#[test]
fn no_auth() {
    snapshot!("no_auth", [GET "/open-api/v3/oauth/authorize", response = Code, no_auth],
        pub struct Authorize {
            pub client_id: String,
        }
    );
}

#[test]
fn header_field() {
    snapshot!("header_field", [POST "/open-api/v3/cards/{card_id}/freeze", crate = my_facade],
        pub struct FreezeCard {
            pub card_id: CardId,
            #[interlace(header = "X-Request-Id")]
            pub request_id: Option<String>,
            pub account_id: AccountId,
        }
    );
}

#[test]
fn wire_rename() {
    snapshot!("wire_rename", [PUT "/open-api/v3/cards/{card_id}/velocity-control"],
        pub struct SetVelocityControl {
            #[interlace(path)]
            pub card_id: CardId,
            #[interlace(rename = "transactionLimitsType")]
            pub limit_type: VelocityPeriod,
            #[interlace(query)]
            pub account_id: AccountId,
        }
    );
}
