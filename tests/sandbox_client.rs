//! The client against the emulator, one test per injected fault. This is
//! also how a downstream crate tests its own code: `interlace-sandbox` as a
//! dev-dependency, one emulator per test, a client pointed at its URL.

use std::sync::Arc;
use std::time::Duration;

use interlace::accounts::{ListAccounts, ListAccountsExt};
use interlace::card_transactions::{CardTransferIn, CardTransferInExt};
use interlace::cards::{CreatePrepaidCard, CreatePrepaidCardExt, ListCards, ListCardsExt};
use interlace::error::DecodeErrorKind;
use interlace::testing::ManualClock;
use interlace::types::{AccountId, Amount, BinId, CardId, CardMode, CardholderId};
use interlace::{Client, Error, RetryPolicy};
use interlace_sandbox::{Fault, Sandbox, codes};

#[path = "../examples/support/mod.rs"]
mod support;
use support::sandbox_config as config;

fn client(sandbox: &Sandbox) -> (Client, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::at(std::time::SystemTime::now()));
    let client = Client::builder(config(sandbox).build().unwrap())
        .clock(clock.clone())
        .build()
        .unwrap();
    (client, clock)
}

fn list_accounts() -> ListAccounts {
    ListAccounts::new()
}

const ACCOUNTS: &str = "/open-api/v3/accounts";

/// A cardholder and a BIN on the master account.
async fn holder(client: &Client, account: &AccountId) -> (BinId, CardholderId) {
    let (bin, holder) = support::demo_cardholder(client, account).await.unwrap();
    (bin, holder.id)
}

#[tokio::test]
async fn a_503_on_a_get_is_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, clock) = client(&sandbox);
    sandbox.inject(ACCOUNTS, Fault::Status(503), 2);
    let page = client.list_accounts(list_accounts()).await.unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(sandbox.request_count("GET", ACCOUNTS), 3);
    assert_eq!(clock.sleeps().len(), 2);
}

#[tokio::test]
async fn a_503_on_a_post_without_a_key_is_not_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    let account = AccountId::new(sandbox.master_account_id());
    sandbox.inject("/open-api/v3/cards/transfer-in", Fault::Status(503), 1);
    let request = CardTransferIn::new(account, CardId::new("any"), "t-1", Amount::from_cents(100));
    let err = client.card_transfer_in(request).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::NotJson),
        "{err:?}"
    );
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/cards/transfer-in"),
        1
    );
}

#[tokio::test]
async fn card_creation_retried_through_503s_creates_one_card() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    let account = AccountId::new(sandbox.master_account_id());
    let (bin, holder) = holder(&client, &account).await;
    // The first attempt is refused with a 503 before the emulator handles it.
    sandbox.inject("/open-api/v3/prepaid-card", Fault::Status(503), 1);
    let card = client
        .create_prepaid_card(
            CreatePrepaidCard::new(account.clone(), bin, holder, "ref-1", CardMode::Virtual)
                .amount(Amount::from_cents(1000)),
        )
        .await
        .unwrap();
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/prepaid-card"),
        2
    );
    assert_eq!(sandbox.card_count(), 1);
    let cards = client.list_cards(ListCards::new(account)).await.unwrap();
    assert_eq!(cards.list[0].id, card.id);
    assert_eq!(sandbox.master_available(), "9990.00");
}

#[tokio::test]
async fn card_creation_whose_answer_timed_out_is_retried_with_the_same_key() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = Arc::new(ManualClock::at(std::time::SystemTime::now()));
    let client = Client::builder(
        config(&sandbox)
            .request_timeout(Duration::from_millis(300))
            .build()
            .unwrap(),
    )
    .clock(clock)
    .build()
    .unwrap();
    let account = AccountId::new(sandbox.master_account_id());
    let (bin, holder) = holder(&client, &account).await;
    sandbox.inject(
        "/open-api/v3/prepaid-card",
        Fault::Delay(Duration::from_millis(800)),
        1,
    );
    client
        .create_prepaid_card(CreatePrepaidCard::new(
            account,
            bin,
            holder,
            "ref-1",
            CardMode::Virtual,
        ))
        .await
        .unwrap();
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/prepaid-card"),
        2
    );
    // The delayed call still created the card; the retry got the same one back.
    assert_eq!(sandbox.card_count(), 1);
}

