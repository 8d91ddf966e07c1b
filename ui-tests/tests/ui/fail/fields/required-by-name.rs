// A request with many required fields is also built from a struct that
// names each one: leaving one out does not compile.
use interlace::cardholders::{CreateCardholder, CreateCardholderRequired};
use interlace::accounts::Address;
use interlace::types::{AccountId, BinId};

fn main() {
    let address = Address {
        address_line1: "1 Market St".into(),
        address_line2: None,
        city: "San Francisco".into(),
        state: "CA".into(),
        country: "US".into(),
        postal_code: "94105".into(),
    };
    let _ = CreateCardholder::from_required(CreateCardholderRequired {
        account_id: AccountId::new("a"),
        bin_id: BinId::new("b"),
        first_name: "Ada".into(),
        email: "ada@example.com".into(),
        dob: "1990-12-10".into(),
        gender: "F".into(),
        nationality: "US".into(),
        phone_number: "4155550100".into(),
        phone_country_code: "1".into(),
        address,
    });
}
