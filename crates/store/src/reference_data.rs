//! Reference data every case points at: service areas, categories and
//! officers, all editable by the council.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::events::uuid_v7_at;
use super::{Actor, Store, StoreError};
use redress::case::{Named, OfficerRef, Role};

/// An officer who handles or reviews complaints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    /// Id in the store.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The service area they work in.
    pub service_area: Option<Named>,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// What they may do in the procedure.
    pub roles: Vec<Role>,
    /// When they retired (left), if they have: kept on their old cases,
    /// not offered for new work.
    pub retired_on: Option<chrono::NaiveDate>,
}

impl Officer {
    /// How a case refers to this officer.
    pub fn as_ref(&self) -> OfficerRef {
        OfficerRef {
            id: self.id,
            name: self.name.clone(),
            service_area_id: self.service_area.as_ref().map(|a| a.id),
        }
    }
}

/// An officer to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOfficer {
    /// Name (unique).
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The service area's name (created if new).
    pub service_area: Option<String>,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// What they may do in the procedure.
    pub roles: Vec<Role>,
}

/// Roles as stored: slugs, comma-separated, in the vocabulary's order.
fn roles_text(roles: &[Role]) -> String {
    let mut roles = roles.to_vec();
    roles.sort_unstable();
    roles.dedup();
    roles.iter().map(|r| r.slug()).collect::<Vec<_>>().join(",")
}

fn read_roles(text: &str) -> Vec<Role> {
    // An unknown slug (from a newer version) is left out rather than refused.
    text.split(',')
        .filter_map(|slug| slug.trim().parse().ok())
        .collect()
}