#[tokio::test]
async fn a_429_waits_for_retry_after() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, clock) = client(&sandbox);
    sandbox.inject(
        ACCOUNTS,
        Fault::RateLimited {
            retry_after_secs: 2,
        },
        1,
    );
    client.list_accounts(list_accounts()).await.unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(2)]);
}

#[tokio::test]
async fn a_slow_answer_times_out_as_a_typed_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::new(
        config(&sandbox)
            .request_timeout(Duration::from_millis(200))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap(),
    )
    .unwrap();
    client.authenticate().await.unwrap();
    sandbox.inject(ACCOUNTS, Fault::Delay(Duration::from_millis(600)), 1);
    let err = client.list_accounts(list_accounts()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn an_html_page_and_truncated_json_are_decode_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    sandbox.inject(ACCOUNTS, Fault::Html, 1);
    let err = client.list_accounts(list_accounts()).await.unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.kind, DecodeErrorKind::NotJson);
    assert!(d.excerpt.contains("502 Bad Gateway"));
    sandbox.inject(ACCOUNTS, Fault::TruncatedJson, 1);
    let err = client.list_accounts(list_accounts()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::Truncated),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_revoked_token_is_replaced_and_the_call_replayed_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    client.list_accounts(list_accounts()).await.unwrap();
    sandbox.inject(ACCOUNTS, Fault::RevokeToken, 1);
    client.list_accounts(list_accounts()).await.unwrap();
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/oauth/access-token"),
        2
    );
    assert_eq!(sandbox.request_count("GET", ACCOUNTS), 3);
    sandbox.revoke_all_tokens();
    client.list_accounts(list_accounts()).await.unwrap();
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/oauth/access-token"),
        3
    );
}

#[tokio::test]
async fn emulator_errors_are_typed_api_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    let err = client
        .list_cards(ListCards::new(AccountId::new("nope")))
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(codes::NOT_FOUND));
    let account = AccountId::new(sandbox.master_account_id());
    let request = CardTransferIn::new(
        account,
        CardId::new("missing-card"),
        "t-1",
        Amount::from_cents(100),
    );
    let err = client.card_transfer_in(request).await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.code, codes::NOT_FOUND);
    assert_eq!(api.site.endpoint, "card_transfer_in");
}

#[tokio::test]
async fn a_generated_request_with_an_empty_path_id_is_refused_before_sending() {
    use interlace::cards::{GetCardPrivateInfo, GetCardPrivateInfoExt};
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    let err = client
        .get_card_private_info(GetCardPrivateInfo::new(CardId::new("")))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("path parameter is empty"), "{err}");
    assert_eq!(sandbox.request_count("GET", "/open-api/v3/cards/"), 0);
    assert_eq!(
        sandbox.request_count("GET", "/open-api/v3/oauth/authorize"),
        0,
        "refused before any token was asked for"
    );
}

#[tokio::test]
async fn create_budget_answers_the_new_budgets_uuid_which_the_client_accepts() {
    use interlace::budgets::{
        CreateBudget, CreateBudgetExt, CreatedBudget, ListBudgets, ListBudgetsExt,
    };
    let sandbox = Sandbox::start().await.unwrap();
    let (client, _) = client(&sandbox);
    let account = AccountId::new(sandbox.master_account_id());
    let created = client
        .create_budget(CreateBudget::new(account.clone(), "Marketing Q1"))
        .await
        .unwrap();
    assert!(matches!(created, CreatedBudget::Id(_)), "{created:?}");
    let listed = client
        .list_budgets(ListBudgets::new(account))
        .await
        .unwrap();
    assert!(
        listed.list.iter().any(|b| &b.id == created.id()),
        "{listed:?}"
    );
}
