//! The core's vocabularies and setting keys as the command line offers
//! them: an option's help lists the core's words (slug and label), and
//! what is typed is passed on as typed, for the core to read (it also
//! takes labels and the usual other names, and refuses the rest in its
//! own words). No word is written out here.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use redress::case::Vocabulary;

/// A value parser for an option that takes one of `V`'s words.
pub struct Words<V>(PhantomData<fn() -> V>);

impl<V> Clone for Words<V> {
    fn clone(&self) -> Self {
        Words(PhantomData)
    }
}

/// The parser for an option taking a word of `V`.
pub fn of<V: Vocabulary + 'static>() -> Words<V> {
    Words(PhantomData)
}

impl<V: Vocabulary + 'static> TypedValueParser for Words<V> {
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
        Some(Box::new(
            V::words()
                .into_iter()
                .map(|(slug, label)| PossibleValue::new(slug).help(label)),
        ))
    }
}

/// The value parser for `settings set`'s key: the core's keys, each with
/// what it takes.
#[derive(Clone)]
pub struct SettingKeys;

impl TypedValueParser for SettingKeys {
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
        Some(Box::new(
            redress::settings::SETTING_KEYS
                .iter()
                .map(|key| PossibleValue::new(key.name).help(key.takes)),
        ))
    }
}
