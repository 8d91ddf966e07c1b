use interlace::interlace_model;

#[interlace_model("Cards")]
#[derive(Debug, serde::Deserialize)]
pub struct Card {
    pub id: String,
}

fn main() {}
