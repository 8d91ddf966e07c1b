//! Every endpoint's response type decodes a realistic `data` sample, in the
//! shapes the reference gives (strings for money and 19-digit ids, `total`
//! as a string or a number, epoch and ISO timestamps).

use interlace::accounts::*;
use interlace::balances::*;
use interlace::bins::*;
use interlace::budgets::*;
use interlace::card_transactions::*;
use interlace::cardholders::*;
use interlace::cards::*;
use interlace::convert::*;
use interlace::crypto_transfers::*;
use interlace::endpoint::{Endpoint, FromData};
use interlace::files::*;
use interlace::legacy::*;
use interlace::oauth::*;
use interlace::payouts::*;
use interlace::physical_cards::*;
use interlace::transfers::*;
use interlace::types::*;
use interlace::wallets::*;
use serde_json::json;

/// Decodes `data` as `E`'s response, the way the client does.
fn decode<E: Endpoint>(data: serde_json::Value) -> E::Response {
    let text = data.to_string();
    match <E::Response as FromData>::from_data(Some(&text)) {
        Ok(v) => v,
        Err(e) => panic!("{} does not decode its sample: {e}", E::META.name),
    }
}

fn card_json() -> serde_json::Value {
    json!({
        "id": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e", "accountId": "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23",
        "status": "ACTIVE", "currency": "USD", "bin": "559666", "userName": "JANE DOE",
        "createTime": "1764028800000", "cardLastFour": "4242",
        "billingAddress": {"addressLine1": "1 Market St", "addressLine2": "", "city": "San Francisco",
                           "state": "CA", "postalCode": "94105", "country": "US"},
        "label": "ads", "balanceId": "8b7a6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d", "budgetId": null,
        "cardholderId": "1926684703962181634", "referenceId": "ref-1", "cardMode": "VIRTUAL_CARD",
        "transactionLimits": [{"type": "DAY", "value": "500.00", "currency": "USD"}]
    })
}

fn card_transaction_json() -> serde_json::Value {
    json!({
        "id": "1926684703962182000", "accountId": "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23",
        "cardId": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e", "cardholderId": "1926684703962181634",
        "cardTransactionId": "ct-1", "currency": "USD", "amount": "25.00", "fee": "0",
        "feeDetails": [{"amount": "0.00", "currency": "USD", "feeType": 0}],
        "clientTransactionId": "defund-0001", "relatedCardTransactionId": null,
        "transactionDisplayId": "T123", "type": 3, "status": "CLOSED", "merchantName": null,
        "mcc": null, "transactionTime": "1764028800000", "transactionCurrency": "USD",
        "transactionAmount": "25.00", "createTime": "1764028800000", "remark": "", "detail": null
    })
}

#[test]
fn oauth() {
    let code = decode::<Authorize>(
        json!({"timestamp": 1678775522, "code": "a388b2c1d0e9f8a7b6c5d4e3f2a1a965"}),
    );
    assert_eq!(code.timestamp, Some(1678775522));
    let token = decode::<AccessToken>(json!({
        "accessToken": "0".repeat(40), "refreshToken": "1".repeat(64), "expiresIn": 86400, "timestamp": 1678775835
    }));
    assert_eq!(token.expires_in, 86400);
    let refreshed = decode::<RefreshToken>(
        json!({"accessToken": "2".repeat(40), "expiresIn": 86400, "timestamp": 1}),
    );
    assert!(refreshed.refresh_token.is_none());
}

#[test]
fn accounts() {
    let account = json!({
        "id": "a71c2d9e-4b3f-4c8a-9e10-2f5d7b6c8a91", "createTime": "2026-11-25T08:00:00.000Z", "type": 3,
        "status": "ACTIVE", "verifiedName": "Jane Doe", "verifiedNameEn": null, "displayId": "251759",
        "parentAccountId": "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23"
    });
    let page = decode::<ListAccounts>(json!({"list": [account.clone()], "total": "1"}));
    assert_eq!(page.total, 1);
    assert_eq!(page.list[0].status, Some(AccountStatus::Active));
    assert!(page.list[0].create_time.is_some());
    let registered = decode::<RegisterAccount>(
        json!({"id": "a71c2d9e-4b3f-4c8a-9e10-2f5d7b6c8a91", "displayId": "251759", "status": "ACTIVE"}),
    );
    assert_eq!(registered.display_id.as_deref(), Some("251759"));
    let case = decode::<SubmitKyc>(
        json!({"caseId": "k-1", "accountId": "a71c2d9e-4b3f-4c8a-9e10-2f5d7b6c8a91", "status": "PENDING"}),
    );
    assert_eq!(case.status, KycStatus::Pending);
    let cdd = decode::<GetCddDetail>(
        json!({"kyc": {"status": "PASSED", "level": 2}, "kyb": [{"status": "PENDING"}]}),
    );
    assert_eq!(cdd.kyc.unwrap().status, KycStatus::Passed);
    assert_eq!(cdd.kyb[0].status, KycStatus::Pending);
    assert!(decode::<InitializeAccount>(json!(true)));
    decode::<SimulateKycReview>(json!(null));
    let files = decode::<UploadFiles>(json!([{"id": "f-front-1"}, {"id": "f-selfie-1"}]));
    assert_eq!(files.ids().len(), 2);
    let one = decode::<UploadFiles>(json!({"id": "f-front-1"}));
    assert_eq!(one.ids(), vec![FileId::new("f-front-1")]);
}

