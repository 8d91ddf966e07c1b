//! The card-issuing flow of the quickstart, shared with its integration test.

use std::fmt::Display;
use std::io::Write;
use std::time::Instant;

use interlace::accounts::{Address, ListAccounts, ListAccountsExt};
use interlace::bins::{ListCardBins, ListCardBinsExt};
use interlace::card_transactions::{CardTransferIn, CardTransferInExt};
use interlace::cardholders::{CreateCardholder, CreateCardholderExt, CreateCardholderRequired};
use interlace::cards::{
    Card, CardSummary, CreatePrepaidCard, CreatePrepaidCardExt, FreezeCard, FreezeCardExt,
    GetCardSummary, GetCardSummaryExt, ListCards, ListCardsExt, UnfreezeCard, UnfreezeCardExt,
};
use interlace::types::{AccountId, Amount, CardMode, CardStatus};
use interlace::{Client, Error};

/// What the flow produced; the integration test checks it.
#[derive(Debug)]
#[allow(dead_code)]
pub struct Outcome {
    pub account_id: AccountId,
    pub card: Card,
    pub summary: CardSummary,
    pub listed_cards: u64,
    pub status_after_freeze: Option<CardStatus>,
    pub status_after_unfreeze: Option<CardStatus>,
}

/// Prints one step: its number, what was called, the answer's key fields, and the time it took.
fn step(out: &mut dyn Write, n: &str, call: &str, started: Instant, answer: impl Display) {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let _ = writeln!(out, "{n:>3} {call:<40} {ms:>7.1} ms  {answer}");
}

/// Runs the nine steps. `account` is `INTERLACE_ACCOUNT_ID` when set.
pub async fn run(
    client: &Client,
    account: Option<AccountId>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let t = Instant::now();
    client.authenticate().await?;
    step(
        out,
        "1.",
        "Get a token (authorize, access-token)",
        t,
        "token cached; never printed",
    );

    let t = Instant::now();
    let accounts = client
        .list_accounts(ListAccounts::new().limit(10u32))
        .await?;
    step(
        out,
        "2.",
        "List all accounts",
        t,
        format!("{} account(s)", accounts.total),
    );
    let account_id = match account {
        Some(id) => id,
        None => match accounts.list.first() {
            Some(a) => a.id.clone(),
            None => {
                return Err(Error::config(
                    "INTERLACE_ACCOUNT_ID",
                    "no account to use: set INTERLACE_ACCOUNT_ID",
                ));
            }
        },
    };
    let _ = writeln!(out, "    using account {account_id}");

    let t = Instant::now();
    let bins = client
        .list_card_bins(ListCardBins::new(account_id.clone()))
        .await?;
    let Some(bin) = bins.list.first() else {
        return Err(Error::config(
            "account",
            format!("account {account_id} has no card BIN"),
        ));
    };
    step(
        out,
        "3.",
        "List all available card BINs",
        t,
        format!(
            "{} BIN(s); using {} ({})",
            bins.list.len(),
            bin.bin,
            bin.network
        ),
    );

    let t = Instant::now();
    let address = Address {
        address_line1: "1 Market St".into(),
        address_line2: None,
        city: "San Francisco".into(),
        state: "CA".into(),
        country: "US".into(),
        postal_code: "94105".into(),
    };
    let holder = client
        .create_cardholder(
            // Eleven required fields, eight of them strings: named, so that
            // swapping two is visible and leaving one out does not compile.
            CreateCardholder::from_required(CreateCardholderRequired {
                account_id: account_id.clone(),
                bin_id: bin.id.clone(),
                first_name: "Ada".into(),
                last_name: "Lovelace".into(),
                email: "ada@example.com".into(),
                dob: "1990-12-10".into(),
                gender: "F".into(),
                nationality: "US".into(),
                phone_number: "4155550100".into(),
                phone_country_code: "1".into(),
                address,
            })
            .cardholder_tier("CONSUMER"),
        )
        .await?;
    step(
        out,
        "4.",
        "Create a cardholder",
        t,
        format!("cardholder {}", holder.id),
    );

    let t = Instant::now();
    let reference = format!("quickstart-{}", uuid_like());
    let card = client
        .create_prepaid_card(
            CreatePrepaidCard::new(
                account_id.clone(),
                bin.id.clone(),
                holder.id.clone(),
                reference,
                CardMode::Virtual,
            )
            .label("quickstart"),
        )
        .await?;
    step(
        out,
        "5.",
        "Create Prepaid Card (Idempotency-Key)",
        t,
        format!(
            "card {} ending {}",
            card.id,
            card.card_last_four.as_deref().unwrap_or("????")
        ),
    );

    let t = Instant::now();
    let amount: Amount = Amount::from_cents(15_000);
    let tx = client
        .card_transfer_in(CardTransferIn::new(
            account_id.clone(),
            card.id.clone(),
            format!("fund-{}", uuid_like()),
            amount,
        ))
        .await?;
    step(
        out,
        "6.",
        "Prepaid Card transfer in",
        t,
        format!(
            "{amount} USD, status {}",
            tx.status
                .map_or_else(|| "unknown".into(), |s| s.to_string())
        ),
    );

    let t = Instant::now();
    let summary = client
        .get_card_summary(GetCardSummary::new(card.id.clone(), account_id.clone()))
        .await?;
    step(
        out,
        "7.",
        "Get Card Summary",
        t,
        format!(
            "available {} {}",
            summary.balance.available, summary.balance.currency
        ),
    );

    let t = Instant::now();
    let cards = client
        .list_cards(ListCards::new(account_id.clone()).limit(50u32))
        .await?;
    step(
        out,
        "8.",
        "List all cards",
        t,
        format!("{} card(s)", cards.total),
    );

    let status_of = |client: &Client, account_id: AccountId, card: &Card| {
        let request = ListCards::new(account_id).card_id(card.id.clone());
        let client = client.clone();
        async move {
            client
                .list_cards(request)
                .await
                .map(|p| p.list.first().and_then(|c| c.status.clone()))
        }
    };
    let t = Instant::now();
    client
        .freeze_card(FreezeCard::new(card.id.clone(), account_id.clone()))
        .await?;
    let status_after_freeze = status_of(client, account_id.clone(), &card).await?;
    step(
        out,
        "9a.",
        "Freeze Card",
        t,
        format!("status {}", show(&status_after_freeze)),
    );

    let t = Instant::now();
    client
        .unfreeze_card(UnfreezeCard::new(card.id.clone(), account_id.clone()))
        .await?;
    let status_after_unfreeze = status_of(client, account_id.clone(), &card).await?;
    step(
        out,
        "9b.",
        "Unfreeze Card",
        t,
        format!("status {}", show(&status_after_unfreeze)),
    );

    Ok(Outcome {
        account_id,
        card,
        summary,
        listed_cards: cards.total,
        status_after_freeze,
        status_after_unfreeze,
    })
}

fn show(status: &Option<CardStatus>) -> String {
    status
        .as_ref()
        .map_or_else(|| "unknown".to_string(), ToString::to_string)
}

/// A short unique suffix for reference ids.
fn uuid_like() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!("{nanos:x}")
}
