//! Amounts of money as people type them (`75`, `75.50`, `£1,250.00`) and as
//! letters print them (`£75.50`), held as whole pence.

/// An amount that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an amount of money: use pounds and pence, such as 75.50")]
pub struct BadAmount(pub String);

/// Reads pounds (and optional pence) into pence.
pub fn parse_pounds(text: &str) -> Result<u32, BadAmount> {
    let bad = || BadAmount(text.to_owned());
    let cleaned = text.trim().trim_start_matches('£').replace(',', "");
    let (pounds, pennies) = cleaned.split_once('.').unwrap_or((&cleaned, "00"));
    if pounds.is_empty() || pennies.len() > 2 || !pennies.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let pennies: u32 = format!("{pennies:0<2}").parse().map_err(|_| bad())?;
    pounds
        .parse::<u32>()
        .ok()
        .and_then(|p| p.checked_mul(100))
        .and_then(|p| p.checked_add(pennies))
        .ok_or_else(bad)
}

/// `£75.50`.
pub fn format_pence(pence: u32) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_typed() {
        assert_eq!(parse_pounds("75"), Ok(7500));
        assert_eq!(parse_pounds("£75.5"), Ok(7550));
        assert_eq!(parse_pounds(" £1,250.05 "), Ok(125_005));
        for bad in ["", "£", "ten", "1.234", "-5", "5.x"] {
            assert_eq!(parse_pounds(bad), Err(BadAmount(bad.to_owned())), "{bad}");
        }
    }

    #[test]
    fn amounts_print_in_pounds() {
        assert_eq!(format_pence(7550), "£75.50");
        assert_eq!(format_pence(5), "£0.05");
    }
}