#[test]
fn balances_and_transfers() {
    let balances = decode::<ListBalances>(json!({"list": [
        {"id": "8b7a6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d", "available": "1200.50", "currency": "USD", "objectType": 0},
        {"id": "b-2", "available": "0", "currency": "USD", "walletType": 2}
    ]}));
    assert_eq!(balances.list[0].available, "1200.50".parse().unwrap());
    assert_eq!(
        balances.list[1].object_type,
        Some(WalletObjectType::PrepaidCard)
    );
    decode::<ListInfinityAccountTransactions>(json!({"list": [{"id": "x"}], "total": 1}));
    let transfer = json!({"id": "t-1", "clientTransactionId": "tx-2026-0001", "amount": "250.00", "fee": "0",
        "currency": "USD", "status": "CLOSED"});
    let t = decode::<CreateExternalTransfer>(transfer.clone());
    assert_eq!(t.status, Some(TransactionStatus::Closed));
    // The answer of /docs/convert-and-withdraw-cryptocurrency.
    let internal = decode::<CreateInternalTransfer>(json!({
        "clientTransactionId": "24ec3603-293b-4f53-8d4d-ed68a3e40828",
        "id": "1986330518716162050", "status": "CLOSED", "accountTransferType": "SAME_ACCOUNT",
        "from": {"id": "63b2af21", "transferId": "984ccaad", "accountId": "b27c8873", "amount": "10",
                 "rate": 1, "currency": "USD", "businessType": 0,
                 "fees": [{"feeType": 0, "amount": "0", "currency": "USD"}]},
        "to": {"id": "b27c8873", "transferId": "1f0e", "amount": "10", "rate": 1, "currency": "USD",
               "businessType": 2, "fees": []}
    }));
    assert_eq!(
        internal.account_transfer_type.as_deref(),
        Some("SAME_ACCOUNT")
    );
    let from = internal.from.unwrap();
    assert_eq!(from.transfer_id.as_deref(), Some("984ccaad"));
    assert_eq!(from.fees[0].amount, Some("0".parse().unwrap()));
    assert_eq!(
        internal.to.unwrap().business_type,
        Some(BusinessType::CryptoConnectWallet)
    );
    decode::<ListBusinessTransfers>(json!({"list": [transfer], "total": "1"}));
    decode::<ListBusinessAccountTransactions>(json!({"list": [], "total": "0"}));
    decode::<CreateVirtualBankAccount>(json!({"accountNumber": "123"}));
}

#[test]
fn bins() {
    let bins = decode::<ListCardBins>(json!({"list": [{
        "id": "1926684703962181633", "bin": "559666", "type": 0, "currencies": ["USD"], "network": "Master",
        "verification": {"avs": true, "threeDs": true},
        "purchaseLimit": {"day": "10000.00", "single": "5000.00", "lifetime": "100000.00"},
        "supportPhysicalCard": false
    }], "total": 94}));
    assert_eq!(bins.total, 94);
    assert_eq!(bins.list[0].id, BinId::new("1926684703962181633"));
    assert!(bins.list[0].verification.as_ref().unwrap().three_ds);
    decode::<ListCardBinsUnderMaintenance>(json!({"list": [], "total": "0"}));
    let rec = decode::<GetBinRecommendation>(
        json!([{"successRate": 1, "platformLabel": "Shopee"}, {"successRate": 0.8, "platformLabel": "Agoda"}]),
    );
    assert_eq!(rec[1].platform_label, "Agoda");
}

