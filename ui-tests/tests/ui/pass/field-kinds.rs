// Every numeric and `Option` field kind the specs use, and the other
// numeric kinds a user may declare, each set from a literal or `.parse()`
// without a type suffix.
use interlace::prelude::*;
use interlace::interlace_endpoint;

#[interlace_endpoint(POST "/open-api/v3/own/numbers", unlisted = "an endpoint of our own")]
pub struct Numbers {
    pub count: u32,
    pub total: u64,
    pub offset: i64,
    pub ratio: f64,
    pub enabled: bool,
    pub cost: Amount,
    pub max_count: Option<u32>,
    pub max_total: Option<u64>,
    pub min_offset: Option<i64>,
    pub weight: Option<f64>,
    pub verbose: Option<bool>,
    pub fee: Option<Amount>,
    pub note: Option<String>,
    pub card_id: Option<CardId>,
    pub mode: Option<CardMode>,
    pub extra: Option<serde_json::Value>,
    pub tags: Vec<String>,
}

fn build(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Declared here: literals and parse results infer the field's type.
    let _ = Numbers::new(50, 5_000, -3, 0.5, true, text.parse()?, vec!["a".to_string()])
        .max_count(100)
        .max_total(10)
        .min_offset(-1)
        .weight(1.5)
        .verbose(false)
        .fee(text.parse()?)
        .note("a literal")
        .card_id("c-1")
        .mode(CardMode::Virtual)
        .extra(serde_json::json!({"k": 1}));
    let _ = Numbers::new(text.parse()?, text.parse()?, text.parse()?, text.parse()?, text.parse()?,
        Amount::from_cents(100), Vec::new());

    // The facade's own kinds: Option<u32> pages, Amount and Option<Amount>,
    // ids from literals, Option<id> and Option<String>.
    let account = AccountId::new("a-1");
    let _ = ListCards::new("a-1").limit(50).page(2).card_id("c-1").budget_id("b-1").label("ads");
    let _ = ListCardTransactions::new(account.clone()).limit(10).page(1).card_id("c-1");
    let _ = CreatePrepaidCard::new("a-1", "bin-1", "ch-1", "ref-1", CardMode::Physical)
        .amount(text.parse()?)
        .use_type("default");
    let _ = CardTransferIn::new(account, "c-1", "t-1", text.parse()?);
    Ok(())
}

fn main() {
    let _ = build;
}
