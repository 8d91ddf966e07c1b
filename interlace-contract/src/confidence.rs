//! How sure the contract is of an operation or a field
//! (`x-interlace-confidence`).

use std::fmt;

/// How sure the contract is of an operation or a field.
///
/// Only [`Confidence::Documented`] and [`Confidence::SeenWorking`] rest on
/// evidence; the rest are guesses, which a check may warn about but must not
/// refuse.
///
/// ```
/// use interlace_contract::Confidence;
///
/// assert_eq!("name-only".parse::<Confidence>(), Ok(Confidence::NameOnly));
/// assert!(Confidence::NameOnly.is_guess());
/// assert!(!Confidence::Documented.is_guess());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    /// Method, path and fields shown on an official reference page.
    Documented,
    /// Observed in traffic against the real API.
    SeenWorking,
    /// Taken from third-party code that calls the API.
    ThirdParty,
    /// Taken from Interlace's unofficial SDK.
    UnofficialSdk,
    /// Only the name is known; the shape is guessed.
    NameOnly,
}

impl Confidence {
    /// Every level, most certain first.
    pub const ALL: [Self; 5] = [
        Self::Documented,
        Self::SeenWorking,
        Self::ThirdParty,
        Self::UnofficialSdk,
        Self::NameOnly,
    ];

    /// The value as the document spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Documented => "documented",
            Self::SeenWorking => "seen-working",
            Self::ThirdParty => "third-party",
            Self::UnofficialSdk => "unofficial-sdk",
            Self::NameOnly => "name-only",
        }
    }

    /// Whether the fact rests on no official page and no observation.
    pub fn is_guess(self) -> bool {
        !matches!(self, Self::Documented | Self::SeenWorking)
    }
}

impl std::str::FromStr for Confidence {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "`{s}` is not a confidence; expected one of {}",
                    Self::ALL.map(Self::as_str).join(", ")
                )
            })
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