/// The named row in `table` (`service_areas` or `categories`), if any.
pub(super) fn lookup_named(
    conn: &Connection,
    table: &str,
    name: &str,
) -> Result<Option<Named>, StoreError> {
    let found = conn
        .prepare_cached(&format!("SELECT id, name FROM {table} WHERE name = ?1"))?
        .query_row([name.trim()], |r| {
            Ok(Named {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
        .optional()?;
    Ok(found)
}

fn what(table: &str) -> &'static str {
    if table == "categories" {
        "category"
    } else {
        "service area"
    }
}

/// The named row in `table`; a name not in the council's list is refused
/// with the list, never added by accident.
pub(super) fn find_named(conn: &Connection, table: &str, name: &str) -> Result<Named, StoreError> {
    if let Some(found) = lookup_named(conn, table, name)? {
        return Ok(found);
    }
    let known = conn
        .prepare_cached(&format!("SELECT name FROM {table} ORDER BY name"))?
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Err(StoreError::UnknownReference {
        what: what(table),
        name: name.trim().to_owned(),
        known,
    })
}

/// The named row in `table`, adding it (with a new UUIDv7 made at `now`) if
/// there is none; says whether it was added. Only for deliberate additions:
/// the Settings screen, `service-area add`, an officer's own area, an import
/// that reports what it added.
pub(super) fn find_or_add_named(
    tx: &Transaction<'_>,
    table: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(Named, bool), StoreError> {
    super::check_line("name", name)?;
    let name = name.trim();
    if let Some(found) = lookup_named(tx, table, name)? {
        return Ok((found, false));
    }
    tx.prepare_cached(&format!("INSERT INTO {table} (name, uid) VALUES (?1, ?2)"))?
        .execute(params![name, uuid_v7_at(now).to_string()])?;
    Ok((
        Named {
            id: tx.last_insert_rowid(),
            name: name.to_owned(),
        },
        true,
    ))
}

/// The migration hook that gives existing reference data its UUIDv7 ids,
/// dated by the newest event (the store never reads the clock).
pub(super) fn give_uids(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let newest: Option<String> = tx.query_row("SELECT MAX(at) FROM events", [], |r| r.get(0))?;
    let when = newest
        .and_then(|at| DateTime::parse_from_rfc3339(&at).ok())
        .map_or(DateTime::<Utc>::UNIX_EPOCH, |at| at.with_timezone(&Utc));
    for table in ["service_areas", "categories", "officers"] {
        let ids: Vec<i64> = tx
            .prepare(&format!("SELECT id FROM {table} WHERE uid IS NULL"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in ids {
            super::execute_cached(
                tx,
                &format!("UPDATE {table} SET uid = ?2 WHERE id = ?1"),
                params![id, uuid_v7_at(when).to_string()],
            )?;
        }
    }
    Ok(())
}

/// The officer with this name, if any.
pub(super) fn officer_by_name(
    tx: &rusqlite::Connection,
    name: &str,
) -> Result<Option<Officer>, StoreError> {
    let officer = tx
        .prepare_cached(
            "SELECT o.id, o.name, o.job_title, o.email, o.phone, a.id, a.name, o.roles, o.retired_on
             FROM officers o LEFT JOIN service_areas a ON a.id = o.service_area_id
             WHERE o.name = ?1",
        )?
        .query_row([name.trim()],
            officer_from_row,
        )
        .optional()?;
    Ok(officer)
}

fn officer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Officer> {
    let area_id: Option<i64> = r.get(5)?;
    let area_name: Option<String> = r.get(6)?;
    Ok(Officer {
        id: r.get(0)?,
        name: r.get(1)?,
        job_title: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        service_area: area_id.zip(area_name).map(|(id, name)| Named { id, name }),
        roles: read_roles(&r.get::<_, String>(7)?),
        retired_on: r
            .get::<_, Option<String>>(8)?
            .and_then(|d| super::columns::read_date(&d).ok()),
    })
}

/// Checks an officer's details (a name, not another officer's) and finds or
/// creates their service area. `own_id` is the officer being changed, if any.
fn checked_officer(
    tx: &Transaction<'_>,
    officer: &NewOfficer,
    own_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<Named>, StoreError> {
    for (field, text) in [
        ("name", &officer.name),
        ("job_title", &officer.job_title),
        ("email", &officer.email),
        ("phone", &officer.phone),
    ] {
        super::check_line(field, text)?;
    }
    let name = officer.name.trim();
    if name.is_empty() {
        return Err(redress::case::RuleError::Required {
            field: "name",
            what: "the officer's name",
        }
        .into());
    }
    if let Some(other) = officer_by_name(tx, name)? {
        if Some(other.id) != own_id {
            return Err(StoreError::DuplicateOfficer(name.to_owned()));
        }
    }
    officer
        .service_area
        .as_deref()
        .filter(|a| !a.trim().is_empty())
        .map(|a| find_or_add_named(tx, "service_areas", a, now).map(|(area, _)| area))
        .transpose()
}

/// Adds an officer inside a transaction; an existing name is refused.
pub(super) fn insert_officer(
    tx: &Transaction<'_>,
    officer: &NewOfficer,
    now: DateTime<Utc>,
) -> Result<Officer, StoreError> {
    let name = officer.name.trim();
    let area = checked_officer(tx, officer, None, now)?;
    super::execute_cached(
        tx,
        "INSERT INTO officers (uid, name, job_title, service_area_id, email, phone, roles)
         VALUES (?6, ?1, ?2, ?3, ?4, ?5, ?7)",
        params![
            name,
            officer.job_title.trim(),
            area.as_ref().map(|a| a.id),
            officer.email.trim(),
            officer.phone.trim(),
            uuid_v7_at(now).to_string(),
            roles_text(&officer.roles)
        ],
    )?;
    Ok(Officer {
        id: tx.last_insert_rowid(),
        name: name.to_owned(),
        job_title: officer.job_title.trim().to_owned(),
        service_area: area,
        email: officer.email.trim().to_owned(),
        phone: officer.phone.trim().to_owned(),
        roles: read_roles(&roles_text(&officer.roles)),
        retired_on: None,
    })
}

impl Store {
    /// Adds an officer.
    pub fn add_officer(
        &mut self,
        officer: &NewOfficer,
        actor: &Actor,
    ) -> Result<Officer, StoreError> {
        self.transaction(actor, |tx| insert_officer(tx, officer, actor.now))
    }

    /// Changes an officer's details (the name too). Cases follow, since they
    /// refer to the officer, not the name.
    pub fn update_officer(
        &mut self,
        name: &str,
        changed: &NewOfficer,
        actor: &Actor,
    ) -> Result<Officer, StoreError> {
        self.transaction(actor, |tx| {
            let current = officer_by_name(tx, name)?.ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))?;
            let new_name = changed.name.trim();
            let area = checked_officer(tx, changed, Some(current.id), actor.now)?;
            super::execute_cached(tx,
                "UPDATE officers SET name = ?2, job_title = ?3, service_area_id = ?4, email = ?5, phone = ?6, roles = ?7
                 WHERE id = ?1",
                params![
                    current.id,
                    new_name,
                    changed.job_title.trim(),
                    area.as_ref().map(|a| a.id),
                    changed.email.trim(),
                    changed.phone.trim(),
                    roles_text(&changed.roles)
                ],
            )?;
            // Search finds cases by their officers' names: re-index them.
            let references: Vec<String> = tx
                .prepare(
                    "SELECT reference FROM cases WHERE officer_id = ?1
                     UNION SELECT c.reference FROM cases c JOIN stages s ON s.case_id = c.id WHERE s.handler_id = ?1",
                )?
                .query_map([current.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for reference in references {
                super::search::index_case(tx, &super::case_rows::load_case(tx, &reference)?)?;
            }
            officer_by_name(tx, new_name)?.ok_or_else(|| StoreError::UnknownOfficer(new_name.to_owned()))
        })
    }

    /// Renames a service area or category (`categories` chooses which).
    pub fn rename(
        &mut self,
        categories: bool,
        from: &str,
        to: &str,
        actor: &Actor,
    ) -> Result<Named, StoreError> {
        let table = if categories {
            "categories"
        } else {
            "service_areas"
        };
        super::check_line("name", to)?;
        let to = to.trim();
        if to.is_empty() {
            return Err(redress::case::RuleError::Required {
                field: "name",
                what: "the new name",
            }
            .into());
        }
        self.transaction(actor, |tx| {
            let clash: Option<String> = tx
                .query_row(
                    &format!("SELECT name FROM {table} WHERE name = ?1 AND name <> ?2"),
                    params![to, from.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(clash) = clash {
                return Err(StoreError::DuplicateName(clash));
            }
            let changed = super::execute_cached(
                tx,
                &format!("UPDATE {table} SET name = ?2 WHERE name = ?1"),
                params![from.trim(), to],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownName(from.trim().to_owned()));
            }
            find_named(tx, table, to)
        })
    }

    /// Every officer, by name.
    pub fn officers(&self) -> Result<Vec<Officer>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.name, o.job_title, o.email, o.phone, a.id, a.name, o.roles, o.retired_on
             FROM officers o LEFT JOIN service_areas a ON a.id = o.service_area_id
             ORDER BY o.name",
        )?;
        let officers = stmt
            .query_map([], officer_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(officers)
    }

    /// Retires an officer who has left (`retired`), or brings them back.
    pub fn retire_officer(
        &mut self,
        name: &str,
        retired: bool,
        actor: &Actor,
    ) -> Result<Officer, StoreError> {
        let on = retired.then(|| super::columns::date_text(actor.today));
        self.transaction(actor, |tx| {
            let changed = super::execute_cached(
                tx,
                "UPDATE officers SET retired_on = ?2 WHERE name = ?1",
                rusqlite::params![name.trim(), on],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownOfficer(name.trim().to_owned()));
            }
            officer_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))
        })
    }

    /// The officer with this name.
    pub fn officer(&self, name: &str) -> Result<Officer, StoreError> {
        officer_by_name(&self.conn, name)?
            .ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))
    }

    /// Adds a service area (or finds the existing one of that name).
    pub fn add_service_area(&mut self, name: &str, actor: &Actor) -> Result<Named, StoreError> {
        if name.trim().is_empty() {
            return Err(redress::case::RuleError::Required {
                field: "name",
                what: "the service area's name",
            }
            .into());
        }
        self.transaction(actor, |tx| {
            Ok(find_or_add_named(tx, "service_areas", name, actor.now)?.0)
        })
    }

    /// Adds a category (or finds the existing one of that name).
    pub fn add_category(&mut self, name: &str, actor: &Actor) -> Result<Named, StoreError> {
        if name.trim().is_empty() {
            return Err(redress::case::RuleError::Required {
                field: "name",
                what: "the category's name",
            }
            .into());
        }
        self.transaction(actor, |tx| {
            Ok(find_or_add_named(tx, "categories", name, actor.now)?.0)
        })
    }

    /// Every service area, by name.
    pub fn service_areas(&self) -> Result<Vec<Named>, StoreError> {
        self.names("service_areas")
    }

    /// Every category, by name.
    pub fn categories(&self) -> Result<Vec<Named>, StoreError> {
        self.names("categories")
    }

    fn names(&self, table: &str) -> Result<Vec<Named>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT id, name FROM {table} ORDER BY name"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Named {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
