//! Every endpoint's request as it goes on the wire (method, path, query,
//! headers the endpoint sets, JSON body), built from realistic values and
//! kept as insta snapshots in `tests/snapshots/wire/`.

use interlace::accounts::*;
use interlace::balances::*;
use interlace::bins::*;
use interlace::budgets::*;
use interlace::card_transactions::*;
use interlace::cardholders::*;
use interlace::cards::*;
use interlace::files::*;
use interlace::legacy::*;
use interlace::oauth::*;
use interlace::payouts::*;
use interlace::physical_cards::*;
use interlace::transfers::*;
use interlace::types::*;
use interlace::wallets::*;
use interlace::{Endpoint, RequestParts};

const ACCOUNT: &str = "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23";
const SUB_ACCOUNT: &str = "a71c2d9e-4b3f-4c8a-9e10-2f5d7b6c8a91";
const CARD: &str = "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e";
const BUDGET: &str = "5d8a3b1c-7e2f-4d6a-9b0c-3e1f2a4b5c6d";
const CARDHOLDER: &str = "1926684703962181634";
const BIN: &str = "1926684703962181633";
const BALANCE: &str = "8b7a6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d";

fn amount(s: &str) -> Amount {
    s.parse().unwrap()
}

fn address() -> Address {
    Address {
        address_line1: "1 Market St".into(),
        address_line2: None,
        city: "San Francisco".into(),
        state: "CA".into(),
        country: "US".into(),
        postal_code: "94105".into(),
    }
}

fn fields(json: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    json.as_object().unwrap().clone()
}

/// The request as text: method, path and query, the auth and idempotency
/// behaviour, headers set by the endpoint, and the body.
fn wire<E: Endpoint>(request: &E) -> String {
    let meta = E::META;
    let parts = RequestParts::of(request).unwrap();
    let query: Vec<String> = parts
        .query_pairs()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let mut out = format!("{} {}", meta.method, parts.rendered_path());
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out.push_str(&format!(
        "\nauth: {}\nidempotency-key: {}\n",
        meta.auth, meta.idempotent
    ));
    for (name, value) in parts.header_pairs() {
        out.push_str(&format!("{name}: {value}\n"));
    }
    match (parts.body_bytes(), parts.content_type()) {
        (Some(body), Some("application/json")) => {
            let json: serde_json::Value = serde_json::from_slice(body).unwrap();
            out.push_str(&format!(
                "\n{}\n",
                serde_json::to_string_pretty(&json).unwrap()
            ));
        }
        (Some(body), Some(ct)) => {
            let boundary = ct.split("boundary=").nth(1).unwrap();
            let text = String::from_utf8_lossy(body).replace(boundary, "BOUNDARY");
            out.push_str(&format!("content-type: multipart/form-data\n\n{text}"));
        }
        _ => {}
    }
    out
}

macro_rules! wire_snapshot {
    ($name:ident, $request:expr) => {
        #[test]
        fn $name() {
            let text = wire(&$request);
            insta::with_settings!({ snapshot_path => "snapshots/wire", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(stringify!($name), text);
            });
        }
    };
}

// OAuth
wire_snapshot!(
    oauth_authorize,
    Authorize {
        client_id: "interlace0123456789abcdef".into()
    }
);
wire_snapshot!(
    oauth_access_token,
    AccessToken {
        client_id: "interlace0123456789abcdef".into(),
        code: "a388b2c1d0e9f8a7b6c5d4e3f2a1a965".to_string().into()
    }
);
wire_snapshot!(
    oauth_refresh_token,
    RefreshToken {
        client_id: "interlace0123456789abcdef".into(),
        refresh_token: "9f".repeat(32).into()
    }
);

// Accounts and KYC
wire_snapshot!(list_accounts, ListAccounts::new().page(1u32).limit(20u32));
wire_snapshot!(
    register_account,
    RegisterAccount::new("jane@example.com", "Jane Doe")
        .parent_account_id(ACCOUNT)
        .phone_number("4155550100")
        .phone_country_code("1")
);
wire_snapshot!(
    submit_kyc,
    SubmitKyc::new(
        SUB_ACCOUNT,
        "Jane",
        "Doe",
        "1990-04-12",
        "F",
        "US",
        "123456789",
        "PASSPORT",
        "2020-01-01",
        "2030-01-01",
        address(),
        FileId::new("f-front-1"),
        FileId::new("f-selfie-1"),
        "4155550100",
        "1",
        "api",
    )
    .ssn("123456789")
    .occupation("2511")
);
wire_snapshot!(get_cdd_detail, GetCddDetail::new(SUB_ACCOUNT));
wire_snapshot!(initialize_account, InitializeAccount::new(SUB_ACCOUNT));
wire_snapshot!(
    simulate_kyc_review,
    SimulateKycReview::new(SUB_ACCOUNT, "Passed").message("ok")
);
wire_snapshot!(
    upload_files,
    UploadFiles::new(
        SUB_ACCOUNT,
        "passport.jpg",
        "image/jpeg",
        b"\xff\xd8fake-jpeg".to_vec()
    )
);

