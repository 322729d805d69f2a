//! What the store's tests share: recording a case and taking steps as the
//! application service does, under the rules of the store's settings as
//! they are now (the store is told the rules; it never reads them itself).

#![allow(dead_code)]

use redress::case::{Case, CaseCommand, NewCase, Record};
use redress_store::{Actor, Recorded, Store, StoreError, Under};

/// Records `intake` under the settings in force, as a person now.
pub fn record(store: &mut Store, intake: NewCase, actor: &Actor) -> Result<Recorded, StoreError> {
    let settings = store.settings()?;
    let calendar = settings.calendar();
    let under = Under::new(&settings, &calendar, actor.today, Record::Live);
    store.create_case(intake, actor, under)
}

/// Takes `commands` on the case `reference` as one transaction, under the
/// settings in force, as a person now.
pub fn take(
    store: &mut Store,
    reference: &str,
    commands: Vec<CaseCommand>,
    actor: &Actor,
) -> Result<Case, StoreError> {
    let settings = store.settings()?;
    let calendar = settings.calendar();
    let under = Under::new(&settings, &calendar, actor.today, Record::Live);
    store.apply_all(reference, commands, actor, under.rules)
}
