// A declaration without `client_method` gets no `<Name>Ext` trait; the
// request is sent with the client's generic `send`, and with `stream` when
// it is paginated.
use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[derive(Debug, serde::Deserialize)]
pub struct Points {
    pub balance: u64,
}

#[interlace_endpoint(GET "/open-api/v3/loyalty/points", response = Points,
    unlisted = "a private endpoint our account manager enabled")]
pub struct ListPoints {
    pub account_id: AccountId,
}

async fn points(client: &interlace::Client) -> Result<Points, interlace::Error> {
    client.send(ListPoints::new(AccountId::new("a"))).await
}

fn main() {
    let _ = points;
}