// Balances and transfers
wire_snapshot!(list_balances, ListBalances::new(ACCOUNT));
wire_snapshot!(
    list_infinity_account_transactions,
    ListInfinityAccountTransactions::new(ACCOUNT).limit(50u32)
);
fn party(account: &str, balance: &str) -> TransferParty {
    TransferParty {
        id: BalanceId::new(balance),
        account_id: AccountId::new(account),
        currency: "USD".into(),
        business_type: BusinessType::InfinityAccount,
    }
}
wire_snapshot!(
    create_external_transfer,
    CreateExternalTransfer::new(
        "tx-2026-0001",
        amount("250.00"),
        party(ACCOUNT, BALANCE),
        party(SUB_ACCOUNT, "b-sub-1")
    )
);
wire_snapshot!(
    create_internal_transfer,
    CreateInternalTransfer::new(
        "tx-2026-0002",
        amount("10"),
        party(ACCOUNT, BALANCE),
        party(ACCOUNT, "b-other")
    )
);
wire_snapshot!(
    list_business_transfers,
    ListBusinessTransfers::new().account_id(ACCOUNT)
);
wire_snapshot!(
    list_business_account_transactions,
    ListBusinessAccountTransactions::new()
        .account_id(ACCOUNT)
        .page(2u32)
);
wire_snapshot!(
    create_virtual_bank_account,
    CreateVirtualBankAccount::new(ACCOUNT, fields(serde_json::json!({"currency": "USD"})))
);

// BINs
wire_snapshot!(list_card_bins, ListCardBins::new(ACCOUNT));
wire_snapshot!(
    list_card_bins_under_maintenance,
    ListCardBinsUnderMaintenance::new(ACCOUNT)
);
wire_snapshot!(
    get_bin_recommendation,
    GetBinRecommendation::new().bin("559666")
);

// Cardholders
wire_snapshot!(
    create_cardholder,
    CreateCardholder::new(
        SUB_ACCOUNT,
        BIN,
        "Jane",
        "Doe",
        "jane@example.com",
        "1990-04-12",
        "F",
        "US",
        "4155550100",
        "1",
        address(),
    )
    .cardholder_tier("CONSUMER")
);
wire_snapshot!(
    list_cardholders,
    ListCardholders::new(ACCOUNT).page(1u32).limit(100u32)
);
wire_snapshot!(get_cardholder, GetCardholder::new(CARDHOLDER, ACCOUNT));
wire_snapshot!(
    create_cardholder_v2,
    CreateCardholderV2::new(
        ACCOUNT,
        "CONSUMER",
        "PROJECT",
        "Jane",
        "Doe",
        "jane@example.com",
        "4155550100",
        "1",
        "US",
        "1990-04-12",
        address(),
    )
    .cardholder_label("marketing")
);

// Budgets
wire_snapshot!(create_budget, CreateBudget::new(ACCOUNT, "Marketing Q1"));
wire_snapshot!(list_budgets, ListBudgets::new(ACCOUNT).budget_id(BUDGET));
wire_snapshot!(update_budget, UpdateBudget::new(BUDGET, "Marketing Q2"));
wire_snapshot!(delete_budget, DeleteBudget::new(BUDGET).account_id(ACCOUNT));
wire_snapshot!(
    budget_transfer_in,
    BudgetTransferIn::new(BUDGET, amount("500.00"))
        .account_id(ACCOUNT)
        .client_transaction_id("b-in-1")
);
wire_snapshot!(
    budget_transfer_out,
    BudgetTransferOut::new(BUDGET, amount("20.5")).account_id(ACCOUNT)
);
wire_snapshot!(
    get_budget_transaction,
    GetBudgetTransaction::new("1926684703962181999")
);

// Cards
wire_snapshot!(
    list_cards,
    ListCards::new(ACCOUNT)
        .cardholder_id(CARDHOLDER)
        .label("ads")
        .limit(25u32)
);
wire_snapshot!(
    get_card_private_info,
    GetCardPrivateInfo::new(CARD).account_id(ACCOUNT)
);
wire_snapshot!(
    get_card_access_token,
    GetCardAccessToken::new(CARD, ACCOUNT)
);
wire_snapshot!(delete_card, DeleteCard::new(CARD).account_id(ACCOUNT));
wire_snapshot!(freeze_card, FreezeCard::new(CARD, ACCOUNT));
wire_snapshot!(unfreeze_card, UnfreezeCard::new(CARD, ACCOUNT));
wire_snapshot!(
    set_velocity_control,
    SetVelocityControl::new(CARD, ACCOUNT, VelocityPeriod::Month, amount("1000"))
);
wire_snapshot!(
    create_prepaid_card,
    CreatePrepaidCard::new(
        ACCOUNT,
        BIN,
        CARDHOLDER,
        "ref-20261125-01",
        CardMode::Virtual
    )
    .amount(amount("150.00"))
    .use_type("default")
    .label("ads")
);
wire_snapshot!(
    batch_create_prepaid_cards,
    BatchCreatePrepaidCards::new(
        ACCOUNT,
        fields(serde_json::json!({"binId": BIN, "quantity": 10}))
    )
);
wire_snapshot!(
    create_budget_card,
    CreateBudgetCard::new(
        ACCOUNT,
        BIN,
        BUDGET,
        CARDHOLDER,
        "ref-budget-01",
        CardMode::Physical
    )
    .physical_card_design_id("design-7")
);
wire_snapshot!(
    batch_create_budget_cards,
    BatchCreateBudgetCards::new(
        ACCOUNT,
        fields(serde_json::json!({"budgetId": BUDGET, "quantity": 5}))
    )
);
wire_snapshot!(get_card_summary, GetCardSummary::new(CARD, ACCOUNT));
wire_snapshot!(
    update_card,
    UpdateCard::new(CARD, ACCOUNT).email("new@example.com")
);
wire_snapshot!(
    check_card_creation,
    CheckCardCreation::new(fields(
        serde_json::json!({"accountId": ACCOUNT, "binId": BIN})
    ))
);