#[test]
fn cardholders() {
    let holder = json!({"id": "1926684703962181634", "status": "PENDING", "cardBinList": ["1926684703962181633"]});
    let h = decode::<CreateCardholder>(holder.clone());
    assert_eq!(h.status, Some(CardholderStatus::Pending));
    decode::<ListCardholders>(json!({"list": [holder.clone()], "total": "1"}));
    let got = decode::<GetCardholder>(
        json!({"id": "1926684703962181634", "status": "INACTIVE", "rejectReason": "blurry id"}),
    );
    assert_eq!(got.reject_reason.as_deref(), Some("blurry id"));
    decode::<CreateCardholderV2>(json!("1926684703962181634"));
}

#[test]
fn budgets() {
    let budget = json!({"id": "5d8a3b1c-7e2f-4d6a-9b0c-3e1f2a4b5c6d", "accountId": "a", "name": "Marketing Q1",
        "available": "0.00", "currency": "USD"});
    // The reference: `data` is the new budget's UUID; the object is accepted too.
    let created = decode::<CreateBudget>(json!("5d8a3b1c-7e2f-4d6a-9b0c-3e1f2a4b5c6d"));
    assert_eq!(
        created,
        CreatedBudget::Id(BudgetId::new("5d8a3b1c-7e2f-4d6a-9b0c-3e1f2a4b5c6d"))
    );
    let created = decode::<CreateBudget>(budget.clone());
    assert!(
        matches!(&created, CreatedBudget::Budget(b) if b.name.as_deref() == Some("Marketing Q1"))
    );
    assert_eq!(
        created.id().as_str(),
        "5d8a3b1c-7e2f-4d6a-9b0c-3e1f2a4b5c6d"
    );
    decode::<ListBudgets>(json!({"list": [budget], "total": "1"}));
    decode::<UpdateBudget>(json!(null));
    decode::<DeleteBudget>(json!(true));
    let tx = json!({"id": "1926684703962181999", "budgetId": "5d8a3b1c-7e2f-4d6a-9b0c-3e1f2a4b5c6d", "amount": "500.00",
        "currency": "USD", "status": "CLOSED", "transactionTime": "1764028800000"});
    let t = decode::<BudgetTransferIn>(tx.clone());
    assert_eq!(t.amount, Some("500".parse().unwrap()));
    decode::<BudgetTransferOut>(tx.clone());
    decode::<GetBudgetTransaction>(tx);
}

#[test]
fn cards() {
    let page = decode::<ListCards>(json!({"list": [card_json()], "total": "1"}));
    let card = &page.list[0];
    assert_eq!(card.status, Some(CardStatus::Active));
    assert_eq!(card.transaction_limits[0].period, VelocityPeriod::Day);
    assert_eq!(card.create_time.unwrap().unix_millis(), 1764028800000);
    decode::<GetCardPrivateInfo>(json!({"cardNumber": "ab12", "cvv": "cd34"}));
    decode::<GetCardAccessToken>(json!({"accessToken": "one-time"}));
    decode::<DeleteCard>(json!(null));
    decode::<FreezeCard>(json!(null));
    decode::<UnfreezeCard>(json!(true));
    decode::<SetVelocityControl>(json!(null));
    let created = decode::<CreatePrepaidCard>(card_json());
    assert_eq!(created.card_mode, Some(CardMode::Virtual));
    decode::<BatchCreatePrepaidCards>(json!({"taskId": "task-1"}));
    decode::<CreateBudgetCard>(card_json());
    decode::<BatchCreateBudgetCards>(json!({"taskId": "task-2"}));
    let summary = decode::<GetCardSummary>(json!({
        "cardId": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e", "accountId": "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23",
        "balance": {"id": "8b7a6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d", "available": "150.00", "currency": "USD"},
        "statistics": {"consumption": "0.00", "reversal": "0.00", "reversalFee": "0.00", "refund": "0.00",
                       "refundFee": "0.00", "netConsumption": "0.00", "currency": "USD"},
        "velocityControl": {"type": "LIFETIME", "limit": "1000.00", "available": "850.00"}
    }));
    assert_eq!(summary.balance.available.to_string(), "150.00");
    assert_eq!(
        summary.velocity_control.unwrap().period,
        VelocityPeriod::Lifetime
    );
    decode::<UpdateCard>(json!(null));
    decode::<CheckCardCreation>(json!({"pass": true}));
}

