//! The core's vocabularies and setting keys as the command line offers
//! them: an option's help lists the core's words (slug and label), and
//! what is typed is passed on as typed, for the core to read (it also
//! takes labels and the usual other names, and refuses the rest in its
//! own words). No word is written out here.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use redress::case::Vocabulary;

/// A value parser whose help lists words the core gives: (word, what it
/// means).
#[derive(Clone)]
pub struct Listed(fn() -> Vec<(&'static str, &'static str)>);

/// The parser for an option taking a word of `V`.
pub fn of<V: Vocabulary>() -> Listed {
    Listed(V::words)
}

/// The parser for `settings set`'s key: the core's keys, each with what
/// it takes.
pub fn setting_keys() -> Listed {
    Listed(|| {
        redress::settings::SETTING_KEYS
            .iter()
            .map(|key| (key.name, key.takes))
            .collect()
    })
}

impl TypedValueParser for Listed {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(|(word, meaning)| {
            PossibleValue::new(word).help(meaning)
        })))
    }
}