// Card transactions
wire_snapshot!(
    card_transfer_in,
    CardTransferIn::new(ACCOUNT, CARD, "fund-0001", amount("150.00"))
);
wire_snapshot!(
    card_transfer_out,
    CardTransferOut::new(ACCOUNT, CARD, "defund-0001", amount("25.00"))
);
wire_snapshot!(
    list_card_transactions,
    ListCardTransactions::new(ACCOUNT)
        .card_id(CARD)
        .start_time("1764028800000")
        .end_time("1764115200000")
);
wire_snapshot!(
    get_card_transaction,
    GetCardTransaction::new("1926684703962182000")
);

// Physical cards
wire_snapshot!(list_physical_card_fees, ListPhysicalCardFees::new());

// Wallets
wire_snapshot!(
    create_wallet,
    CreateWallet::new(
        ACCOUNT,
        fields(serde_json::json!({"currency": "USDT", "name": "ops"}))
    )
);
wire_snapshot!(list_wallets, ListWallets::new(ACCOUNT));
wire_snapshot!(get_wallet, GetWallet::new("w-1").account_id(ACCOUNT));
wire_snapshot!(
    update_wallet,
    UpdateWallet::new("w-1", fields(serde_json::json!({"name": "treasury"})))
);
wire_snapshot!(
    create_blockchain_address,
    CreateBlockchainAddress::new("w-1", fields(serde_json::json!({"chain": "TRON"})))
);
wire_snapshot!(
    list_blockchain_transfers,
    ListBlockchainTransfers::new(ACCOUNT)
);
wire_snapshot!(
    sweep,
    Sweep::new(ACCOUNT, fields(serde_json::json!({"walletId": "w-1"})))
);

// Payouts
wire_snapshot!(
    get_exchange_rate,
    GetExchangeRate::new()
        .from_currency("USD")
        .to_currency("EUR")
);
wire_snapshot!(get_quotation, GetQuotation::new("q-123"));
wire_snapshot!(
    create_payout,
    CreatePayout::new(
        ACCOUNT,
        fields(serde_json::json!({"payeeId": "p-1", "amount": "100.00"}))
    )
);
wire_snapshot!(list_payouts, ListPayouts::new(ACCOUNT));
wire_snapshot!(get_payout, GetPayout::new("po-1"));
wire_snapshot!(
    create_payee,
    CreatePayee::new(
        ACCOUNT,
        fields(serde_json::json!({"bankName": "Acme Bank"}))
    )
);
wire_snapshot!(get_payee, GetPayee::new("p-1"));
wire_snapshot!(list_payees, ListPayees::new(ACCOUNT));

// Legacy v1
wire_snapshot!(
    list_cards_v1,
    ListCardsV1::new()
        .account_id(ACCOUNT)
        .page(1u32)
        .limit(10u32)
);
wire_snapshot!(
    create_card_v1,
    CreateCardV1::new(fields(
        serde_json::json!({"accountId": ACCOUNT, "cost": "10.00"})
    ))
);
wire_snapshot!(
    suspend_card_v1,
    SuspendCardV1::new(fields(serde_json::json!({"cardId": CARD})))
);
wire_snapshot!(
    enable_card_v1,
    EnableCardV1::new(fields(serde_json::json!({"cardId": CARD})))
);
wire_snapshot!(
    add_budget_v1,
    AddBudgetV1::new(fields(
        serde_json::json!({"budgetId": BUDGET, "cost": "5.00"})
    ))
);
wire_snapshot!(
    subtract_budget_v1,
    SubtractBudgetV1::new(fields(
        serde_json::json!({"budgetId": BUDGET, "cost": "5.00"})
    ))
);
wire_snapshot!(list_accounts_v1, ListAccountsV1::new());
wire_snapshot!(
    register_account_v1,
    RegisterAccountV1::new(fields(serde_json::json!({"email": "jane@example.com"})))
);
