//! "Did you mean": the nearest candidates by edit distance.

/// Up to three candidates close to `wrong`, nearest first. Close means an
/// edit distance within a third of the longer name (at least 1), as rustc
/// judges names, compared
/// without case so that `accountID` finds `accountId`.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    within(wrong, candidates, 3)
}

/// Like [`nearest`] for paths, which share long prefixes: within a sixth.
pub fn nearest_path<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    within(wrong, candidates, 6)
}

fn within<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    divisor: usize,
) -> Vec<&'a str> {
    let wrong_lower = wrong.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != wrong)
        .map(|c| {
            (
                strsim::levenshtein(&wrong_lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= (wrong.len().max(c.len()) / divisor).max(1))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    // Only the nearest: one edit away beats four edits away.
    let best = scored.first().map_or(0, |(d, _)| *d);
    scored.retain(|(d, _)| *d <= best + 1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// `; did you mean `a`?` or `; did you mean `a` or `b`?`, or nothing.
pub fn did_you_mean(options: &[&str], quote: &str) -> String {
    match options {
        [] => String::new(),
        [one] => format!("; did you mean {quote}{one}{quote}?"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|o| format!("{quote}{o}{quote}")).collect();
            format!(
                "; did you mean {} or {quote}{last}{quote}?",
                init.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let names = ["accountId", "cardId", "label", "referenceId"];
        assert_eq!(nearest("acountId", names), ["accountId"]);
        assert_eq!(nearest("accountID", names), ["accountId"]);
        assert!(nearest("merchantName", names).is_empty());
        assert_eq!(
            nearest("cardLast4", ["cardLastFour", "cardId"]),
            ["cardLastFour"]
        );
        assert_eq!(
            nearest_path(
                "/open-api/v3/card/bin",
                ["/open-api/v3/card/bins", "/open-api/v3/card-list"]
            ),
            ["/open-api/v3/card/bins"]
        );
        assert_eq!(did_you_mean(&["a", "b"], "`"), "; did you mean `a` or `b`?");
    }
}
