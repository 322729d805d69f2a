//! Telling whether two complainants are the same person. One rule links a
//! new case without asking: the same email address, compared without case.
//! Weaker likenesses (the same phone, the same name and postcode, names that
//! differ only by accents or case) are only offered to an officer, who
//! decides. An anonymous complainant is never matched to anyone.

use unicode_normalization::UnicodeNormalization;

use crate::case::Complainant;

/// Why a complainant may be a person already on record, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchReason {
    /// The same email address: linked without asking.
    SameEmail,
    /// The same phone number, however it was written.
    SamePhone,
    /// The same name and the same postcode.
    SameNameAndPostcode,
    /// The same name, ignoring accents and case (Sian and Siân).
    SameName,
}

impl MatchReason {
    /// The reason as an officer reads it.
    pub fn label(self) -> &'static str {
        match self {
            MatchReason::SameEmail => "Same email address",
            MatchReason::SamePhone => "Same phone number",
            MatchReason::SameNameAndPostcode => "Same name and postcode",
            MatchReason::SameName => "Same name (ignoring accents and capitals)",
        }
    }
}

/// The keys a person is found by; `None` where the detail is blank or the
/// person is anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatchKeys {
    /// The email address, trimmed and in lower case.
    pub email: Option<String>,
    /// The name in lower case without accents or punctuation.
    pub name: Option<String>,
    /// The phone number's digits, a leading +44 written as 0.
    pub phone: Option<String>,
    /// The postcode in capitals without spaces.
    pub postcode: Option<String>,
}

impl MatchKeys {
    /// The keys of a complainant's details (none at all when anonymous).
    pub fn of(details: &Complainant) -> MatchKeys {
        if details.anonymous {
            return MatchKeys::default();
        }
        MatchKeys {
            email: email_key(&details.email),
            name: name_key(&details.name),
            phone: phone_key(&details.phone),
            postcode: postcode_key(&details.postcode),
        }
    }

    /// Why `other` may be the same person as these keys describe, strongest
    /// first; empty when nothing matches.
    pub fn reasons(&self, other: &MatchKeys) -> Vec<MatchReason> {
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        let mut reasons = Vec::new();
        if same(&self.email, &other.email) {
            reasons.push(MatchReason::SameEmail);
        }
        if same(&self.phone, &other.phone) {
            reasons.push(MatchReason::SamePhone);
        }
        if same(&self.name, &other.name) {
            if same(&self.postcode, &other.postcode) {
                reasons.push(MatchReason::SameNameAndPostcode);
            } else {
                reasons.push(MatchReason::SameName);
            }
        }
        reasons
    }
}

/// An email address as compared: trimmed, lower case.
pub fn email_key(email: &str) -> Option<String> {
    let key = email.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// A name as compared: accents dropped (Siân is Sian), lower case, letters
/// and digits only, single spaces between words.
pub fn name_key(name: &str) -> Option<String> {
    let folded: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let key = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!key.is_empty()).then_some(key)
}

/// A phone number as compared: its digits, with a leading `44` (from +44 or
/// 0044) written as the UK's `0`; too few digits to be a number is none.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.strip_prefix("0044").or_else(|| {
        phone
            .trim_start()
            .starts_with('+')
            .then(|| digits.strip_prefix("44"))
            .flatten()
    }) {
        // "+44 (0)1623 ..." already has its 0.
        Some(rest) if rest.starts_with('0') => rest.to_owned(),
        Some(rest) => format!("0{rest}"),
        None => digits,
    };
    (digits.len() >= 6).then_some(digits)
}

/// A postcode as compared: capitals, letters and digits only.
pub fn postcode_key(postcode: &str) -> Option<String> {
    let key: String = postcode
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, email: &str, phone: &str, postcode: &str) -> Complainant {
        Complainant {
            name: name.to_owned(),
            email: email.to_owned(),
            phone: phone.to_owned(),
            postcode: postcode.to_owned(),
            ..Complainant::default()
        }
    }

    #[test]
    fn the_same_email_in_other_letter_case_matches() {
        let a = MatchKeys::of(&person("Ann Lee", " Ann.Lee@Example.org ", "", ""));
        let b = MatchKeys::of(&person("A Lee", "ann.lee@example.org", "", ""));
        assert_eq!(a.reasons(&b), vec![MatchReason::SameEmail]);
    }

    #[test]
    fn names_that_differ_only_by_accents_or_case_are_offered() {
        let a = MatchKeys::of(&person("Siân Ellis", "", "", "LL55 1AA"));
        let b = MatchKeys::of(&person("sian  ellis", "other@example.org", "", "ll551aa"));
        let c = MatchKeys::of(&person("SIAN ELLIS", "", "", "CF10 1AA"));
        assert_eq!(a.reasons(&b), vec![MatchReason::SameNameAndPostcode]);
        assert_eq!(a.reasons(&c), vec![MatchReason::SameName]);
    }

    #[test]
    fn phone_numbers_match_however_written() {
        assert_eq!(
            phone_key("+44 (0)1623 463463"),
            Some("01623463463".to_owned())
        );
        assert_eq!(phone_key("+44 1623 463463"), phone_key("01623 463463"));
        assert_eq!(phone_key("0044 1623 463463"), phone_key("01623-463-463"));
        assert_eq!(phone_key("999"), None);
    }

    #[test]
    fn an_anonymous_complainant_never_matches() {
        let mut anon = person("Ann Lee", "ann@example.org", "01623 463463", "NG18 1HU");
        anon.anonymous = true;
        let named = MatchKeys::of(&person(
            "Ann Lee",
            "ann@example.org",
            "01623 463463",
            "NG18 1HU",
        ));
        assert!(MatchKeys::of(&anon).reasons(&named).is_empty());
        assert!(named.reasons(&MatchKeys::of(&anon)).is_empty());
    }

    #[test]
    fn blank_details_never_match() {
        let a = MatchKeys::of(&person("", "", "", ""));
        assert!(a.reasons(&a.clone()).is_empty());
    }
}