#[test]
fn card_transactions() {
    let t = decode::<CardTransferOut>(card_transaction_json());
    assert_eq!(t.transaction_type, Some(CardTransactionType::TransferOut));
    assert_eq!(t.status, Some(TransactionStatus::Closed));
    assert_eq!(t.fee_details[0].fee_type, 0);
    decode::<CardTransferIn>(card_transaction_json());
    let page =
        decode::<ListCardTransactions>(json!({"list": [card_transaction_json()], "total": "1"}));
    assert_eq!(page.list.len(), 1);
    decode::<GetCardTransaction>(card_transaction_json());
}

#[test]
fn physical_cards_wallets_and_payouts() {
    decode::<ListPhysicalCardFees>(
        json!([{"type": "production", "fee": "5.00"}, {"type": "shipping", "fee": "15.00"}]),
    );
    // The answer of /docs/cryptoconnect-integration-for-mor-mode.
    let wallet = json!({"id": "60c667cd-06f4-48c0-85ca-24e570097685",
        "referenceId": "92a86ee7-5bb7-4272-afdb-3865bea9a2d5", "accountId": "b27c8873",
        "nickname": "Developer", "master": false,
        "balances": [{"currency": "USDC", "available": "0", "frozen": "0"},
                     {"currency": "USDT", "available": "0", "frozen": "0"}],
        "addresses": []});
    let created = decode::<CreateWallet>(wallet.clone());
    assert_eq!(created.master, Some(false));
    assert_eq!(created.balances[1].currency, "USDT");
    decode::<ListWallets>(json!({"list": [wallet.clone()], "total": "1"}));
    decode::<GetWallet>(wallet.clone());
    decode::<GetWalletV2>(wallet.clone());
    let v2 = decode::<ListWalletsV2>(json!({"data": [wallet.clone()]}));
    assert_eq!(v2.data.len(), 1);
    decode::<UpdateWallet>(wallet);
    // The answer of /update/docs/cryptoconnect-converting-overview.
    let pair = decode::<GetCurrencyPair>(json!({"symbol": "USDC-USD", "baseCurrency": "USDC",
        "baseMin": "0.5", "quoteCurrency": "USD", "quoteMin": "0.5"}));
    assert_eq!(pair.base_min, Some("0.5".parse().unwrap()));
    // The answer of /docs/crypto-asset-send-account-funds-externally.
    let withdrawal = decode::<CreateAssetWithdrawalV1>(
        json!({"id": "fda5dd13", "accountId": "d37deed7",
        "balanceId": "93ca2b1a", "chain": "ETH", "currency": "USDC", "amount": "1.01", "fee": "0",
        "status": "Pending", "createTime": "2023-03-15T03:06:46.000Z", "updateTime": "2023-03-15T03:06:46.000Z"}),
    );
    assert_eq!(withdrawal.amount, Some("1.01".parse().unwrap()));
    decode::<CreateBlockchainAddress>(json!({"address": "TXYZ", "chain": "TRON"}));
    decode::<ListBlockchainTransfers>(json!({"list": [], "total": "0"}));
    decode::<Sweep>(json!(null));
    decode::<GetExchangeRate>(json!({"rate": "0.92"}));
    decode::<GetQuotation>(json!({"id": "q-123"}));
    decode::<CreatePayout>(json!({"id": "po-1", "status": "PENDING"}));
    decode::<ListPayouts>(json!({"list": [{"id": "po-1"}], "total": 1}));
    decode::<GetPayout>(json!({"id": "po-1"}));
    decode::<CreatePayee>(json!({"id": "p-1"}));
    decode::<GetPayee>(json!({"id": "p-1"}));
    decode::<ListPayees>(json!({"list": [], "total": "0"}));
}

#[test]
fn a_mismatched_sample_is_an_error_not_a_panic() {
    let text = json!({"list": [{"id": 5}], "total": "x"}).to_string();
    assert!(<<ListCards as Endpoint>::Response as FromData>::from_data(Some(&text)).is_err());
}

#[test]
fn legacy_v1() {
    let v1 = json!({"data": [{"id": "a-1", "type": "MasterAccount", "status": "Active", "name": "Acme"}], "pageTotal": 1, "total": 1});
    let accounts = decode::<ListAccountsV1>(v1.clone());
    assert_eq!(
        (accounts.data.len(), accounts.page_total, accounts.total),
        (1, 1, 1)
    );
    decode::<ListCardsV1>(v1);
    decode::<CreateCardV1>(json!({"id": "c-1"}));
    decode::<SuspendCardV1>(json!(null));
    decode::<EnableCardV1>(json!(true));
    decode::<AddBudgetV1>(json!({"id": "t-1"}));
    decode::<SubtractBudgetV1>(json!({"id": "t-2"}));
    decode::<RegisterAccountV1>(json!({"id": "a-2"}));
}
