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
    snapshot!("idempotent_post", [POST "/open-api/v3/example/prepaid-card", response = Card, idempotent,
        unlisted = "an endpoint of our own"],
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
    snapshot!("wire_rename", [PUT "/open-api/v3/example/{card_id}/velocity-control",
        unlisted = "an endpoint of our own, to show renames"],
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

/// A declaration checked against a contract file includes that file, so
/// that cargo rebuilds the declaring crate when the file changes; one
/// checked against the bundled contract needs nothing (the bundled contract
/// is compiled into this crate).
#[test]
fn a_contract_file_is_tracked() {
    // A contract of the test's own, outside every package, named by its
    // absolute path.
    let dir = std::env::temp_dir().join(format!("interlace-macros-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("petstore.openapi.json");
    std::fs::write(
        &file,
        r#"{"openapi": "3.1.0", "info": {"title": "pets", "version": "1"}, "paths": {
            "/pets/{petId}": {"get": {"operationId": "showPetById", "parameters": [
                {"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the pet"}}}}}}"#,
    )
    .unwrap();
    let named = file.to_str().unwrap();
    let out = expand(
        quote!(GET "/pets/{pet_id}", contract = #named),
        quote!(
            pub struct ShowPet {
                pub pet_id: String,
            }
        ),
    );
    let from = out
        .find("include_bytes!")
        .expect("the contract file is included");
    let tracked = &out[from..from + out[from..].find(';').unwrap()];
    assert!(tracked.contains("petstore.openapi.json"), "{tracked}");
    assert!(out.contains("operation `showPetById`"), "{out}");

    let bundled = expand(
        quote!(GET "/open-api/v3/physical-cards/fees"),
        quote!(
            pub struct ListPhysicalCardFees {}
        ),
    );
    assert!(!bundled.contains("include_bytes!"));
    assert!(bundled.contains("confidence: documented"), "{bundled}");
}

/// The contract's complaints come with a full expansion, so they are the
/// only errors a wrong declaration gets.
#[test]
fn contract_errors_come_with_the_full_expansion() {
    let out = crate::endpoint(
        quote!(GET "/open-api/v3/card/bin"),
        quote!(
            pub struct ListCardBins {
                pub account_id: String,
            }
        ),
    )
    .to_string();
    assert!(
        out.contains("did you mean \\\"/open-api/v3/card/bins\\\"?"),
        "{out}"
    );
    assert!(
        out.contains("impl __p :: Endpoint for ListCardBins"),
        "{out}"
    );
}

#[test]
fn with_client_method() {
    snapshot!("with_client_method", [GET "/open-api/v3/cards/{card_id}/card-summary", response = CardSummary,
            client_method],
        pub struct GetCardSummary {
            pub card_id: CardId,
            pub account_id: AccountId,
        }
    );
}
